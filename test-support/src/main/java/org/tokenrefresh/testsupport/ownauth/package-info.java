/**
 * An application that has its own auth, as the seed's applications have it (issue 11): its own
 * {@code GET /api/auth/status} and {@code POST /api/auth/refresh} servlets (the refresh one rotates the tokens at
 * the auth backend and writes the token cookies itself), its own logout, and the same status endpoint as a JAX-RS
 * resource under {@code @ApplicationPath("/api")}; and {@link org.tokenrefresh.testsupport.ownauth.OwnRefreshPage},
 * the browser page that calls the application's refresh endpoint while ordinary requests run.
 *
 * <p>The same classes run on the filter's embedded Tomcat (registered by hand there) and in the WARs the Payara
 * Micro tests deploy (registered by their annotations), so both prove the same application. They talk to the
 * auth backend over HTTP only, never through a class of the mock.
 */
package org.tokenrefresh.testsupport.ownauth;
