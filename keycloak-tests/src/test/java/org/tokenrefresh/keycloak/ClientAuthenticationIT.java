package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * Scenario 4 of issue 15: both ways of sending the client secret of RFC 6749 section 2.3.1 work with Keycloak,
 * with a secret holding characters that must be form-encoded inside the Basic header. And a wrong secret,
 * which Keycloak answers with 401 {@code invalid_client}, is a configuration problem: the user's session and
 * cookies survive it.
 */
@ExtendWith(KeycloakExtension.class)
class ClientAuthenticationIT {

    /** Closed after the class's tests (JUnit {@code @AutoClose}). */
    @AutoClose
    private static AppServer server;
    private static AppServer.App basic;
    private static AppServer.App post;
    private static AppServer.App wrongSecret;

    @BeforeAll
    static void start(KeycloakApi keycloak) throws Exception {
        server = new AppServer(keycloak);
        basic = server.deploy("/basic", Clock.systemUTC(), null, "client-auth", "client_secret_basic");
        post = server.deploy("/post", Clock.systemUTC(), null, "client-auth", "client_secret_post");
        wrongSecret = server.deploy("/wrong", Clock.systemUTC(), null, "client-secret", "not-the-secret");
        server.start();
    }

    @Test
    void clientSecretBasicRefreshesThroughKeycloak(KeycloakApi keycloak) throws Exception {
        assertRefreshedThroughKeycloak(keycloak, basic, KeycloakRealm.user(27));
    }

    @Test
    void clientSecretPostRefreshesThroughKeycloak(KeycloakApi keycloak) throws Exception {
        assertRefreshedThroughKeycloak(keycloak, post, KeycloakRealm.user(28));
    }

    private static void assertRefreshedThroughKeycloak(KeycloakApi keycloak, AppServer.App app, String user) throws Exception {
        Browser browser = new Browser(keycloak.login(user));
        RealTime.sleepUntil(browser.tokens().dueAt());

        HttpResponse<String> response = browser.get(app.url("/api/orders"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, browser.refreshTokens().size(), "refreshed: new cookies");
        assertEquals(1, app.refreshCalls());
        assertEquals(1, app.eventCount(RefreshEvent.Type.REFRESHED));
        List<JsonNode> refreshes = keycloak.sessionEvents("REFRESH_TOKEN", browser.sessionId(), 1);
        assertEquals(1, refreshes.size(), refreshes.toString());
        assertEquals(KeycloakRealm.CLIENT_ID, refreshes.get(0).path("clientId").asText(), "Keycloak authenticated our client");
    }

    @Test
    void wrongClientSecretKeepsTheSessionAndItsCookies(KeycloakApi keycloak) throws Exception {
        Browser browser = new Browser(keycloak.login(KeycloakRealm.user(29)));
        Tokens login = browser.tokens();
        RealTime.sleepUntil(login.dueAt());
        assertTrue(Instant.now().isBefore(login.expiry()), "due, not expired yet");

        HttpResponse<String> response = browser.get(wrongSecret.url("/api/orders"));

        assertEquals(200, response.statusCode(), "the token still works, so the request goes on: " + response.body());
        assertFalse(response.headers().firstValue("Set-Cookie").isPresent(), response.headers().toString());
        assertEquals(1, wrongSecret.refreshCalls());
        assertEquals(1, wrongSecret.eventCount(RefreshEvent.Type.FAILED), wrongSecret.events.toString());
        assertEquals(0, wrongSecret.eventCount(RefreshEvent.Type.SESSION_EXPIRED), "invalid_client is not the user's fault");
        HttpResponse<String> refresh = keycloak.refresh(login.refreshToken());
        assertEquals(200, refresh.statusCode(), "the refresh token was not consumed: " + refresh.body());
        assertNotEquals(login.refreshToken(), KeycloakApi.read(refresh.body()).path("refresh_token").asText());
    }
}
