package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenrefresh.testing.TokenRefreshDeployment.Library;
import org.tokenrefresh.testing.example.OrdersServlet;
import org.tokenrefresh.testsupport.Await;

/**
 * The reference: Arquillian on Payara Micro, the one-jar drop-in with {@code token-refresh-ee}, and the mock inside the
 * WAR, which the library reaches through the port Payara's MicroProfile Config tells it.
 */
@ExtendWith(ArquillianExtension.class)
class InWarMockOnPayaraIT {

    @Deployment(testable = false)
    static WebArchive shop() {
        return TokenRefreshDeployment.of(ShrinkWrap.create(WebArchive.class, "shop.war").addClass(OrdersServlet.class))
                .withLibrary(Library.ONE_JAR).withEeIntegration()
                .withMockAuth("/mock-auth", MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(30))
                        .users(Map.of("ann", "a", "ben", "b", "cyd", "c")))
                .build();
    }

    @ArquillianResource
    URL application;

    private MockAuth auth;

    @BeforeEach
    void reset() {
        auth = MockAuth.at(application + "mock-auth");
        auth.reset();
    }

    @Test
    void anExpiredTokenIsRefreshedThroughTheWarsOwnMock() {
        TestUser user = TestUser.of(application, auth).login("ann", "a");
        user.expireAccessTokenNow();

        HttpResponse<String> orders = user.get("orders");

        assertEquals(200, orders.statusCode(), orders.body());
        assertEquals(1, user.refreshCalls());
        assertEquals(1, user.rotations());
        assertNotNull(user.cookie("refreshToken-mac"), "the library vouches for the session now");
        assertTrue(user.accessTokenExpiry().isAfter(java.time.Instant.now().plusSeconds(20)), "a new 30 s token");
        user.assertNoRefreshTokenSentTwice();
    }

    @Test
    void anOutageAnswers503AndLogsNobodyOut() {
        TestUser user = TestUser.of(application, auth).login("ben", "b");
        auth.unavailable(1, Duration.ofMinutes(5));
        user.expireAccessTokenNow();

        assertEquals(503, user.get("orders").statusCode());
        user.assertNeverLoggedOut();
        auth.endFaults();
        assertTrue(Await.until(() -> user.get("orders").statusCode() == 200, Duration.ofSeconds(60)), "served after the outage");
        user.assertNeverLoggedOut();
        user.assertNoRefreshTokenSentTwice();
    }

    @Test
    void aRevokedSessionEndsWith401SessionExpired() {
        TestUser user = TestUser.of(application, auth).login("cyd", "c");
        RevokedSession.assertEndsWith401SessionExpired(user, auth, "cyd");
    }
}
