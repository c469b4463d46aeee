package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenrefresh.spi.RefreshEvent;

/**
 * Scenario 3 of issue 15: an administrator ends a user's session in Keycloak. The user's next request finds
 * the access token refused before it expires (by the application, through Keycloak's userinfo), the filter's
 * refresh refused with {@code invalid_grant}, and the session over: cookies cleared, 401 JSON {@code session_expired} for an
 * API call, the login page for a page navigation.
 */
@ExtendWith(KeycloakExtension.class)
class RevokedSessionIT {

    /** Closed after the class's tests (JUnit {@code @AutoClose}). */
    @AutoClose
    private static AppServer server;
    private static AppServer.App app;

    @BeforeAll
    static void start(KeycloakApi keycloak) throws Exception {
        server = new AppServer(keycloak);
        app = server.deploy("/app", Clock.systemUTC(), null);
        server.start();
    }

    @Test
    void userLoggedOutByTheAdministratorGetsClearedCookiesAnd401SessionExpired(KeycloakApi keycloak) throws Exception {
        String user = KeycloakRealm.user(25);
        Tokens login = keycloak.login(user);
        Browser browser = new Browser(login);
        long refreshCalls = app.refreshCalls();

        keycloak.logOut(user);
        HttpResponse<String> after = browser.get(app.url("/api/orders"), "Accept", "application/json");

        assertEquals(401, after.statusCode());
        assertTrue(after.body().contains("\"error\":\"session_expired\""), after.body());
        assertTrue(Instant.now().isBefore(login.expiry()), "refused for the ended session, not for expiry");
        assertSessionOver(keycloak, browser, after, refreshCalls);
        String userId = keycloak.userId(user);
        List<JsonNode> logouts = keycloak.adminEvents().stream()
                .filter(e -> e.path("resourcePath").asText().equals("users/" + userId + "/logout")).toList();
        assertEquals(1, logouts.size(), "Keycloak's admin events record the logout");
    }

    @Test
    void pageNavigationOfARevokedSessionIsSentToTheLoginPage(KeycloakApi keycloak) throws Exception {
        Tokens login = keycloak.login(KeycloakRealm.user(26));
        Browser browser = new Browser(login);
        long refreshCalls = app.refreshCalls();

        keycloak.endSession(browser.sessionId());
        HttpResponse<String> page = browser.get(app.url("/api/orders"), "Accept", "text/html", "Sec-Fetch-Mode", "navigate");

        assertEquals(302, page.statusCode(), page.body());
        assertTrue(Instant.now().isBefore(login.expiry()), "refused for the ended session, not for expiry");
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/app/login"), page.headers().toString());
        assertSessionOver(keycloak, browser, page, refreshCalls);
    }

    /** One refresh call, refused by Keycloak; both cookies deleted; the engine reports the session expired. */
    private static void assertSessionOver(KeycloakApi keycloak, Browser browser, HttpResponse<String> response, long refreshCallsBefore)
            throws InterruptedException {
        assertTrue(Browser.setCookie(response, Browser.ACCESS_COOKIE).map(Browser::deleted).orElse(false), "access cookie deleted");
        assertTrue(Browser.setCookie(response, Browser.REFRESH_COOKIE).map(Browser::deleted).orElse(false), "refresh cookie deleted");
        assertNull(browser.refreshToken());
        assertEquals(refreshCallsBefore + 1, app.refreshCalls(), "one refresh attempt, no retry of a refused grant");
        assertTrue(app.events.stream().anyMatch(e -> e.type() == RefreshEvent.Type.SESSION_EXPIRED
                && e.reason() == RefreshEvent.Reason.INVALID_GRANT), app.events.toString());
        List<JsonNode> refused = keycloak.sessionEvents("REFRESH_TOKEN_ERROR", browser.sessionId(), 1);
        assertEquals(1, refused.size(), "Keycloak refused the one refresh: " + refused);
    }
}
