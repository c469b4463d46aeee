package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.TomcatHarness.cookies;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.Await;
import org.tokenrefresh.testsupport.SetCookies;

/** The servlet filter in a real Tomcat 11 against a real auth backend over HTTP, both on 127.0.0.1. */
class ServletFilterIT extends OnTomcat {


    /** Starts with these settings, logs in, and has the application refuse the tokens of that login. */
    private TokenSet startWithRefusedTokens(String... keyValues) throws Exception {
        start(keyValues);
        TokenSet tokens = harness.login();
        harness.apiRefusesTheTokensIssuedSoFar();
        return tokens;
    }

    @Test
    void requestWithoutTokenCookiesPassesThroughUntouched() throws Exception {
        start();
        HttpResponse<String> response = harness.get("/api/data", "theme=dark");
        assertEquals(401, response.statusCode(), "the application decides: no token, no access");
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(0, harness.backend.totalRefreshCalls());
        assertEquals(1, harness.api.invocations.get());
    }

    @Test
    void validTokenProceedsWithoutRefresh() throws Exception {
        start();
        TokenSet tokens = harness.login();
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(0, harness.backend.totalRefreshCalls());
    }

    @Test
    void expiringTokenIsRefreshedBeforeTheApplicationRuns() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.clock.advance(Duration.ofSeconds(45)); // 60 s token: due in its last 30 s
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"cookieHeader\":\"fresh\""), "the application saw the new token in the Cookie header too");
        assertEquals(1, harness.backend.totalRefreshCalls());
        assertEquals(1, harness.api.invocations.get(), "no 401 round trip inside the server");
        String access = SetCookies.requiredValue(response, "authToken");
        assertNotEquals(tokens.accessToken(), access);
        assertNotEquals(tokens.refreshToken(), SetCookies.requiredValue(response, "refreshToken"));
        String header = SetCookies.byName(response).get("authToken");
        assertTrue(header.contains("; HttpOnly"), header);
        assertTrue(header.contains("; SameSite=Lax"), header);
        assertTrue(header.contains("; Path=/"), header);
        assertTrue(header.contains("; Max-Age=604800"), header);
        assertFalse(header.contains("Secure"), "plain http with cookie-secure=auto: " + header);
        assertTrue(SetCookies.byName(response).get("refreshToken").contains("; Max-Age=2592000"));
    }

    @Test
    void expiredTokenIsRefreshedAndTheUserNeverSeesA401() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0, harness.api.unauthorized.get());
    }

    @Test
    void applicationsSetStatus401IsRefreshedAndReplayedForGet() throws Exception {
        TokenSet tokens = startWithRefusedTokens(); // server-side invalidation of current tokens
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, harness.api.invocations.get(), "first run answered 401, the replay succeeded");
        assertEquals(1, harness.backend.totalRefreshCalls());
        assertFalse(response.body().contains("invalid_token"), "the held 401 body must not leak into the replay");
        assertNotEquals(tokens.refreshToken(), SetCookies.requiredValue(response, "refreshToken"));
    }

    @Test
    void applicationsSendError401IsRefreshedAndReplayed() throws Exception {
        TokenSet tokens = startWithRefusedTokens();
        HttpResponse<String> response = harness.get("/api/senderror", cookies(tokens));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, harness.api.invocations.get());
    }

    @Test
    void secondUnauthorizedGoesToTheClient() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.api.notBefore.set(Long.MAX_VALUE); // the application refuses every token
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("invalid_token"), response.body());
        assertEquals(2, harness.api.invocations.get(), "exactly one replay, no loop");
        assertEquals(1, harness.backend.totalRefreshCalls());
        assertTrue(SetCookies.byName(response).containsKey("refreshToken"), "the rotated cookies still reach the browser");
    }

    @Test
    void committedStreaming401IsPassedThroughWithoutReplay() throws Exception {
        TokenSet tokens = startWithRefusedTokens("replay-max-body", "1KiB");
        HttpResponse<String> response = harness.get("/api/stream", cookies(tokens));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().startsWith("streamed line 0\n"), "the held start of the body is not lost");
        assertTrue(response.body().endsWith("streamed line 1999\n"));
        assertEquals(1, harness.api.invocations.get(), "a committed response cannot be replayed");
        assertEquals(0, harness.backend.totalRefreshCalls());
    }

    @Test
    void bufferedPostIsReplayedWithItsBodyWhenAllowed() throws Exception {
        TokenSet tokens = startWithRefusedTokens("replay", "all");
        HttpResponse<String> response = harness.post("/api/orders", "order=42&qty=3", cookies(tokens),
                "Content-Type", "text/plain");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"body\":\"order=42&qty=3\""), response.body());
        assertTrue(response.body().contains("\"method\":\"POST\""));
        assertEquals(2, harness.api.invocations.get());
    }

    @Test
    void postIsNotReplayedUnderTheDefaultIdempotentPolicy() throws Exception {
        TokenSet tokens = startWithRefusedTokens();
        HttpResponse<String> response = harness.post("/api/orders", "order=42", cookies(tokens), "Content-Type", "text/plain");
        assertEquals(401, response.statusCode());
        assertEquals(1, harness.api.invocations.get());
        assertEquals(0, harness.backend.totalRefreshCalls(), "no refresh for a request that cannot be replayed");
    }

    @Test
    void bodyLargerThanReplayMaxBodyIsNotReplayed() throws Exception {
        TokenSet tokens = startWithRefusedTokens("replay", "all", "replay-max-body", "16");
        HttpResponse<String> response = harness.post("/api/orders", "x".repeat(100), cookies(tokens), "Content-Type", "text/plain");
        assertEquals(401, response.statusCode());
        assertEquals(1, harness.api.invocations.get());
    }

    @Test
    void revokedSessionClearsCookiesAndAnswersSessionExpiredJson() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.backend.revokeUser("demo");
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens), "Accept", "application/json");
        assertEquals(401, response.statusCode());
        assertEquals("{\"error\":\"session_expired\",\"message\":\"Session expired. Please log in again.\"}", response.body());
        Map<String, String> cleared = SetCookies.byName(response);
        assertTrue(cleared.get("authToken").startsWith("authToken=; Max-Age=0; Path=/"), cleared.toString());
        assertTrue(cleared.get("refreshToken").startsWith("refreshToken=; Max-Age=0; Path=/"));
        assertEquals(0, harness.api.invocations.get());
    }

    @Test
    void revokedSessionRedirectsPageNavigationToConfiguredLoginUrl() throws Exception {
        start("login-url", "/login?expired=1");
        TokenSet tokens = harness.login();
        harness.backend.revokeUser("demo");
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> response = harness.get("/api/dashboard?next=https://evil.example", cookies(tokens),
                "Accept", "text/html,application/xhtml+xml", "Sec-Fetch-Mode", "navigate");
        assertEquals(302, response.statusCode());
        assertEquals("/app/login?expired=1", URI.create(response.headers().firstValue("Location").orElseThrow()).getPath()
                + "?" + URI.create(response.headers().firstValue("Location").orElseThrow()).getQuery());
        assertTrue(SetCookies.byName(response).get("refreshToken").contains("Max-Age=0"));
    }

    @Test
    void backendUnavailableLetsAValidTokenProceedUnchanged() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(30));
        harness.clock.advance(Duration.ofSeconds(45)); // due, not expired
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "cookies are kept");
    }

    @Test
    void backendUnavailableWithExpiredTokenAnswers503WithRetryAfterAndKeepsCookies() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.backend.setFault(FaultPlan.of(Fault.RATE_LIMIT_429).retryAfterSeconds(900));
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(503, response.statusCode());
        assertEquals("900", response.headers().firstValue("Retry-After").orElse(""));
        assertTrue(response.body().contains("\"error\":\"auth_unavailable\""));
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "a backend fault never logs the user out");
        assertEquals(1, harness.backend.totalRefreshCalls());
        // this session backs off for its Retry-After: its next request does not hammer the backend
        HttpResponse<String> again = harness.get("/api/data", cookies(tokens));
        assertEquals(503, again.statusCode());
        assertEquals(1, harness.backend.totalRefreshCalls());
        // one session's answer is about that session: the shared circuit stays closed for everybody else
        assertEquals(CircuitBreaker.State.CLOSED, harness.engine.circuit().state());
        harness.backend.setFault(Fault.NONE);
        harness.clock.advance(Duration.ofSeconds(900));
        assertEquals(200, harness.get("/api/data", cookies(tokens)).statusCode());
        assertEquals(CircuitBreaker.State.CLOSED, harness.engine.circuit().state());
    }

    @Test
    void shortRetryAfterIsWaitedOutAndTheRequestSucceeds() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(1).times(1));
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, harness.backend.totalRefreshCalls());
        assertEquals(0, harness.backend.reuseDetections());
    }

    @Test
    void htmlErrorPageFromBackendGives503NotA500() throws Exception {
        start();
        TokenSet tokens = harness.login();
        harness.backend.setFault(Fault.HTML_502);
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> response = harness.get("/api/data", cookies(tokens));
        assertEquals(503, response.statusCode());
        assertFalse(response.body().contains("<html"), response.body());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void lostResponseIsNotRetriedAndTheTokenIsNeverSentAgain() throws Exception {
        start("response-timeout", "300ms");
        TokenSet tokens = harness.login();
        harness.backend.setFault(FaultPlan.of(Fault.DELAY).delayMillis(1500).times(1));
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> first = harness.get("/api/data", cookies(tokens));
        assertEquals(503, first.statusCode(), first.body());
        HttpResponse<String> second = harness.get("/api/data", cookies(tokens));
        assertEquals(401, second.statusCode());
        // the backend finishes the slow refresh (and consumes the token) after we gave up on it
        assertTrue(Await.until(() -> harness.backend.successfulRefreshes() == 1, Duration.ofSeconds(10)));
        assertEquals(1, harness.backend.refreshCalls(tokens.familyId()), "the token went out once only");
        assertEquals(0, harness.backend.reuseDetections());
    }

    @Test
    void lateRequestWithRotatedRefreshTokenGetsSuccessorCookiesWithoutBackendCall() throws Exception {
        start("rotation-grace", "30s");
        TokenSet tokens = harness.login();
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> first = harness.get("/api/data", cookies(tokens));
        assertEquals(200, first.statusCode());
        harness.clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> late = harness.get("/api/data", cookies(tokens));
        assertEquals(200, late.statusCode());
        assertEquals(SetCookies.requiredValue(first, "refreshToken"), SetCookies.requiredValue(late, "refreshToken"));
        assertEquals(1, harness.backend.totalRefreshCalls());
        assertEquals(0, harness.backend.reuseDetections());
    }

    @Test
    void twoHundredParallelRequestsOverTwentyDueSessionsMakeExactlyTwentyRefreshes() throws Exception {
        // 20 first refreshes after login are unvouched: 8 run at once, the others queue within their wait budget,
        // which a loaded 2-core machine can exhaust at the default 5 s (they would get 503, as designed)
        start("wait-budget", "20s");
        List<TokenSet> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(harness.login());
        }
        harness.clock.advance(Duration.ofMinutes(2));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(harness.url("/api/data")))
                    .header("Cookie", cookies(sessions.get(i % 20))).timeout(Duration.ofSeconds(30)).build();
            responses.add(harness.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            if (response.get().statusCode() == 200) {
                ok++;
            }
        }
        assertEquals(200, ok, "0 failed requests");
        assertEquals(20, harness.backend.totalRefreshCalls());
        assertEquals(0, harness.backend.reuseDetections());
        assertEquals(0, harness.backend.revokedFamilies());
    }

    @Test
    void refreshEndpointRotatesForSameOriginAndRejectsCrossOrigin() throws Exception {
        start("endpoints-path", "/api/auth"); // explicit: served over the application's /api/* servlet
        TokenSet tokens = harness.login();
        HttpResponse<String> cross = harness.post("/api/auth/refresh", "", cookies(tokens), "Origin", "https://evil.example");
        assertEquals(403, cross.statusCode());
        HttpResponse<String> noOrigin = harness.post("/api/auth/refresh", "", cookies(tokens));
        assertEquals(403, noOrigin.statusCode(), "no Origin, Sec-Fetch-Site or Referer: rejected");
        assertEquals(0, harness.backend.totalRefreshCalls());
        String origin = "http://127.0.0.1:" + harness.tomcat.port();
        HttpResponse<String> same = harness.post("/api/auth/refresh", "", cookies(tokens), "Origin", origin);
        assertEquals(200, same.statusCode(), same.body());
        assertTrue(same.body().startsWith("{\"refreshed\":true,\"expiresAt\":"), same.body());
        assertNotEquals(tokens.refreshToken(), SetCookies.requiredValue(same, "refreshToken"));
        HttpResponse<String> fetchMetadata = harness.post("/api/auth/refresh", "",
                "refreshToken=" + SetCookies.requiredValue(same, "refreshToken"), "Sec-Fetch-Site", "same-origin");
        assertEquals(200, fetchMetadata.statusCode());
        assertEquals(2, harness.backend.totalRefreshCalls());
    }

    @Test
    void statusEndpointReportsExpiryAndRefreshesWhenDue() throws Exception {
        start("endpoints-path", "/api/auth");
        assertEquals("{\"authenticated\":false}", harness.get("/api/auth/status", null).body());
        TokenSet tokens = harness.login();
        HttpResponse<String> fresh = harness.get("/api/auth/status", cookies(tokens));
        long exp = harness.clock.epochSecond() + 60;
        assertEquals("{\"authenticated\":true,\"expiresAt\":" + exp + ",\"expiresIn\":60}", fresh.body());
        harness.clock.advance(Duration.ofSeconds(50));
        HttpResponse<String> due = harness.get("/api/auth/status", cookies(tokens));
        assertTrue(due.body().contains("\"expiresIn\":60"), due.body());
        assertEquals(1, harness.backend.totalRefreshCalls());
        assertTrue(SetCookies.byName(due).containsKey("refreshToken"));
    }

    @Test
    void eventsEndpointListsRefreshesOnlyWhenEnabled() throws Exception {
        start("events-endpoint", "true", "endpoints-path", "/api/auth");
        TokenSet tokens = harness.login();
        harness.clock.advance(Duration.ofMinutes(2));
        assertEquals(200, harness.get("/api/data", cookies(tokens)).statusCode());
        HttpResponse<String> events = harness.get("/api/auth/events", null);
        assertEquals(200, events.statusCode());
        assertTrue(events.body().startsWith("{\"events\":[{\"at\":\""), events.body());
        assertTrue(events.body().contains("\"type\":\"REFRESHED\",\"trigger\":\"PROACTIVE\""), events.body());
        assertFalse(events.body().contains(tokens.refreshToken()));
        harness.close();
        harness = null;
        start();
        assertEquals(401, harness.get("/api/auth/events", null).statusCode(), "off by default: the application answers");
        assertEquals(1, harness.api.invocations.get());
    }

    @Test
    void malformedAndOversizedCookiesAreIgnoredWithoutAnError() throws Exception {
        start();
        TokenSet tokens = harness.login();
        HttpResponse<String> oversized = harness.get("/api/data", "authToken=" + tokens.accessToken() + "; refreshToken=" + "r".repeat(5000));
        assertEquals(200, oversized.statusCode(), "the oversized refresh cookie is ignored, the app decides");
        HttpResponse<String> broken = harness.get("/api/data", "authToken=not.a.jwt; refreshToken=abc");
        assertEquals(401, broken.statusCode(), "the app's 401 for a broken token, after one refresh attempt");
        assertFalse(broken.body().contains("Exception"));
        HttpResponse<String> duplicated = harness.get("/api/data", cookies(tokens) + "; authToken=other");
        assertEquals(200, duplicated.statusCode());
        assertEquals(0, harness.backend.reuseDetections());
    }
}
