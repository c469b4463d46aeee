package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tokenrefresh.testing.MockAuthServer;
import org.tokenrefresh.testing.MockAuthSettings;
import org.tokenrefresh.testing.TestUser;
import org.tokenrefresh.testing.TokenRefreshDeployment;

/**
 * Acme Orders' JSON API on Payara Micro, tested as its team would, with the testing kit only: the packaged WAR as it
 * ships (the library in {@code WEB-INF/lib}), the kit's mock auth server standing in for the real one (the application
 * signs users in there and checks the tokens with the key they share), 8 s access tokens. The API keeps answering
 * across three token lifetimes and through an outage of the auth server, and a revoked session ends with the
 * library's 401.
 */
@ExtendWith(ArquillianExtension.class)
class AcmeOrdersApiIT {

    /** The HS256 key the auth server signs with and the API verifies with. */
    private static final String SIGNING_KEY = "acme-orders-api-test-signing-key-0123456789";
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);

    @RegisterExtension
    static final MockAuthServer AUTH = MockAuthServer.start(MockAuthSettings.defaults()
            .accessTokenLifetime(TOKEN_LIFETIME).hmacSecret(SIGNING_KEY).users(Map.of("demo", "demo", "dana", "d")));

    @Deployment(testable = false)
    static WebArchive acmeOrders() {
        WebArchive packaged = ShrinkWrap.create(ZipImporter.class, "acme-orders.war")
                .importFrom(new File(System.getProperty("sample.war", "target/token-refresh-sample.war"))).as(WebArchive.class);
        return TokenRefreshDeployment.of(packaged).authBackend(AUTH)
                .config("orders.auth-server", AUTH.url())        // the application's own sign-in goes there too
                .config("orders.jwt-secret", SIGNING_KEY)
                .build();
    }

    @ArquillianResource
    URL application;

    /** Signs in through the application's own sign-in page, as a person does. */
    private TestUser signIn(String user, String password) {
        TestUser session = TestUser.of(application, AUTH);
        HttpResponse<String> login = session.postForm("login", Map.of("username", user, "password", password));
        assertEquals(303, login.statusCode(), login.body());
        assertTrue(session.refreshToken() != null && session.cookie("refreshToken-mac") != null,
                "the application's cookies, vouched for by the library");
        return session;
    }

    @Test
    void theApiKeepsAnsweringAcrossThreeTokenLifetimes() throws InterruptedException {
        TestUser user = signIn("demo", "demo");
        Instant end = Instant.now().plus(TOKEN_LIFETIME.multipliedBy(3)).plusSeconds(2);
        int calls = 0;
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> orders = user.get(calls % 2 == 0 ? "api/orders" : "api/me");
            assertEquals(200, orders.statusCode(), orders.body());
            assertTrue(orders.body().contains("\"user\":\"demo\""), orders.body());
            calls++;
            Thread.sleep(500);
        }

        assertTrue(user.rotations() >= 3, "a new token in each lifetime: " + user.rotations() + " in " + calls + " calls");
        assertEquals(user.rotations(), user.refreshCalls(), "each rotation one call at the auth server");
        user.assertNeverLoggedOut();
        user.assertNoRefreshTokenSentTwice();
    }

    @Test
    void anOutageOfTheAuthServerLogsNobodyOutAndRequestsWithAValidTokenGoOn() {
        AUTH.accessTokenLifetime(Duration.ofMinutes(1));               // room for a few calls while due and valid
        TestUser user = signIn("demo", "demo");
        AUTH.unavailable(1, Duration.ofMinutes(5));
        user.expireAccessTokenIn(Duration.ofSeconds(20));              // due for a refresh (past half its life), still valid

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> orders = user.get("api/orders");
            assertEquals(200, orders.statusCode(), "a valid token goes on during the outage: " + orders.body());
        }
        user.expireAccessTokenNow();
        HttpResponse<String> expired = user.get("api/orders");
        assertEquals(503, expired.statusCode(), "an expired token waits for the auth server: " + expired.body());
        assertTrue(expired.headers().firstValue("Retry-After").isPresent(), expired.headers().map().toString());
        user.assertNeverLoggedOut();

        AUTH.endFaults();
        HttpResponse<String> after = retryAfterTheOutage(user);
        assertEquals(200, after.statusCode(), after.body());
        assertTrue(AUTH.rejectedCalls() >= 1, "the outage was met: " + AUTH.stats());
        user.assertNeverLoggedOut();
        user.assertNoRefreshTokenSentTwice();
    }

    @Test
    void afterTheSessionIsRevokedTheApiAnswers401SessionExpiredAndPagesGoToSignIn() {
        TestUser user = signIn("dana", "d");
        assertEquals(200, user.get("api/orders").statusCode());
        assertEquals(1, AUTH.revokeSessions("dana"));
        user.expireAccessTokenNow();

        HttpResponse<String> orders = user.get("api/orders");

        assertEquals(401, orders.statusCode());
        assertTrue(orders.body().contains("\"error\":\"session_expired\""), orders.body());
        assertNull(user.refreshToken(), "the session cookies are cleared");
        assertEquals("/acme-orders/login", user.navigate("dashboard").headers().firstValue("Location")
                .map(location -> location.replaceFirst("^https?://[^/]+", "")).orElse(""), "no session: the sign-in page");
        user.assertNoRefreshTokenSentTwice();
    }

    /** The session backs off for the outage's Retry-After: a person retries a few seconds later. */
    private static HttpResponse<String> retryAfterTheOutage(TestUser user) {
        HttpResponse<String> last = null;
        for (Instant until = Instant.now().plusSeconds(60); Instant.now().isBefore(until); ) {
            last = user.get("api/orders");
            if (last.statusCode() == 200) {
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return last;
    }
}
