package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.Await;
import org.tokenrefresh.testsupport.MutableClock;

/** The control API over real loopback HTTP, driven through {@link MockAuthControl} as a test in another JVM would. */
class ControlApiHttpTest {

    private static final String SEED_429 =
            "{\"error\":\"Too many authentication attempts\",\"message\":\"Please try again in 15 minutes\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final MockAuthHttpServer server = new MockAuthHttpServer(MockAuthBackend.builder().clock(clock)
            .users(Map.of("alice", "a", "bob", "b")).build()).start();
    private final MockAuthBackend backend = server.backend();
    private final MockAuthControl control = new MockAuthControl(server.baseUrl() + "/");
    private final TestHttp http = new TestHttp(server.baseUrl());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void userRateLimitSetAtRunTimeAnswersTheSeeds429ToThatUserOnly() throws Exception {
        Map<String, Object> config = control.configure(Map.of("userRateLimit", "2/15m"));
        String alice = backend.login("alice", "a").refreshToken();
        String bob = backend.login("bob", "b").refreshToken();
        for (int i = 0; i < 2; i++) {
            alice = TestHttp.text(http.refresh(alice).body(), "refreshToken");
        }

        HttpResponse<String> limited = http.refresh(alice);
        HttpResponse<String> other = http.refresh(bob);

        assertEquals("2/900s", config.get("userRateLimit"));
        assertEquals(900L, config.get("userRateLimitRetryAfter"));
        assertEquals(429, limited.statusCode());
        assertEquals("900", limited.headers().firstValue("Retry-After").orElse(""));
        assertEquals(SEED_429, limited.body());
        assertEquals(200, other.statusCode());
        assertEquals(1, control.counter("rateLimitedCalls"));
        assertEquals(Map.of("alice", 3L, "bob", 1L), control.stats().get("refreshCallsPerUser"));
    }

    @Test
    void faultsForTheNextCallsWithTheirRetryAfterThenNormalAnswers() throws Exception {
        String token = backend.login("alice", "a").refreshToken();
        control.fault(FaultPlan.of(Fault.RATE_LIMIT_429).retryAfterSeconds(42).times(2));

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(http.refresh(token));
        }

        assertEquals(429, answers.get(0).statusCode());
        assertEquals("42", answers.get(1).headers().firstValue("Retry-After").orElse(""));
        assertEquals(SEED_429, answers.get(1).body());
        assertEquals(200, answers.get(2).statusCode());
        assertEquals(2, control.counter("rejectedCalls"));
        assertEquals(0, control.counter("rateLimitedCalls"), "a fault's 429 is no rate limit");
    }

    @Test
    void a503ForADurationEndsByTheBackendsClock() throws Exception {
        String token = backend.login("alice", "a").refreshToken();
        control.fault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(5).forDuration(Duration.ofSeconds(30)));

        HttpResponse<String> during = http.refresh(token);
        assertEquals("UNAVAILABLE_503", control.stats().get("fault"));
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> after = http.refresh(token);

        assertEquals(503, during.statusCode());
        assertEquals("5", during.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, after.statusCode());
        assertEquals("NONE", control.stats().get("fault"));
    }

    @Test
    void aLostResponseSpendsTheTokenSoTheClientsRetryIsReuse() throws Exception {
        String token = backend.login("alice", "a").refreshToken();
        control.fault(FaultPlan.of(Fault.LOST_RESPONSE).times(1));

        assertThrows(IOException.class, () -> http.refresh(token));
        HttpResponse<String> retry = http.refresh(token);

        assertEquals(1, backend.successfulRefreshes(), "the lost answer's refresh happened");
        assertEquals(401, retry.statusCode());
        assertEquals("invalid_grant", TestHttp.text(retry.body(), "error"));
        assertEquals(1, control.counter("reuseDetections"));
        assertEquals(1, control.counter("revokedFamilies"));
    }

    @Test
    void aLateAnswerArrivesAfterTheClientGaveUpWithTheTokenAlreadySpent() throws Exception {
        String token = backend.login("alice", "a").refreshToken();
        control.fault(FaultPlan.of(Fault.LATE_ANSWER).delayMillis(5_000).times(1));

        assertThrows(HttpTimeoutException.class, () -> http.post("/api/auth/refresh", TestHttp.JSON,
                "{\"refreshToken\":\"" + token + "\"}", Duration.ofMillis(500)));

        // the server spends the token before it holds the answer back; on a slow machine it may get there late
        assertTrue(Await.until(() -> backend.successfulRefreshes() == 1, Duration.ofSeconds(10)),
                "consumed before the answer was held back");
        assertEquals(401, http.refresh(token).statusCode());
    }

    @Test
    void slowAnswerTakesAtLeastTheDelay() throws Exception {
        String token = backend.login("alice", "a").refreshToken();
        control.fault(FaultPlan.of(Fault.DELAY).delayMillis(300).times(1));

        long start = System.nanoTime();
        HttpResponse<String> slow = http.refresh(token);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, slow.statusCode());
        assertTrue(elapsedMillis >= 300, "answered after " + elapsedMillis + " ms");
    }

    @Test
    void reissueMakesTheAccessTokenExpireNowOrLater() throws Exception {
        TokenSet tokens = backend.login("alice", "a");

        String expired = control.reissueAccessToken(tokens.accessToken(), Duration.ZERO);
        String later = control.reissueAccessToken(tokens.accessToken(), Duration.ofSeconds(120));

        HttpResponse<String> rejected = http.post("/api/validate", TestHttp.JSON, "", "Authorization", "Bearer " + expired);
        assertEquals(401, rejected.statusCode());
        assertEquals("token expired", TestHttp.text(rejected.body(), "message"));
        clock.advance(Duration.ofSeconds(119));
        assertEquals(200, http.post("/api/validate", TestHttp.JSON, "", "Authorization", "Bearer " + later).statusCode());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> control.reissueAccessToken("not.a.jwt", Duration.ZERO));
        assertTrue(refused.getMessage().contains("400") && refused.getMessage().contains("invalid_token"),
                refused.getMessage());
    }

    @Test
    void bigTokensAreSwitchedOnOverHttpAndShownByConfig() throws Exception {
        control.configure(Map.of("accessTokenSize", "6000", "refresh-token-size", "12000"));

        HttpResponse<String> login = http.post("/login", TestHttp.JSON, "{\"username\":\"bob\",\"password\":\"b\"}");

        assertEquals(6_000, TestHttp.text(login.body(), "accessToken").length());
        assertEquals(12_000, TestHttp.text(login.body(), "refreshToken").length());
        assertEquals(6_000L, control.config().get("accessTokenSize"));
        HttpResponse<String> next = http.refresh(TestHttp.text(login.body(), "refreshToken"));
        assertEquals(200, next.statusCode());
        assertEquals(200, http.post("/api/validate", TestHttp.JSON, "", "Authorization",
                "Bearer " + TestHttp.text(next.body(), "accessToken")).statusCode());
    }

    @Test
    void revokeEndsTheUsersSessionsAndResetClearsFaultsAndCounters() throws Exception {
        TokenSet tokens = backend.login("alice", "a");
        http.refresh("unknown");
        control.fault(FaultPlan.of(Fault.ERROR_500));

        assertEquals(1, control.revokeUser("alice"));
        assertEquals(false, control.revokeFamily(tokens.familyId()), "already revoked");
        Map<String, Object> afterReset = control.reset();

        assertEquals(0L, afterReset.get("totalRefreshCalls"));
        assertEquals(0L, afterReset.get("revokedFamilies"));
        assertEquals("NONE", afterReset.get("fault"));
        assertEquals(Map.of(), afterReset.get("refreshCallsPerUser"));
        assertEquals(401, http.refresh(tokens.refreshToken()).statusCode(), "revocation outlives the reset");
        control.resetSessions();
        assertThrows(MockAuthException.class, () -> backend.validateAccessToken(tokens.accessToken()));
    }

    @Test
    void controlCallsTakeJsonBodiesAndRefuseWhatTheyDoNotKnow() throws Exception {
        HttpResponse<String> json = http.post("/admin/fault", TestHttp.JSON, "{\"mode\":\"unavailable_503\",\"count\":1}");
        HttpResponse<String> typo = http.post("/admin/fault", TestHttp.JSON, "{\"mode\":\"ERROR_500\",\"retryafter\":3}");
        HttpResponse<String> badSetting = http.post("/admin/config", TestHttp.JSON, "{\"userRateLimit\":\"lots\"}");
        HttpResponse<String> getChanges = http.get("/admin/config?accessTtl=5");

        assertEquals("{\"fault\":\"UNAVAILABLE_503\",\"count\":1,\"retryAfter\":1,\"delayMs\":0,\"durationMs\":0}",
                json.body());
        assertEquals(400, typo.statusCode());
        assertTrue(typo.body().contains("unknown parameter 'retryafter'"), typo.body());
        assertEquals(400, badSetting.statusCode());
        assertTrue(badSetting.body().contains("user-rate-limit='lots'"), badSetting.body());
        assertEquals(400, getChanges.statusCode());
        assertEquals(60L, control.config().get("accessTtl"));
        assertEquals(Fault.UNAVAILABLE_503, backend.fault().mode(), "the refused typo changed nothing");
    }
}
