package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.CookieJar;
import org.tokenrefresh.testsupport.SetCookies;
import org.tokenrefresh.internal.servlet.AuthEndpoints;
import org.tokenrefresh.mockauth.TokenSet;

/**
 * Drop-in means the application's own auth behaviour wins: its endpoints (servlets and a JAX-RS application
 * mapped over the library's default path) and its token cookies (its own refresh endpoint, its logout), on
 * a real Tomcat 11 against the strict mock backend, which revokes a token family on the first reuse.
 */
class ApplicationOwnAuthIT {

    /** Held: a logger only referenced by the log manager can be collected, and its handler with it. */
    private static final Logger ENDPOINTS_LOG = Logger.getLogger(AuthEndpoints.class.getName());

    private static final Pattern JSON_FIELD = Pattern.compile("\"(accessToken|refreshToken)\"\\s*:\\s*\"([^\"]+)\"");

    private TomcatHarness harness;
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() throws Exception {
        ENDPOINTS_LOG.removeHandler(capture);
        if (harness != null) {
            harness.close();
        }
    }

    private TomcatHarness start(Map<String, String> settings, boolean ownAuthServlets) throws Exception {
        ENDPOINTS_LOG.addHandler(capture);
        harness = new TomcatHarness(settings);
        Context context = harness.context;
        if (ownAuthServlets) {
            Tomcat.addServlet(context, "appStatus", new AppStatusServlet());
            context.addServletMappingDecoded("/api/auth/status", "appStatus");
            Tomcat.addServlet(context, "appRefresh", new AppRefreshServlet(harness.auth.baseUrl() + "/api/auth/refresh"));
            context.addServletMappingDecoded("/api/auth/refresh", "appRefresh");
            Tomcat.addServlet(context, "appLogout", new AppLogoutServlet());
            context.addServletMappingDecoded("/logout", "appLogout");
        }
        return harness.start();
    }

    // ---- the application's endpoints win ----

    @Test
    void applicationsOwnAuthServletsKeepAnsweringWithTheLibraryDroppedIn() throws Exception {
        start(Map.of(), true);
        TokenSet tokens = harness.login();
        HttpResponse<String> status = harness.get("/api/auth/status", TomcatHarness.cookies(tokens));
        assertEquals(200, status.statusCode());
        assertEquals("{\"authenticated\":true,\"user\":\"demo\"}", status.body(), "the application's body, unchanged");
        String origin = "http://127.0.0.1:" + harness.tomcat.port();
        HttpResponse<String> refresh = harness.post("/api/auth/refresh", "", TomcatHarness.cookies(tokens), "Origin", origin);
        assertEquals(200, refresh.statusCode(), refresh.body());
        assertEquals("{\"refreshedBy\":\"application\"}", refresh.body());
        assertEquals(2, warnings.stream().filter(w -> w.getMessage().contains("tokenrefresh.endpoints-path")).count(),
                "one WARNING per shadowed endpoint, at start-up only: " + messages());
        assertTrue(warnings.get(0).getMessage().contains("/api/auth/status") || warnings.get(1).getMessage().contains("/api/auth/status"));
        assertTrue(messages().contains("appStatus"), "the WARNING names the application's servlet: " + messages());
    }

    @Test
    void jaxRsApplicationOverTheDefaultEndpointsPathWinsOverTheLibrary() throws Exception {
        harness = null;
        ENDPOINTS_LOG.addHandler(capture);
        TomcatHarness h = new TomcatHarness(Map.of(), builder -> { }, "/data/*");
        harness = h;
        // what a JAX-RS implementation's initializer registers for @ApplicationPath("/api")
        org.apache.catalina.Wrapper jersey = Tomcat.addServlet(h.context, ApiApplication.class.getName(), new ServletContainer());
        jersey.addInitParameter("jakarta.ws.rs.Application", ApiApplication.class.getName());
        h.context.addServletMappingDecoded("/api/*", ApiApplication.class.getName());
        h.start();
        HttpResponse<String> status = h.get("/api/auth/status", TomcatHarness.cookies(h.login()));
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("{\"source\":\"jax-rs\"}", status.body(), "the application's resource answers, not the library");
        assertTrue(messages().contains(ApiApplication.class.getName()), messages());
    }

