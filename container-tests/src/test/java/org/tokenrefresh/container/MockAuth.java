package org.tokenrefresh.container;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthHttpServer;
import org.tokenrefresh.mockauth.TokenSet;

/**
 * The auth backend every server refreshes against: the project's mock, served on 127.0.0.1 by this test JVM.
 * The only place this module touches {@code mock-auth-backend}. Its clock can issue tokens in the past, so a
 * test gets a real, signed access token that is due for refresh but still valid, without sleeping.
 */
final class MockAuth implements AutoCloseable {

    /** Lifetime of the access tokens it issues; refresh-threshold is capped at half of it (2.5 min). */
    static final Duration ACCESS_TTL = Duration.ofMinutes(5);
    /** The refresh endpoint of protocol {@code json}. */
    static final String JSON_REFRESH_PATH = "/api/auth/refresh";
    /** The token endpoint of protocol {@code oauth2} (RFC 6749 §6), with client authentication. */
    static final String OAUTH2_TOKEN_PATH = "/oauth2/token";
    /** The OAuth 2.0 client the {@code oauth2} endpoint accepts, with {@link #clientSecret()}. */
    static final String CLIENT_ID = "matrix-client";

    private final ShiftedClock clock = new ShiftedClock();
    /** Random per run, so that a test can look for it in logs. */
    private final String clientSecret = "client-secret-" + UUID.randomUUID();
    private final MockAuthHttpServer server;

    MockAuth() {
        server = new MockAuthHttpServer(MockAuthBackend.builder().clock(clock).accessTokenLifetime(ACCESS_TTL)
                .client(CLIENT_ID, clientSecret).build()).start();
    }

    private MockAuthBackend backend() {
        return server.backend();
    }

    /** {@code http://127.0.0.1:<port>}: the test application validates tokens at {@code /api/validate}. */
    String baseUrl() {
        return server.baseUrl();
    }

    /** The library's {@code tokenrefresh.backend-url} (protocol {@code json}). */
    String refreshUrl() {
        return server.baseUrl() + JSON_REFRESH_PATH;
    }

    /** The secret of {@link #CLIENT_ID}. */
    String clientSecret() {
        return clientSecret;
    }

    /** A new session whose access token is fresh (not due for five minutes' half-life). */
    TokenSet login() {
        return backend().login("demo", "demo");
    }

    /** A new session whose signed access token was issued {@code ago}: due for refresh when ago is past half its life. */
    synchronized TokenSet loginIssued(Duration ago) {
        clock.shift = ago.negated();
        try {
            return login();
        } finally {
            clock.shift = Duration.ZERO;
        }
    }

    /** Lifetime of the access tokens issued from now on (refreshes included); {@link #ACCESS_TTL} by default. */
    void accessLifetime(Duration lifetime) {
        backend().setAccessTokenLifetime(lifetime);
    }

    /** Sizes of the tokens issued from now on, in characters (0: as small as they come), padded with claims. */
    void tokenSizes(int access, int refresh) {
        backend().configure(java.util.Map.of("access-token-size", String.valueOf(access), "refresh-token-size", String.valueOf(refresh)));
    }

    /** Ends the session at the backend: its refresh token now gets {@code invalid_grant}. */
    void revoke(TokenSet session) {
        backend().revokeFamily(session.familyId());
    }

    /** The refresh endpoint answers 503 with {@code Retry-After: seconds} until {@link #recover()}. */
    void unavailable(int retryAfterSeconds) {
        backend().setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(retryAfterSeconds));
    }

    void recover() {
        backend().setFault(Fault.NONE);
    }

    /** Refresh calls the backend received for the session, whatever their outcome. */
    long refreshCalls(TokenSet session) {
        return backend().refreshCalls(session.familyId());
    }

    /** Refresh tokens presented again after they were used (each revokes its family). */
    long reuseDetections() {
        return backend().reuseDetections();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The system clock, shifted while a test issues tokens in the past. */
    private static final class ShiftedClock extends Clock {

        private volatile Duration shift = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }
}
