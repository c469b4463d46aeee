package org.tokenrefresh.testing.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tokenrefresh.testing.*;

@ExtendWith(ArquillianExtension.class)
class OrdersArquillianIT {
    @RegisterExtension
    static final MockAuthServer AUTH = MockAuthServer.start(MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(20)));

    @Deployment(testable = false)
    static WebArchive orders() {
        return TokenRefreshDeployment.of(ShrinkWrap.create(WebArchive.class, "orders.war").addClass(OrdersServlet.class))
                .withLibrary(TokenRefreshDeployment.Library.MAVEN_JARS).withEeIntegration().authBackend(AUTH).build();
    }

    @ArquillianResource
    URL application;

    @Test
    void ordersSurviveThreeTokenLifetimesAndARateLimitedRefresh() {
        TestUser user = TestUser.of(application, AUTH).login("demo", "demo");
        for (int lifetime = 0; lifetime < 3; lifetime++) {
            user.expireAccessTokenNow();                              // as if 20 s had passed
            assertEquals(200, user.get("orders").statusCode());
        }
        AUTH.tooManyRequests(30, 1);                                  // 429 + Retry-After: 30
        user.expireAccessTokenIn(Duration.ofSeconds(5));              // due, still valid
        assertEquals(200, user.get("orders").statusCode());
        assertEquals(3, user.rotations());
        assertEquals(4, user.refreshCalls());
        user.assertNeverLoggedOut();
        user.assertNoRefreshTokenSentTwice();
    }
}
