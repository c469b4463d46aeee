package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenrefresh.spi.TokenPair;

/**
 * Scenario 5 of issue 15: the outbound JAX-RS feature relays the user's Keycloak token to a downstream API that
 * checks it with Keycloak. To meet a token that Keycloak has expired but the library still thinks good, the
 * application server's clock runs {@link #SKEW} behind Keycloak's (servers without time sync drift like
 * this): its engine does not refresh ahead of time, and the 401 path has to save the call. That path also
 * serves the servlet filter: the application's own 401 is refreshed and replayed.
 */
@ExtendWith(KeycloakExtension.class)
class RelayIT {

    /** The application server's clock against Keycloak's. */
    static final Duration SKEW = Duration.ofSeconds(-30);

    private static DownstreamApi downstream;
    private static AppServer server;
    private static AppServer.App app;
    /** Sessions whose access tokens Keycloak has expired, by the time the tests run. */
    private static Browser expiredForRelay;
    private static Browser expiredForApplication;

    @BeforeAll
    static void start(KeycloakApi keycloak) throws Exception {
        downstream = new DownstreamApi(keycloak);
        server = new AppServer(keycloak);
        app = server.deploy("/app", Clock.offset(Clock.systemUTC(), SKEW), downstream.url("/api/profile"));
        server.start();
        expiredForRelay = new Browser(keycloak.login(KeycloakRealm.user(30)));
        expiredForApplication = new Browser(keycloak.login(KeycloakRealm.user(31)));
        RealTime.sleepUntilAll(List.of(expiredForRelay.tokens(), expiredForApplication.tokens()), Tokens::expiry);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            downstream.close();
        }
    }

    @Test
    void relaysTheUsersKeycloakTokenUnchangedWhileItIsValid(KeycloakApi keycloak) throws Exception {
        Browser browser = new Browser(keycloak.login(KeycloakRealm.user(32)));
        int before = downstream.seen().size();
        long refreshCalls = app.refreshCalls();

        HttpResponse<String> response = browser.get(app.url("/relay"));

        assertTrue(response.body().contains("\"downstreamStatus\":200"), response.body());
        assertTrue(response.body().contains("\"user\":\"user32\""), response.body());
        assertEquals(List.of(new DownstreamApi.Seen(Tokens.id(browser.accessToken()), 200)), downstream.seen().subList(before, before + 1));
        assertEquals(before + 1, downstream.seen().size());
        assertFalse(response.headers().firstValue("Set-Cookie").isPresent());
        assertEquals(refreshCalls, app.refreshCalls());
    }

    @Test
    void downstream401ForAnExpiredTokenIsRefreshedOnceThroughKeycloakAndResent(KeycloakApi keycloak) throws Exception {
        Browser browser = expiredForRelay;
        Tokens expired = browser.tokens();
        assertFalse(app.engine.isDue(pair(expired)), "by the application's clock the token is still fresh");
        assertFalse(keycloak.userinfo(expired.accessToken()).valid(), "Keycloak has expired it");
        int before = downstream.seen().size();
        long refreshCalls = app.refreshCalls();

        HttpResponse<String> response = browser.get(app.url("/relay"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"downstreamStatus\":200"), response.body());
        assertEquals(List.of(new DownstreamApi.Seen(Tokens.id(expired.accessToken()), 401),
                new DownstreamApi.Seen(Tokens.id(browser.accessToken()), 200)), downstream.seen().subList(before, downstream.seen().size()),
                "401, then one resend with the token the inbound response's cookies now hold");
        assertEquals(refreshCalls + 1, app.refreshCalls());
        assertEquals(2, browser.refreshTokens().size(), "the browser got the rotated cookies");
        assertRotatedOnceAtKeycloak(keycloak, browser);
    }

    @Test
    void applications401ForAnExpiredTokenIsRefreshedThroughKeycloakAndReplayed(KeycloakApi keycloak) throws Exception {
        Browser browser = expiredForApplication;
        assertFalse(app.engine.isDue(pair(browser.tokens())), "by the application's clock the token is still fresh");
        int invocations = app.api.invocations.get();
        long refreshCalls = app.refreshCalls();

        HttpResponse<String> response = browser.get(app.url("/api/orders"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"token\":\"" + Tokens.id(browser.accessToken()) + "\""), "replayed with the new token");
        assertEquals(invocations + 2, app.api.invocations.get(), "the application's 401, then the replay");
        assertEquals(refreshCalls + 1, app.refreshCalls());
        assertRotatedOnceAtKeycloak(keycloak, browser);
    }

    private static TokenPair pair(Tokens tokens) {
        return new TokenPair(tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(), tokens.issuedAt());
    }

    /** One refresh at Keycloak, none refused, and the rotated refresh token is live. */
    private static void assertRotatedOnceAtKeycloak(KeycloakApi keycloak, Browser browser) throws InterruptedException {
        assertEquals(1, keycloak.sessionEvents("REFRESH_TOKEN", browser.sessionId(), 1).size());
        assertEquals(0, keycloak.sessionEvents("REFRESH_TOKEN_ERROR", browser.sessionId()).size());
        HttpResponse<String> next = keycloak.refresh(browser.refreshToken());
        assertEquals(200, next.statusCode(), next.body());
        assertNotEquals(browser.refreshToken(), KeycloakApi.read(next.body()).path("refresh_token").asText());
    }
}
