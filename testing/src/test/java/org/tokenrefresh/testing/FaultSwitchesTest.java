package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;
import org.tokenrefresh.testing.TokenRefreshDeployment.Library;
import org.tokenrefresh.testing.example.OrdersServlet;
import org.tokenrefresh.testsupport.Await;

/**
 * Each fault switch, from the test, against the library in a WAR on embedded Tomcat, with the outcome a test asserts:
 * the user is not logged out by a backend in trouble, a revoked session is, and the assertions fail when they should.
 */
class FaultSwitchesTest {

    @RegisterExtension
    static final MockAuthServer AUTH = MockAuthServer.start(MockAuthSettings.defaults()
            .users(Map.of("demo", "demo", "carol", "c")).accessTokenLifetime(Duration.ofSeconds(60)));

    private static TomcatServer app;

    @BeforeAll
    static void deploy() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "orders.war").addClass(OrdersServlet.class);
        app = TomcatServer.deploy(TokenRefreshDeployment.of(war).withLibrary(Library.MAVEN_JARS).authBackend(AUTH)
                .config("tokenrefresh.retry-delay", "100ms").build());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static TestUser user() {
        return TestUser.of(app.url(), AUTH).login("demo", "demo");
    }

    @Test
    void a429WithRetryAfterForADueTokenLetsTheRequestGoOnWithTheValidToken() {
        TestUser user = user();
        String before = user.refreshToken();
        AUTH.tooManyRequests(30, 1);
        user.expireAccessTokenIn(Duration.ofSeconds(20)); // due (past half its life), still valid

        HttpResponse<String> orders = user.get("orders");

        assertEquals(200, orders.statusCode(), orders.body());
        assertEquals(1, user.refreshCalls(), "one call, answered 429, not retried past its Retry-After");
        assertEquals(1, AUTH.rejectedCalls());
        assertEquals(before, user.refreshToken(), "nothing rotated");
        user.assertNeverLoggedOut();
    }

    @Test
    void anOutageAnswers503ToAnExpiredTokenWithoutLoggingTheUserOutAndTheSessionGoesOnAfterIt() {
        TestUser user = user();
        AUTH.unavailable(1, Duration.ofMinutes(5));
        user.expireAccessTokenNow();

        HttpResponse<String> during = user.get("orders");

        assertEquals(503, during.statusCode(), during.body());
        assertTrue(during.headers().firstValue("Retry-After").isPresent(), during.headers().map().toString());
        user.assertNeverLoggedOut();
        AUTH.endFaults();
        assertTrue(Await.until(() -> user.get("orders").statusCode() == 200, Duration.ofSeconds(30)),
                "served again once the auth server is back (after the session's Retry-After)");
        assertEquals(1, user.rotations());
        user.assertNeverLoggedOut();
        user.assertNoRefreshTokenSentTwice();
    }

    @Test
    void aSlowAnswerIsWaitedForAndSpendsTheTokenOnce() {
        TestUser user = user();
        AUTH.slowAnswers(Duration.ofMillis(1500), 1);
        user.expireAccessTokenNow();
        long start = System.nanoTime();

        HttpResponse<String> orders = user.get("orders");

        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(1500).toNanos(), "the answer came after the delay");
        assertEquals(1, user.refreshCalls());
        assertEquals(1, user.rotations());
        user.assertNoRefreshTokenSentTwice();
    }

    @Test
    void aLostResponseIsNeverRetriedSoTheSpentTokenIsNotSentTwice() {
        TestUser user = user();
        AUTH.loseResponses(1);
        user.expireAccessTokenIn(Duration.ofSeconds(20));

        assertEquals(200, user.get("orders").statusCode(), "the still-valid token serves the request");
        assertEquals(200, user.get("orders").statusCode());

        assertEquals(1, user.refreshCalls(), "the lost refresh is not sent again");
        assertEquals(1, AUTH.rotations(), "the mock did rotate: the token is spent");
        assertEquals(0, user.rotations(), "but the answer never arrived");
        user.assertNoRefreshTokenSentTwice();
        user.assertNeverLoggedOut();
    }

    @Test
    void aRevokedSessionEndsWithA401SessionExpiredAndTheAssertionSaysSo() {
        TestUser user = TestUser.of(app.url(), AUTH).login("carol", "c");
        RevokedSession.assertEndsWith401SessionExpired(user, AUTH, "carol");

        assertEquals(3, user.logouts().size(), "cleared two cookies and answered 401: " + user.logouts());
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, user::assertNeverLoggedOut);
        assertTrue(failure.getMessage().contains("GET /orders/orders answered 401"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cleared refreshToken"), failure.getMessage());
    }

    @Test
    void aRefreshTokenSentTwiceIsCaughtByTheAssertion() throws Exception {
        TestUser user = user();
        String first = user.refreshToken();
        user.expireAccessTokenNow();
        assertEquals(200, user.get("orders").statusCode());
        assertNotEquals(first, user.refreshToken());
        user.assertNoRefreshTokenSentTwice();

        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(AUTH.url() + "/api/auth/refresh"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + first + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()); // as a thief would

        assertEquals(401, replay.statusCode());
        assertEquals(1, user.reuseDetections());
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, user::assertNoRefreshTokenSentTwice);
        assertTrue(failure.getMessage().contains("received 1 refresh token(s) again"), failure.getMessage());
        assertEquals(List.of(), user.logouts(), "the user has not noticed yet");
    }
}
