package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tokenrefresh.testing.TokenRefreshDeployment.Library;
import org.tokenrefresh.testing.example.OrdersServlet;

/** The WAR on embedded Tomcat runs with what it holds and the settings the deployment gave it, or fails to start. */
class TomcatServerTest {

    @RegisterExtension
    static final MockAuthServer AUTH = MockAuthServer.start();

    private static WebArchive war(String name) {
        return ShrinkWrap.create(WebArchive.class, name).addClasses(OrdersServlet.class, ContextParamServlet.class);
    }

    @Test
    void aWarWithoutTheLibraryGetsNoneFromTheTestClassPath() {
        try (TomcatServer app = TomcatServer.deploy(TokenRefreshDeployment.of(war("plain.war")).authBackend(AUTH).build())) {
            TestUser user = TestUser.of(app.url(), AUTH).login("demo", "demo");
            user.expireAccessTokenNow();

            HttpResponse<String> orders = user.get("orders");

            assertEquals(401, orders.statusCode(), "the application's own check, no refresh: " + orders.body());
            assertEquals(0, user.refreshCalls());
        }
    }

    @Test
    void theDeploymentsKeysAreContextParametersWithTheServersPortFilledIn() {
        WebArchive war = TokenRefreshDeployment.of(war("ROOT.war")).withLibrary(Library.MAVEN_JARS)
                .withMockAuth("/auth", MockAuthSettings.defaults()).config("orders.page-size", "25").build();
        try (TomcatServer app = TomcatServer.deploy(war)) {
            TestUser user = TestUser.of(app.url(), MockAuth.at(app.url() + "auth"));

            assertEquals("25", user.get("param?name=orders.page-size").body());
            assertEquals("http://127.0.0.1:" + app.url().getPort() + "/auth/api/auth/refresh",
                    user.get("param?name=tokenrefresh.backend-url").body());
            assertEquals("null", user.get("param?name=config_ordinal").body());
            assertTrue(app.url().toString().matches("http://127\\.0\\.0\\.1:\\d+/"), app.url().toString());
        }
    }

    @Test
    void aWarThatFailsToStartFailsTheDeployment() {
        WebArchive war = TokenRefreshDeployment.of(war("broken.war")).withLibrary(Library.ONE_JAR).authBackend(AUTH)
                .config("tokenrefresh.refresh-threshold", "ten minutes").build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TomcatServer.deploy(war));

        assertTrue(e.getMessage().startsWith("broken.war did not start on Tomcat"), e.getMessage());
    }
}