    @Test
    void movedEndpointsPathServesTheLibrarysEndpointsBesideTheApplicationsOwn() throws Exception {
        start(Map.of("endpoints-path", "/token-refresh"), true);
        TokenSet tokens = harness.login();
        assertEquals("{\"authenticated\":true,\"user\":\"demo\"}", harness.get("/api/auth/status", TomcatHarness.cookies(tokens)).body());
        HttpResponse<String> library = harness.get("/token-refresh/status", TomcatHarness.cookies(tokens));
        assertEquals(200, library.statusCode());
        assertTrue(library.body().startsWith("{\"authenticated\":true,\"expiresAt\":"), library.body());
        assertTrue(warnings.isEmpty(), "no collision, no warning: " + messages());
    }

    @Test
    void explicitlySetEndpointsPathIsServedAsAskedWithAWarning() throws Exception {
        start(Map.of("endpoints-path", "/api/auth"), true);
        TokenSet tokens = harness.login();
        HttpResponse<String> status = harness.get("/api/auth/status", TomcatHarness.cookies(tokens));
        assertTrue(status.body().startsWith("{\"authenticated\":true,\"expiresAt\":"), "the administrator asked for it: " + status.body());
        assertTrue(messages().contains("shadows the application's servlet"), messages());
    }

    @Test
    void withoutACollisionTheDefaultPathServesTheLibrarysEndpoints() throws Exception {
        harness = null;
        ENDPOINTS_LOG.addHandler(capture);
        TomcatHarness h = new TomcatHarness(Map.of(), builder -> { }, "/data/*");
        harness = h.start();
        HttpResponse<String> status = h.get("/api/auth/status", TomcatHarness.cookies(h.login()));
        assertTrue(status.body().startsWith("{\"authenticated\":true,\"expiresAt\":"), status.body());
        assertTrue(warnings.isEmpty(), messages());
    }

    // ---- the application's token cookies win ----

