/**
 * A strict mock auth backend for tests, samples and benchmarks; never for production.
 *
 * <p>Public: {@link org.tokenrefresh.mockauth.MockAuthBackend} (the backend, built by
 * {@link org.tokenrefresh.mockauth.MockAuthBackendBuilder}), its two HTTP adapters
 * {@link org.tokenrefresh.mockauth.MockAuthHttpServer} (JDK HTTP server on loopback) and
 * {@link org.tokenrefresh.mockauth.MockAuthServlet} (inside a WAR), the transport-neutral protocol
 * {@link org.tokenrefresh.mockauth.AuthProtocolHandler} (whose javadoc is the manual of every endpoint,
 * the control API included), {@link org.tokenrefresh.mockauth.MockAuthControl} (the control API's client
 * for tests in another JVM), and the values {@code TokenSet}, {@code Claims}, {@code Fault},
 * {@code FaultPlan}, {@code MockAuthException}, {@code Hs256Jwt}.
 *
 * <p>Package-private, one concern each: token families and rotation with reuse detection
 * ({@code TokenFamilies}), minting and checking tokens ({@code TokenIssuer}, {@code ClaimPadding}),
 * rate limits ({@code RateLimiter}), the fault in force ({@code FaultSwitch}), counters, settings keys
 * ({@code MockAuthSettings}), the one duration parser ({@code Durations}), the mock's own JSON
 * ({@code Json}) and one handler per endpoint.
 *
 * <p>Uses the JDK and the Servlet API only ({@code provided}); never the library's code, so that the mock
 * stays an independent oracle of the library's protocol handling.
 */
package org.tokenrefresh.mockauth;
