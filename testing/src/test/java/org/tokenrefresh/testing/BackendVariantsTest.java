package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** Each time: the access token expires, and the next call is served all the same. */
    private static void expireAndCall(TestUser user, int times) {
        for (int i = 0; i < times; i++) {
            user.expireAccessTokenNow();
            assertEquals(200, user.get("orders").statusCode(), "after expiry " + (i + 1));
        }
    }

    @Test
    void twentyParallelRequestsWithAnExpiredTokenMakeOneRefreshAndShareItsSuccessor() {
        try (TomcatServer app = orders(ROTATING)) {
            TestUser user = TestUser.of(app.url(), ROTATING).login("demo", "demo");
            user.expireAccessTokenNow();

            List<HttpResponse<String>> responses = user.parallel(20, "orders");

            Set<Integer> statuses = new HashSet<>();
            responses.forEach(response -> statuses.add(response.statusCode()));
            assertEquals(Set.of(200), statuses);
            assertEquals(1, user.refreshCalls());
            assertEquals(1, user.rotations(), "every response carried the same successor");
            user.assertNoRefreshTokenSentTwice();
            user.assertNeverLoggedOut();
        }
    }

    @Test
    void withoutRotationTheSameRefreshTokenServesEveryRefresh() {
        // no grace: within it, the library would hand the same refresh token the successor it just got
        try (TomcatServer app = orders(NOT_ROTATING, "tokenrefresh.rotation-grace", "0s")) {
            TestUser user = TestUser.of(app.url(), NOT_ROTATING).login("demo", "demo");
            String refreshToken = user.refreshToken();
            expireAndCall(user, 3);

            assertEquals(3, user.refreshCalls());
            assertEquals(0, user.rotations());
            assertEquals(refreshToken, user.refreshToken());
            assertTrue(user.accessTokenExpiry().isAfter(java.time.Instant.now()), "a fresh access token each time");
            user.assertNoRefreshTokenSentTwice();
            user.assertNeverLoggedOut();
        }
    }

    @Test
    void tokensLargerThanACookieAreFollowedThroughTheirChunks() {
        try (TomcatServer app = orders(BIG_TOKENS)) {
            TestUser user = TestUser.of(app.url(), BIG_TOKENS).login("demo", "demo");
            expireAndCall(user, 2);

            assertEquals(6000, user.accessToken().length(), "joined from its chunks");
            assertTrue(user.cookie("authToken-2") != null && user.cookie("authToken") == null, "written in chunks");
            assertEquals(2, user.rotations());
            assertEquals(2, user.refreshCalls());
            user.assertNeverLoggedOut();
            user.assertNoRefreshTokenSentTwice();
        }
    }

    @Test
    void theOauth2ProtocolIsSpokenWithTheSettingsClientCredentials() {
        try (TomcatServer app = orders(OAUTH2)) {
            TestUser user = TestUser.of(app.url(), OAUTH2).login("demo", "demo");
            user.expireAccessTokenNow();

            assertEquals(200, user.get("orders").statusCode());
            assertEquals(1, user.rotations());
            assertEquals(1, OAUTH2.rotations(), "the token endpoint accepted the client");
            user.assertNeverLoggedOut();
        }
    }

    @Test
    void aUserOverTheRateLimitKeepsWorkingWhileTheTokenIsValid() {
        try (TomcatServer app = orders(LIMITED)) {
            TestUser user = TestUser.of(app.url(), LIMITED).login("demo", "demo");
            user.expireAccessTokenNow();
            assertEquals(200, user.get("orders").statusCode(), "the one refresh allowed");
            user.expireAccessTokenIn(Duration.ofSeconds(20));

            HttpResponse<String> limited = user.get("orders");

            assertEquals(200, limited.statusCode(), "429 with Retry-After: 900, and the valid token serves the request");
            assertEquals(2, user.refreshCalls());
            assertEquals(1, LIMITED.rejectedCalls());
            user.assertNeverLoggedOut();
        }
    }
}
