package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testing.TokenRefreshDeployment.Library;
import org.tokenrefresh.testing.example.OrdersServlet;

/** The mock deployed inside the test WAR, under a path, with the one-jar drop-in, on embedded Tomcat. */
class InWarMockOnTomcatTest {

    private static TomcatServer app;
    private static MockAuth auth;

    @BeforeAll
    static void deploy() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "shop.war").addClass(OrdersServlet.class);
        app = TomcatServer.deploy(TokenRefreshDeployment.of(war).withLibrary(Library.ONE_JAR)
                .withMockAuth("/mock-auth", MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(40))
                        .users(java.util.Map.of("demo", "demo", "erin", "e")))
                .config("tokenrefresh.login-url", "/login.html").build());
        auth = MockAuth.at(app.url() + "mock-auth");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void reset() {
        auth.reset();
    }

    @Test
    void theWarsOwnMockLogsInRefreshesAndTellsItsLifetime() {
        TestUser user = TestUser.of(app.url(), auth).login("demo", "demo");
        assertTrue(user.accessTokenExpiry().isAfter(java.time.Instant.now().plusSeconds(30)), "40 s tokens");
        user.expireAccessTokenNow();

        HttpResponse<String> orders = user.get("/orders");

        assertEquals(200, orders.statusCode(), orders.body());
        assertTrue(orders.body().contains("\"user\":\"demo\""), orders.body());
        assertEquals(1, user.refreshCalls());
        assertEquals(1, user.rotations());
        assertTrue(user.cookie("refreshToken-mac") != null, "the library now vouches for the session");
        user.assertNoRefreshTokenSentTwice();
    }

    @Test
    void aLostResponseIsA500InsideAWarAndTheSessionIsKept() {
        TestUser user = TestUser.of(app.url(), auth).login("demo", "demo");
        auth.loseResponses(1);
        user.expireAccessTokenIn(Duration.ofSeconds(10));

        assertEquals(200, user.get("orders").statusCode());
        assertEquals(1, auth.rejectedCalls() + auth.rotations(), "the servlet answered the one call with a 500");
        user.assertNeverLoggedOut();
    }

    @Test
    void aPageAfterTheSessionWasRevokedGoesToTheConfiguredLoginPage() {
        TestUser user = TestUser.of(app.url(), auth).login("erin", "e");
        auth.revokeSessions("erin");
        user.expireAccessTokenNow();

        HttpResponse<String> page = user.navigate("orders");

        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/shop/login.html"), page.headers().map().toString());
        assertEquals(2, user.logouts().size(), "both token cookies cleared: " + user.logouts());
    }
}
