package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tokenrefresh.testing.MockAuthSettings.Protocol;
import org.tokenrefresh.testing.TokenRefreshDeployment.Library;
import org.tokenrefresh.testing.example.OrdersServlet;

/** The settings in code change what the library meets: a storm, no rotation, OAuth 2.0, a per-user rate limit. */
class BackendVariantsTest {

    @RegisterExtension
    static final MockAuthServer ROTATING = MockAuthServer.start();
    @RegisterExtension
    static final MockAuthServer NOT_ROTATING = MockAuthServer.start(MockAuthSettings.defaults().rotation(false));
    @RegisterExtension
    static final MockAuthServer OAUTH2 = MockAuthServer.start(MockAuthSettings.defaults().protocol(Protocol.OAUTH2)
            .client("orders-app", "orders-secret"));
    @RegisterExtension
    static final MockAuthServer LIMITED = MockAuthServer.start(MockAuthSettings.defaults()
            .userRateLimit(1, Duration.ofMinutes(15), Duration.ofMinutes(15)));

    @RegisterExtension
    static final MockAuthServer BIG_TOKENS = MockAuthServer.start(MockAuthSettings.defaults().tokenSizes(6000, 0));

    private static TomcatServer orders(MockAuth auth, String... keysAndValues) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "orders.war").addClass(OrdersServlet.class);
        TokenRefreshDeployment deployment = TokenRefreshDeployment.of(war).withLibrary(Library.ONE_JAR).authBackend(auth);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            deployment.config(keysAndValues[i], keysAndValues[i + 1]);
        }
        return TomcatServer.deploy(deployment.build());
    }

    /**
     * Deploys the orders application against {@code auth} (with these settings), signs in as demo, runs the steps
     * and checks the user was never logged out.
     */
    private static void signedInAsDemo(MockAuth auth, Consumer<TestUser> steps, String... keysAndValues) {
        try (TomcatServer app = orders(auth, keysAndValues)) {
            TestUser user = TestUser.of(app.url(), auth).login("demo", "demo");
            steps.accept(user);
            user.assertNeverLoggedOut();
        }
    }

    /** Each time: the access token expires, and the next call is served all the same. */
    private static void expireAndCall(TestUser user, int times) {
        for (int i = 0; i < times; i++) {
            user.expireAccessTokenNow();
            assertEquals(200, user.get("orders").statusCode(), "after expiry " + (i + 1));
        }
    }

    @Test
    void twentyParallelRequestsWithAnExpiredTokenMakeOneRefreshAndShareItsSuccessor() {
        signedInAsDemo(ROTATING, user -> {
            user.expireAccessTokenNow();

            List<HttpResponse<String>> responses = user.parallel(20, "orders");

            Set<Integer> statuses = new HashSet<>();
            responses.forEach(response -> statuses.add(response.statusCode()));
            assertEquals(Set.of(200), statuses);
            assertEquals(1, user.refreshCalls());
            assertEquals(1, user.rotations(), "every response carried the same successor");
            user.assertNoRefreshTokenSentTwice();
        });
    }

    @Test
    void withoutRotationTheSameRefreshTokenServesEveryRefresh() {
        // no grace: within it, the library would hand the same refresh token the successor it just got
        signedInAsDemo(NOT_ROTATING, user -> {
            String refreshToken = user.refreshToken();
            expireAndCall(user, 3);

            assertEquals(3, user.refreshCalls());
            assertEquals(0, user.rotations());
            assertEquals(refreshToken, user.refreshToken());
            assertTrue(user.accessTokenExpiry().isAfter(java.time.Instant.now()), "a fresh access token each time");
            user.assertNoRefreshTokenSentTwice();
        }, "tokenrefresh.rotation-grace", "0s");
    }

    @Test
    void tokensLargerThanACookieAreFollowedThroughTheirChunks() {
        signedInAsDemo(BIG_TOKENS, user -> {
            expireAndCall(user, 2);

            assertEquals(6000, user.accessToken().length(), "joined from its chunks");
            assertTrue(user.cookie("authToken-2") != null && user.cookie("authToken") == null, "written in chunks");
            assertEquals(2, user.rotations());
            assertEquals(2, user.refreshCalls());
            user.assertNoRefreshTokenSentTwice();
        });
    }

    @Test
    void theOauth2ProtocolIsSpokenWithTheSettingsClientCredentials() {
        signedInAsDemo(OAUTH2, user -> {
            user.expireAccessTokenNow();

            assertEquals(200, user.get("orders").statusCode());
            assertEquals(1, user.rotations());
            assertEquals(1, OAUTH2.rotations(), "the token endpoint accepted the client");
        });
    }

    @Test
    void aUserOverTheRateLimitKeepsWorkingWhileTheTokenIsValid() {
        signedInAsDemo(LIMITED, user -> {
            user.expireAccessTokenNow();
            assertEquals(200, user.get("orders").statusCode(), "the one refresh allowed");
            user.expireAccessTokenIn(Duration.ofSeconds(20));

            HttpResponse<String> limited = user.get("orders");

            assertEquals(200, limited.statusCode(), "429 with Retry-After: 900, and the valid token serves the request");
            assertEquals(2, user.refreshCalls());
            assertEquals(1, LIMITED.rejectedCalls());
        });
    }
}
