package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.servlet.AuthEndpoints;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.LogCapture;
import org.tokenrefresh.testsupport.ownauth.ApiApplication;
import org.tokenrefresh.testsupport.ownauth.AppLogoutServlet;
import org.tokenrefresh.testsupport.ownauth.AppRefreshServlet;
import org.tokenrefresh.testsupport.ownauth.AppStatusServlet;
import org.tokenrefresh.testsupport.ownauth.OwnRefreshPage;
import org.tokenrefresh.testsupport.ownauth.StatusResource;

/**
 * Drop-in means the application's own auth behaviour wins: its endpoints (servlets and a JAX-RS application
 * mapped over the library's default path) and its token cookies (its own refresh endpoint, its logout), on
 * a real Tomcat 11 against the strict mock backend, which revokes a token family on the first reuse. The
 * application is test-support's {@code ownauth} one, which {@code ApplicationOwnAuthPayaraIT} (ee-integration)
 * deploys on Payara Micro.
 */
class ApplicationOwnAuthIT extends OnTomcat {

    private LogCapture log;

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    private TomcatHarness start(Map<String, String> settings, boolean ownAuthServlets) throws Exception {
        log = LogCapture.of(AuthEndpoints.class.getName(), null);
        harness = new TomcatHarness(settings);
        Context context = harness.context;
        if (ownAuthServlets) {
            Tomcat.addServlet(context, "appStatus", new AppStatusServlet());
            context.addServletMappingDecoded(AppStatusServlet.PATH, "appStatus");
            Tomcat.addServlet(context, "appRefresh", new AppRefreshServlet(harness.auth.baseUrl() + "/api/auth/refresh"));
            context.addServletMappingDecoded(AppRefreshServlet.PATH, "appRefresh");
            Tomcat.addServlet(context, "appLogout", new AppLogoutServlet());
            context.addServletMappingDecoded(AppLogoutServlet.PATH, "appLogout");
        }
        return harness.start();
    }

    /** A harness whose protected servlet is at {@code /data/*}, off the library's default endpoints path. */
    private TomcatHarness startWithDataApi(Consumer<TomcatHarness> before) throws Exception {
        log = LogCapture.of(AuthEndpoints.class.getName(), null);
        harness = new TomcatHarness(Map.of(), builder -> { }, "/data/*");
        before.accept(harness);
        return harness.start();
    }

    // ---- the application's endpoints win ----

    @Test
    void applicationsOwnAuthServletsKeepAnsweringWithTheLibraryDroppedIn() throws Exception {
        start(Map.of(), true);
        TokenSet tokens = harness.login();
        HttpResponse<String> status = harness.get(AppStatusServlet.PATH, TomcatHarness.cookies(tokens));
        assertEquals(200, status.statusCode());
        assertEquals(AppStatusServlet.BODY, status.body(), "the application's body, unchanged");
        String origin = "http://127.0.0.1:" + harness.tomcat.port();
        HttpResponse<String> refresh = harness.post(AppRefreshServlet.PATH, "", TomcatHarness.cookies(tokens), "Origin", origin);
        assertEquals(200, refresh.statusCode(), refresh.body());
        assertEquals(AppRefreshServlet.BODY, refresh.body());
        List<String> warnings = warnings();
        assertEquals(2, warnings.stream().filter(w -> w.contains("tokenrefresh.endpoints-path")).count(),
                "one WARNING per shadowed endpoint, at start-up only: " + warnings);
        assertTrue(warnings.stream().anyMatch(w -> w.contains(AppStatusServlet.PATH) && w.contains("appStatus")),
                "the WARNING names the path and the application's servlet: " + warnings);
    }

