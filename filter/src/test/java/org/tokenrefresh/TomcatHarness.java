package org.tokenrefresh;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthBackendBuilder;
import org.tokenrefresh.mockauth.MockAuthHttpServer;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.EmbeddedTomcat;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * A real Tomcat 11 on 127.0.0.1 ({@link EmbeddedTomcat}) with the filter in front of a protected servlet, and a
 * real mock auth backend over HTTP on 127.0.0.1 with rotating single-use refresh tokens. Backend, application and
 * engine share one {@link MutableClock}, so tests move time instead of sleeping; {@link Options#realTime()} runs
 * them on real time instead (for what only real time shows: how long a request is held).
 */
final class TomcatHarness implements AutoCloseable {

    /** What a test may change beyond the library's settings. */
    static final class Options {
        Consumer<RefreshEngine.Builder> engine = builder -> { };
        Consumer<MockAuthBackendBuilder> backend = builder -> { };
        String apiMapping = "/api/*";
        Map<String, String> connector = Map.of();
        boolean realTime;

        /** Properties of Tomcat's HTTP connector (header size limits). Default value: Tomcat's defaults. */
        Options connector(Map<String, String> properties) {
            this.connector = properties;
            return this;
        }

        /** The engine before it is built. Default value: as the settings make it. */
        Options engine(Consumer<RefreshEngine.Builder> customizer) {
            this.engine = customizer;
            return this;
        }

        /** The mock auth backend before it is built (users, rate limits). Default value: {@code demo}/{@code demo}, 60 s tokens. */
        Options backend(Consumer<MockAuthBackendBuilder> customizer) {
            this.backend = customizer;
            return this;
        }

        /** Where the protected servlet is mapped. Default value: {@code /api/*}, as in the seed's applications. */
        Options apiMapping(String mapping) {
            this.apiMapping = mapping;
            return this;
        }

        /**
         * Real time (the system clock) for backend, engine and Tomcat, and real sleeps. Default value: a clock
         * standing still until the test moves it, and sleeps that move it.
         */
        Options realTime() {
            this.realTime = true;
            return this;
        }
    }

    final MutableClock clock;
    final MockAuthHttpServer auth;
    final MockAuthBackend backend;
    final EmbeddedTomcat tomcat;
    final ProtectedApiServlet api;
    final ExecutorService clientThreads = Executors.newFixedThreadPool(64);
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build();
    RefreshEngine engine;
    final Context context;

    TomcatHarness(Map<String, String> settings) throws Exception {
        this(settings, builder -> { });
    }

    TomcatHarness(Map<String, String> settings, Consumer<RefreshEngine.Builder> customizer) throws Exception {
        this(settings, new Options().engine(customizer));
    }

    /** @param apiMapping where the protected servlet is mapped ({@code /api/*} as in the seed's applications) */
    TomcatHarness(Map<String, String> settings, Consumer<RefreshEngine.Builder> customizer, String apiMapping) throws Exception {
        this(settings, new Options().engine(customizer).apiMapping(apiMapping));
    }

    TomcatHarness(Map<String, String> settings, Options options) throws Exception {
        clock = options.realTime ? MutableClock.followingSystemTime() : MutableClock.atEpochSecond(1_900_000_000L);
        MockAuthBackendBuilder backendBuilder = MockAuthBackend.builder().clock(clock).accessTokenLifetime(Duration.ofSeconds(60));
        options.backend.accept(backendBuilder);
        backend = backendBuilder.build();
        String apiMapping = options.apiMapping;
        auth = new MockAuthHttpServer(backend).start();
        api = new ProtectedApiServlet(backend);
        tomcat = EmbeddedTomcat.onLoopback("/app", options.connector).addServlet("api", api, apiMapping).addServlet("echo", new CookieEcho(), "/echo/*")
                // as in every Tomcat web application (conf/web.xml): without a servlet for a path, filters never run
                .addServlet("default", new org.apache.catalina.servlets.DefaultServlet(), "/");
        context = tomcat.context();
        if (settings != null) {
            Map<String, String> all = new HashMap<>();
            all.put("backend-url", auth.baseUrl() + "/api/auth/refresh");
            all.put("connect-timeout", "1s");
            // generous: a loaded 2-core CI machine can take seconds to answer, and a timed-out refresh is a lost one;
            // the tests of timeouts set their own
            all.put("response-timeout", "10s");
            all.put("retry-delay", "10ms");
            // "${auth}" in a value stands for the mock auth backend's base URL
            settings.forEach((key, value) -> all.put(key, value.replace("${auth}", auth.baseUrl())));
            RefreshEngine.Builder builder = RefreshEngine.builder(TokenRefreshSettings.of(all)).clock(clock);
            if (!options.realTime) {
                builder.sleeper(clock::advance);
            }
            options.engine.accept(builder);
            engine = builder.build();
            tomcat.addFilter("tokenRefresh", new TokenRefreshFilter(engine), "/*").closeAfterStop(engine);
        }
        tomcat.closeAfterStop(auth).closeAfterStop(clientThreads::shutdownNow);
    }

    /** Answers with the request's Cookie header, as the application received it. */
    static final class CookieEcho extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write(String.valueOf(request.getHeader("Cookie")));
        }
    }

    TomcatHarness start() throws LifecycleException {
        tomcat.start();
        return this;
    }

    String url(String path) {
        return tomcat.url(path);
    }

    /** The protected servlet invalidates every token issued so far (server-side): its next request with one gets a 401. */
    void apiRefusesTheTokensIssuedSoFar() {
        api.notBefore.set(clock.epochSecond() + 1);
        clock.advance(Duration.ofSeconds(1));
    }

    TokenSet login() {
        return backend.login("demo", "demo");
    }

    HttpResponse<String> get(String path, String cookieHeader, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), cookieHeader, headers);
    }

    HttpResponse<String> post(String path, String body, String cookieHeader, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(body)), cookieHeader, headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String cookieHeader, String... headers) throws IOException, InterruptedException {
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookies(TokenSet tokens) {
        return "authToken=" + tokens.accessToken() + "; refreshToken=" + tokens.refreshToken();
    }

    /**
     * Stops Tomcat, then closes the engine, the mock auth backend and the client's threads, each even when another
     * fails (see {@link EmbeddedTomcat#closeAfterStop}).
     */
    @Override
    public void close() throws Exception {
        tomcat.close();
    }
}
