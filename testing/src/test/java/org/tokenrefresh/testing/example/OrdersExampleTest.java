package org.tokenrefresh.testing.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tokenrefresh.testing.*;

class OrdersExampleTest {
    @RegisterExtension
    static final MockAuthServer AUTH = MockAuthServer.start(MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(30)));

    @Test
    void ordersStayAvailableWhileTokensExpireAndTheAuthServerIsDown() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "orders.war").addClass(OrdersServlet.class);
        try (TomcatServer app = TomcatServer.deploy(TokenRefreshDeployment.of(war)
                .withLibrary(TokenRefreshDeployment.Library.MAVEN_JARS).authBackend(AUTH).build())) {
            TestUser user = TestUser.of(app.url(), AUTH).login("demo", "demo");
            user.expireAccessTokenNow();
            assertEquals(200, user.get("orders").statusCode());    // refreshed before the application saw it
            AUTH.unavailable(5, Duration.ofMinutes(1));             // 503 + Retry-After: 5 from now on
            user.expireAccessTokenIn(Duration.ofSeconds(10));       // due for a refresh, still valid
            assertEquals(200, user.get("orders").statusCode());    // the outage never reaches the user
            user.assertNeverLoggedOut();
            user.assertNoRefreshTokenSentTwice();
        }
    }
}