    @Test
    void applicationsOwnRefreshEndpointAndParallelRequestsNeverReuseARefreshTokenAcrossSeveralLifetimes() throws Exception {
        start(Map.of("rotation-grace", "30s"), true);
        TokenSet login = harness.login();
        CookieJar jar = CookieJar.of("authToken", login.accessToken(), "refreshToken", login.refreshToken());
        String origin = "http://127.0.0.1:" + harness.tomcat.port();
        String lastWrittenByApplication = null;
        for (int lifetime = 0; lifetime < 4; lifetime++) {
            harness.clock.advance(Duration.ofSeconds(40)); // 60 s tokens: due (half-life) and still valid
            String current = jar.header();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            calls.add(async(HttpRequest.newBuilder(URI.create(harness.url("/api/auth/refresh"))).POST(HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin), current));
            for (int i = 0; i < 6; i++) {
                calls.add(async(HttpRequest.newBuilder(URI.create(harness.url("/api/data"))).GET(), current));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.join();
                assertEquals(200, response.statusCode(), response.body());
                jar.keep(response); // the browser keeps what arrives, in arrival order
            }
            HttpResponse<String> appRefresh = calls.get(0).join();
            assertEquals("{\"refreshedBy\":\"application\"}", appRefresh.body());
            Map<String, String> set = SetCookies.byName(appRefresh);
            assertEquals(Set.of("authToken", "refreshToken", "refreshToken-mac"), set.keySet(),
                    "the application's cookies, the library's MAC for them, none of the library's tokens: " + set);
            lastWrittenByApplication = SetCookies.requiredValue(appRefresh, "refreshToken");
            // requests that left before the new cookies arrived, within rotation-grace
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> late = harness.get("/api/data", current);
                assertEquals(200, late.statusCode(), late.body());
                assertEquals(lastWrittenByApplication, SetCookies.requiredValue(late, "refreshToken"),
                        "a late request gets the application's tokens, never the pair the application already spent");
                if (lifetime % 2 == 0) {
                    jar.keep(late); // in odd rounds the browser keeps a parallel response's pair, spent by the application
                }
            }
        }
        assertEquals(0, harness.backend.reuseDetections(), "no refresh token was ever sent twice");
        assertEquals(0, harness.backend.revokedFamilies());
        // a parallel response may have arrived after the application's: the application's refresh endpoint
        // never gets that spent token, it gets the application's pair
        harness.clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> again = harness.post("/api/auth/refresh", "", jar.header(), "Origin", origin);
        assertEquals(200, again.statusCode(), again.body());
        jar.keep(again);
        assertEquals(SetCookies.requiredValue(again, "refreshToken"), jar.get("refreshToken"), "the browser ends with the application's tokens");
        assertEquals(200, harness.get("/api/data", jar.header()).statusCode());
        assertEquals(0, harness.backend.reuseDetections(), "no refresh token was ever sent twice");
    }

    @Test
    void applicationsLogoutClearsTheCookiesAndTheLibraryWritesNoneBack() throws Exception {
        start(Map.of(), true);
        TokenSet tokens = harness.login();
        harness.clock.advance(Duration.ofSeconds(40)); // due: the library refreshes before the logout runs
        HttpResponse<String> logout = harness.post("/logout", "", TomcatHarness.cookies(tokens));
        assertEquals(200, logout.statusCode());
        for (String header : logout.headers().allValues("Set-Cookie")) {
            assertTrue(header.contains("Max-Age=0") || header.contains("Expires=Thu, 01 Jan 1970"),
                    "only the application's clearing cookies: " + logout.headers().allValues("Set-Cookie"));
        }
        assertTrue(SetCookies.byName(logout).containsKey("refreshToken"));
        HttpResponse<String> late = harness.get("/api/data", TomcatHarness.cookies(tokens));
        String lateCookie = SetCookies.byName(late).get("refreshToken");
        assertTrue(lateCookie == null || lateCookie.contains("Max-Age=0"),
                "a logged-out session is never given tokens again: " + late.headers().allValues("Set-Cookie"));
        assertEquals(1, harness.backend.totalRefreshCalls(), "the refresh before the logout only");
        assertEquals(0, harness.backend.reuseDetections());
    }

    private CompletableFuture<HttpResponse<String>> async(HttpRequest.Builder request, String cookies) {
        return harness.http.sendAsync(request.header("Cookie", cookies).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String messages() {
        StringBuilder all = new StringBuilder();
        warnings.forEach(w -> all.append(w.getMessage()).append('\n'));
        return all.toString();
    }

    /** The application's own status endpoint, as the seed's pages use it. */
    static final class AppStatusServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getWriter().write("{\"authenticated\":true,\"user\":\"demo\"}");
        }
    }

    /** The application's own refresh endpoint: rotates the refresh token at the backend and writes the cookies itself. */
    static final class AppRefreshServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String backendUrl;
        private final transient HttpClient http = HttpClient.newHttpClient();

        AppRefreshServlet(String backendUrl) {
            this.backendUrl = backendUrl;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String refresh = null;
            for (Cookie cookie : request.getCookies()) {
                if (cookie.getName().equals("refreshToken")) {
                    refresh = cookie.getValue();
                }
            }
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(backendUrl)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + refresh + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (answer.statusCode() != 200) {
                response.setStatus(401);
                response.getWriter().write("{\"refreshedBy\":\"nobody\",\"status\":" + answer.statusCode() + "}");
                return;
            }
            Matcher fields = JSON_FIELD.matcher(answer.body());
            while (fields.find()) {
                Cookie cookie = new Cookie(fields.group(1).equals("accessToken") ? "authToken" : "refreshToken", fields.group(2));
                cookie.setHttpOnly(true);
                cookie.setPath("/");
                response.addCookie(cookie);
            }
            response.setContentType("application/json");
            response.getWriter().write("{\"refreshedBy\":\"application\"}");
        }
    }

    /** The application's own logout: clears the token cookies. */
    static final class AppLogoutServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            for (String name : new String[] {"authToken", "refreshToken"}) {
                Cookie cookie = new Cookie(name, "");
                cookie.setMaxAge(0);
                cookie.setPath("/");
                response.addCookie(cookie);
            }
            response.getWriter().write("bye");
        }
    }

    /** A JAX-RS application mapped over /api, with a resource at /api/auth/status. */
    @ApplicationPath("/api")
    public static class ApiApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(StatusResource.class);
        }
    }

    /** The application's own status resource. */
    @Path("/auth")
    public static class StatusResource {
        @GET
        @Path("status")
        public String status() {
            return "{\"source\":\"jax-rs\"}";
        }
    }
}
