package org.tokenrefresh.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.EmbeddedTomcat;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * One system under test, in process: the mock auth backend over HTTP on 127.0.0.1 and a real Tomcat 11 on
 * 127.0.0.1 ({@link EmbeddedTomcat}) serving {@link ProtectedApi} at {@code /app/api/orders} and the application's
 * own login at {@code /app/login} ({@link LoginServlet}), behind the library's
 * filter, behind the {@link NaiveRefreshFilter}, or with no filter. Backend and engine share one clock: real time,
 * shifted by the benchmarks to issue tokens "in the past" ({@link MutableClock#followingSystemTime()}), while
 * retries, Retry-After and the circuit breaker run on real time.
 */
final class AppServer implements AutoCloseable {

    /** What stands in front of the application. */
    enum Mode { LIBRARY, NAIVE, NONE }

    final MutableClock clock = MutableClock.followingSystemTime();
    final MockAuthBackend backend;
    final RecordingAuthServer auth;
    final RefreshEngine engine;
    final NaiveRefreshFilter naive;
    private final EmbeddedTomcat tomcat;

    /**
     * @param settings library settings (without prefix) over the defaults; only {@code backend-url} is set here
     * @param accessTokenLifetime lifetime of the access tokens the backend issues
     */
    AppServer(Mode mode, Map<String, String> settings, Duration accessTokenLifetime, int maxThreads) throws Exception {
        backend = MockAuthBackend.builder().clock(clock).accessTokenLifetime(accessTokenLifetime).build();
        auth = new RecordingAuthServer(backend);
        tomcat = EmbeddedTomcat.onLoopback("/app", Map.of("maxThreads", String.valueOf(maxThreads), "acceptCount", "2000"))
                .addServlet("api", new ProtectedApi(backend), "/api/*")
                .addServlet("login", new LoginServlet(backend), "/login");
        RefreshEngine built = null;
        NaiveRefreshFilter naiveFilter = null;
        if (mode == Mode.LIBRARY) {
            Map<String, String> all = new HashMap<>(settings);
            all.put("backend-url", auth.refreshUrl());
            built = RefreshEngine.builder(TokenRefreshSettings.of(all)).clock(clock).build();
            RefreshEngine preset = built;
            // the filter runs on this engine (FilterSetup.ENGINE_ATTRIBUTE), so the benchmark can read its counters
            tomcat.addInitializer((classes, servletContext) -> servletContext.setAttribute(
                    org.tokenrefresh.internal.servlet.FilterSetup.ENGINE_ATTRIBUTE, preset));
            tomcat.addFilter("refresh", new TokenRefreshFilter(), "/*").closeAfterStop(built);
        } else if (mode == Mode.NAIVE) {
            naiveFilter = new NaiveRefreshFilter(auth.refreshUrl(), clock);
            tomcat.addFilter("refresh", naiveFilter, "/*");
        }
        engine = built;
        naive = naiveFilter;
        tomcat.closeAfterStop(auth);
        tomcat.start();
    }

    String apiUrl() {
        return tomcat.url("/api/orders");
    }

    /** The application's login page: {@code POST} signs {@code demo} in and sets the token cookies itself. */
    String loginUrl() {
        return tomcat.url("/login");
    }

    /** A new login session (token family) issued at the clock's current time. */
    TokenSet login() {
        return backend.login("demo", "demo");
    }

    /**
     * The application's own login, as legacy applications have it: it signs the user in at the auth backend and
     * writes the token cookies itself (the library sees them and vouches for the refresh token).
     */
    static final class LoginServlet extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient MockAuthBackend backend;

        LoginServlet(MockAuthBackend backend) {
            this.backend = backend;
        }

        @Override
        protected void doPost(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws java.io.IOException {
            TokenSet tokens = backend.login("demo", "demo");
            response.addHeader("Set-Cookie", "authToken=" + tokens.accessToken() + "; Path=/; HttpOnly; SameSite=Lax");
            response.addHeader("Set-Cookie", "refreshToken=" + tokens.refreshToken() + "; Path=/; HttpOnly; SameSite=Lax");
            response.setContentType("application/json");
            response.getWriter().write("{\"user\":\"demo\",\"family\":\"" + tokens.familyId() + "\"}");
        }
    }

    /** Stops Tomcat, then closes the engine and the auth server. */
    @Override
    public void close() throws Exception {
        tomcat.close();
    }
}