    @Test
    void jaxRsApplicationOverTheDefaultEndpointsPathWinsOverTheLibrary() throws Exception {
        startWithDataApi(h -> {
            // what a JAX-RS implementation's initializer registers for @ApplicationPath("/api")
            org.apache.catalina.Wrapper jersey = Tomcat.addServlet(h.context, ApiApplication.class.getName(), new ServletContainer());
            jersey.addInitParameter("jakarta.ws.rs.Application", ApiApplication.class.getName());
            h.context.addServletMappingDecoded("/api/*", ApiApplication.class.getName());
        });
        HttpResponse<String> status = harness.get(AppStatusServlet.PATH, TomcatHarness.cookies(harness.login()));
        assertEquals(200, status.statusCode(), status.body());
        assertEquals(StatusResource.BODY, status.body(), "the application's resource answers, not the library");
        assertTrue(warnings().toString().contains(ApiApplication.class.getName()), warnings().toString());
    }

    @Test
    void movedEndpointsPathServesTheLibrarysEndpointsBesideTheApplicationsOwn() throws Exception {
        start(Map.of("endpoints-path", "/token-refresh"), true);
        TokenSet tokens = harness.login();
        assertEquals(AppStatusServlet.BODY, harness.get(AppStatusServlet.PATH, TomcatHarness.cookies(tokens)).body());
        HttpResponse<String> library = harness.get("/token-refresh/status", TomcatHarness.cookies(tokens));
        assertEquals(200, library.statusCode());
        assertTrue(library.body().startsWith("{\"authenticated\":true,\"expiresAt\":"), library.body());
        assertEquals(List.of(), warnings(), "no collision, no warning");
    }

    @Test
    void explicitlySetEndpointsPathIsServedAsAskedWithAWarning() throws Exception {
        start(Map.of("endpoints-path", "/api/auth"), true);
        TokenSet tokens = harness.login();
        HttpResponse<String> status = harness.get(AppStatusServlet.PATH, TomcatHarness.cookies(tokens));
        assertTrue(status.body().startsWith("{\"authenticated\":true,\"expiresAt\":"), "the administrator asked for it: " + status.body());
        assertTrue(warnings().toString().contains("shadows the application's servlet"), warnings().toString());
    }

    @Test
    void withoutACollisionTheDefaultPathServesTheLibrarysEndpoints() throws Exception {
        startWithDataApi(h -> { });
        HttpResponse<String> status = harness.get(AppStatusServlet.PATH, TomcatHarness.cookies(harness.login()));
        assertTrue(status.body().startsWith("{\"authenticated\":true,\"expiresAt\":"), status.body());
        assertEquals(List.of(), warnings());
    }

    // ---- the application's token cookies win ----

    @Test
    void applicationsOwnRefreshEndpointAndParallelRequestsNeverReuseARefreshTokenAcrossSeveralLifetimes() throws Exception {
        start(Map.of("rotation-grace", "30s"), true);
        TokenSet login = harness.login();
        OwnRefreshPage page = new OwnRefreshPage(harness.http, harness.url(""), "/api/data", login.accessToken(), login.refreshToken());
        for (int lifetime = 0; lifetime < 4; lifetime++) {
            harness.clock.advance(Duration.ofSeconds(40)); // 60 s tokens: due (half-life) and still valid
            // in odd rounds the browser keeps a parallel response's pair, which the application has spent
            page.refreshWhileRequestsRun(6, 2, lifetime % 2 == 0);
        }
        assertEquals(0, harness.backend.reuseDetections(), "no refresh token was ever sent twice");
        assertEquals(0, harness.backend.revokedFamilies());
        // the application's refresh endpoint never gets that spent token: it gets the application's pair
        harness.clock.advance(Duration.ofSeconds(5));
        page.refreshAlone();
        assertEquals(0, harness.backend.reuseDetections(), "no refresh token was ever sent twice");
    }

    @Test
    void applicationsLogoutClearsTheCookiesAndTheLibraryWritesNoneBack() throws Exception {
        start(Map.of(), true);
        TokenSet login = harness.login();
        OwnRefreshPage page = new OwnRefreshPage(harness.http, harness.url(""), "/api/data", login.accessToken(), login.refreshToken());
        harness.clock.advance(Duration.ofSeconds(40)); // due: the library refreshes before the logout runs
        page.logOut();
        assertEquals(1, harness.backend.totalRefreshCalls(), "the refresh before the logout only");
        assertEquals(0, harness.backend.reuseDetections());
    }

    private List<String> warnings() {
        return log.messages(Level.WARNING);
    }
}
