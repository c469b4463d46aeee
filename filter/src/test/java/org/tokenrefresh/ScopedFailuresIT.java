package org.tokenrefresh;

import org.tokenrefresh.internal.engine.RefreshMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.backend.AuthBackendClient;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.store.InMemoryRefreshStore;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.CookieJar;
import org.tokenrefresh.testsupport.SetCookies;
import org.tokenrefresh.testsupport.UnsignedJwt;

/**
 * Issue 9, "one user's trouble stays that user's", on a real Tomcat 11 against the mock auth backend over HTTP,
 * both on 127.0.0.1 ({@code docs/architecture.md}, "Whom a failure is about"): a user's rate limit, answers about
 * garbage tokens and a flood of random refresh cookies change nothing for other users; only signals about the
 * backend as a whole (the same answer for several distinct vouched sessions) open the shared circuit, for no
 * longer than {@code max-retry-after}; during an outage no request is held past its wait budget plus one call.
 * "Vouched" sessions are those the library refreshed once: they carry its {@code refreshToken-mac} cookie.
 */
class ScopedFailuresIT extends OnTomcat {

    private static final String ORIGIN_HEADER = "Origin";
    private final SplittableRandom random = new SplittableRandom(9);

    // ---- one user's 429 ----

    @Test
    void oneUsersRateLimitLeavesOtherUsersRefreshingWithinThreeSecondsAndTheCircuitClosed() throws Exception {
        // the seed's backend: at most 3 refresh calls per user and minute, then 429 "Too many authentication attempts",
        // Retry-After: 900, for every session of that user
        start(Map.of("endpoints-path", "/api/auth"), new TomcatHarness.Options().backend(b -> b
                .users(Map.of("alice", "a", "bob", "b", "carol", "c")).userRateLimit(3, Duration.ofMinutes(1))));
        assertEquals(200, harness.get("/api/data", TomcatHarness.cookies(harness.backend.login("carol", "c"))).statusCode(),
                "warm-up");
        CookieJar bob = vouchedSession("bob", "b");
        TokenSet bobLogin = harness.backend.login("bob", "b");
        CookieJar bobOtherDevice = CookieJar.of("authToken", bobLogin.accessToken(), "refreshToken", bobLogin.refreshToken());
        CookieJar alice = vouchedSession("alice", "a");
        TokenSet alicePhoneLogin = harness.backend.login("alice", "a");
        CookieJar alicePhone = CookieJar.of("authToken", alicePhoneLogin.accessToken(), "refreshToken", alicePhoneLogin.refreshToken());

        // user A presses "refresh" until the backend limits her
        String origin = "http://127.0.0.1:" + harness.tomcat.port();
        for (int press = 0; press < 2; press++) {
            HttpResponse<String> pressed = harness.post("/api/auth/refresh", "", alice.header(), ORIGIN_HEADER, origin);
            assertEquals(200, pressed.statusCode(), pressed.body());
            alice.keep(pressed);
        }
        HttpResponse<String> limited = harness.post("/api/auth/refresh", "", alice.header(), ORIGIN_HEADER, origin);
        assertEquals(503, limited.statusCode(), limited.body());
        assertTrue(retryAfter(limited) > 0, limited.headers().map().toString());
        assertEquals(CookieJar.Effect.NONE, alice.keep(limited), "a 429 never touches the cookies");
        assertEquals(1, harness.backend.rateLimitedCalls(), "the backend answered A's fourth call with its 429");

        // a minute later every access token has expired; A's lock-out (900 s) goes on
        harness.clock.advance(Duration.ofSeconds(61));
        long wallStart = System.nanoTime();
        long clockStart = harness.clock.millis();
        HttpResponse<String> userB = harness.get("/api/data", bob.header());
        Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
        Duration held = Duration.ofMillis(harness.clock.millis() - clockStart);
        assertEquals(200, userB.statusCode(), "user B is refreshed although A is rate-limited: " + userB.body());
        assertNotEquals(bob.get("refreshToken"), SetCookies.requiredValue(userB, "refreshToken"));
        // the clock is the library's measure of waiting (below); the wall-clock bound only has to stay under the
        // harness's budget, wide for a slow machine
        assertTrue(wall.compareTo(Duration.ofSeconds(8)) < 0, "B answered in " + wall.toMillis() + " ms");
        assertTrue(held.compareTo(Duration.ofSeconds(3)) < 0, "the library made B wait " + held.toMillis() + " ms");
        HttpResponse<String> userBFirstRefresh = harness.get("/api/data", bobOtherDevice.header());
        assertEquals(200, userBFirstRefresh.statusCode(), "B's first refresh after login (unvouched) too: " + userBFirstRefresh.body());

        long aliceCalls = harness.backend.refreshCallsOfUser("alice");
        HttpResponse<String> userA = harness.get("/api/data", alice.header());
        assertEquals(503, userA.statusCode(), userA.body());
        long retryAfter = retryAfter(userA);
        assertTrue(retryAfter > 60 && retryAfter <= 900, "A's own Retry-After is honoured for A: " + retryAfter);
        assertEquals(aliceCalls, harness.backend.refreshCallsOfUser("alice"), "A's session waits without calling the backend");
        HttpResponse<String> userAPhone = harness.get("/api/data", alicePhone.header());
        assertEquals(503, userAPhone.statusCode(), "the backend limits every session of A: " + userAPhone.body());
        assertTrue(retryAfter(userAPhone) > 0);
        assertNotEquals(CookieJar.Effect.DELETED, alice.keep(userA));
        assertNotEquals(CookieJar.Effect.DELETED, alicePhone.keep(userAPhone));

        assertEquals(CircuitBreaker.State.CLOSED, harness.engine.circuit().state(), "readiness stays UP");
        assertEquals(0, harness.engine.circuit().opens());
        assertEquals(0, harness.backend.reuseDetections());
    }

    /** The session's request while the backend fails: 503, and the session's cookies stay as they are. */
    private void assertUnavailableKeepingItsCookies(CookieJar session) throws Exception {
        HttpResponse<String> response = harness.get("/api/data", session.header());
        assertEquals(503, response.statusCode(), response.body());
        assertEquals(CookieJar.Effect.NONE, session.keep(response));
    }

    /** Vouched sessions whose access tokens are due, with the backend giving this answer from now on. */
    private List<CookieJar> vouchedSessionsDueWhileTheBackendAnswers(int count, FaultPlan fault) throws Exception {
        List<CookieJar> sessions = vouchedSessions(count);
        harness.backend.setFault(fault);
        harness.clock.advance(Duration.ofSeconds(61));
        return sessions;
    }

    // ---- the backend as a whole ----

    @Test
    void rateLimitsForSeveralVouchedSessionsOpenASharedPauseNoLongerThanMaxRetryAfter() throws Exception {
        start("max-retry-after", "2m");
        // an IP-wide limit: the backend answers 429, Retry-After: 900 for every session
        List<CookieJar> sessions = vouchedSessionsDueWhileTheBackendAnswers(6, FaultPlan.of(Fault.RATE_LIMIT_429).retryAfterSeconds(900));
        for (int i = 0; i < 5; i++) {
            assertEquals(CircuitBreaker.State.CLOSED, harness.engine.circuit().state(), "after " + i + " sessions");
            assertUnavailableKeepingItsCookies(sessions.get(i));
        }
        CircuitBreaker circuit = harness.engine.circuit();
        assertEquals(CircuitBreaker.State.OPEN, circuit.state(), "five distinct vouched sessions: the backend as a whole");
        assertTrue(circuit.retryAfter().compareTo(Duration.ofMinutes(2)) <= 0 && !circuit.retryAfter().isZero(),
                "the shared pause is capped at max-retry-after, not 900 s: " + circuit.retryAfter());

        long calls = harness.backend.totalRefreshCalls();
        CookieJar sixth = sessions.get(5);
        HttpResponse<String> paused = harness.get("/api/data", sixth.header());
        assertEquals(503, paused.statusCode());
        assertTrue(retryAfter(paused) <= 120, "Retry-After " + retryAfter(paused));
        assertEquals(calls, harness.backend.totalRefreshCalls(), "no call while the circuit is open");

        harness.backend.setFault(Fault.NONE);
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> after = harness.get("/api/data", sixth.header());
        assertEquals(200, after.statusCode(), "two minutes later, not fifteen: " + after.body());
        assertEquals(CircuitBreaker.State.CLOSED, circuit.state());
        assertEquals(0, harness.backend.reuseDetections());
    }

    @Test
    void fiveServiceUnavailableAnswersForDistinctVouchedSessionsOpenTheCircuitAndFourDoNot() throws Exception {
        start("response-timeout", "2s");
        // Retry-After: 5 is longer than the wait budget (response-timeout, 2 s here): one call per request, no retry
        List<CookieJar> sessions = vouchedSessionsDueWhileTheBackendAnswers(5, FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(5));
        for (int i = 0; i < 5; i++) {
            assertUnavailableKeepingItsCookies(sessions.get(i));
            assertEquals(i < 4 ? CircuitBreaker.State.CLOSED : CircuitBreaker.State.OPEN, harness.engine.circuit().state(),
                    "after " + (i + 1) + " distinct sessions");
        }
        assertEquals(5, harness.backend.totalRefreshCalls() - 5, "one call per session, no retry past the budget");
        assertEquals(1, harness.engine.circuit().opens());
    }

    @Test
    void answersAboutGarbageTokensNeitherOpenTheCircuitNorClearCookies() throws Exception {
        start();
        List<CookieJar> vouched = vouchedSessions(5);
        harness.clock.advance(Duration.ofSeconds(61));
        for (Fault fault : List.of(Fault.NOT_FOUND_404, Fault.UNPROCESSABLE_422, Fault.INVALID_REQUEST_400)) {
            harness.backend.setFault(fault);
            long calls = harness.backend.totalRefreshCalls();
            for (int i = 0; i < 5; i++) {
                CookieJar garbage = CookieJar.of("authToken", UnsignedJwt.withTimes(harness.clock.epochSecond() - 120,
                        harness.clock.epochSecond() - 60, "nobody"), "refreshToken", randomToken());
                HttpResponse<String> response = harness.get("/api/data", garbage.header());
                assertEquals(503, response.statusCode(), fault + ": " + response.body());
                assertEquals(CookieJar.Effect.NONE, garbage.keep(response), fault + " clears no cookie");
            }
            assertEquals(calls + 5, harness.backend.totalRefreshCalls(), fault + ": each garbage token asked once");
            assertEquals(CircuitBreaker.State.CLOSED, harness.engine.circuit().state(), fault.name());
        }
        // the same answers for vouched sessions are about one request each: cookies kept, circuit closed
        harness.backend.setFault(Fault.UNPROCESSABLE_422);
        for (CookieJar session : vouched) {
            HttpResponse<String> response = harness.get("/api/data", session.header());
            assertEquals(503, response.statusCode());
            assertEquals(CookieJar.Effect.NONE, session.keep(response));
        }
        assertEquals(CircuitBreaker.State.CLOSED, harness.engine.circuit().state());
        assertNull(harness.engine.configurationProblem(), "a 422 is about the request, not the configuration");

        harness.backend.setFault(Fault.NONE);
        CookieJar another = vouchedSession("demo", "demo"); // at once: nothing stands in the way
        harness.backend.setFault(Fault.NOT_FOUND_404);
        harness.clock.advance(Duration.ofSeconds(61));
        assertEquals(503, harness.get("/api/data", another.header()).statusCode());
        assertNotNull(harness.engine.configurationProblem(), "a vouched session's 404 is shown as a configuration problem");
        assertEquals(CircuitBreaker.State.CLOSED, harness.engine.circuit().state());
        assertEquals(0, harness.engine.circuit().opens());
    }

    // ---- an outage, on real time ----

    /**
     * 503 with {@code Retry-After: 5} for 10 s at 20 requests a second, half expired and half due-but-valid vouched
     * sessions, on real time. {@code wait-budget} is 6 s so that one {@code Retry-After} wait fits (with the default,
     * {@code response-timeout}, none would). "One call per window" counts from the moment the outage is recognised:
     * the first window holds the calls of the {@code circuit-failure-threshold} distinct sessions that recognise it.
     */
    @Test
    void outageHoldsNoRequestPastItsBudgetPlusOneCallAndCallsTheBackendOncePerRetryAfterWindow() throws Exception {
        Duration budget = Duration.ofSeconds(6);
        Duration responseTimeout = Duration.ofSeconds(2);
        Duration retryAfter = Duration.ofSeconds(5);
        Duration outage = Duration.ofSeconds(10);
        int threshold = 5;
        ConcurrentLinkedQueue<long[]> calls = new ConcurrentLinkedQueue<>(); // {sent, answered}
        start(Map.of("wait-budget", budget.toSeconds() + "s", "response-timeout", responseTimeout.toSeconds() + "s",
                "circuit-failure-threshold", String.valueOf(threshold)), new TomcatHarness.Options().realTime().engine(b -> {
                    AuthBackendClient http = new AuthBackendClient(b.settings(), b.clock());
                    b.backend(new AuthBackend() {
                        @Override
                        public BackendAnswer refresh(TokenPair current) {
                            long sent = System.nanoTime();
                            try {
                                return http.refresh(current);
                            } finally {
                                calls.add(new long[] {sent, System.nanoTime()});
                            }
                        }

                        @Override
                        public void close() {
                            http.close();
                        }
                    });
                }));
        // eight sessions whose access token has expired, eight whose token is due (half-life passed) but still valid
        harness.clock.advance(Duration.ofSeconds(-120));
        List<CookieJar> expired = vouchedSessions(8);
        harness.clock.reset();
        harness.clock.advance(Duration.ofSeconds(-35));
        List<CookieJar> due = vouchedSessions(8);
        harness.clock.reset();

        harness.backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds((int) retryAfter.toSeconds()).forDuration(outage));
        calls.clear();
        // when the engine opened the circuit: watched from outside, so that a call sent while the engine was still
        // judging the answer that opened it counts as in flight (seen at most a poll interval late, which is lenient)
        AtomicLong openedAt = new AtomicLong();
        Thread watcher = new Thread(() -> {
            while (openedAt.get() == 0 && !Thread.currentThread().isInterrupted()) {
                if (harness.engine.circuit().opens() > 0) {
                    openedAt.set(System.nanoTime());
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
        }, "circuit-watcher");
        watcher.setDaemon(true);
        watcher.start();
        long epoch = System.nanoTime();
        List<CompletableFuture<Sent>> sent = new ArrayList<>();
        long interval = TimeUnit.MILLISECONDS.toNanos(50);
        Duration recovered = outage.plus(retryAfter).plusMillis(500); // the last trial during the outage plus its Retry-After
        for (int i = 0; System.nanoTime() - epoch < recovered.plusSeconds(2).toNanos(); i++) {
            long wait = epoch + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean expiredKind = i % 2 == 0;
            CookieJar session = (expiredKind ? expired : due).get((i / 2) % 8);
            sent.add(send(session, expiredKind, epoch));
        }
        List<Sent> results = new ArrayList<>();
        for (CompletableFuture<Sent> future : sent) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }

        Duration longest = Duration.ZERO;
        for (Sent r : results) {
            longest = r.took().compareTo(longest) > 0 ? r.took() : longest;
            assertTrue(r.took().compareTo(budget.plus(responseTimeout)) <= 0, "held " + r.took().toMillis() + " ms: " + r);
            assertNotEquals(CookieJar.Effect.DELETED, r.change(), "an outage never clears cookies: " + r);
            boolean during = r.startedNanos() < outage.toNanos();
            if (during && !r.expired()) {
                assertEquals(200, r.status(), "a still-valid token is never held back: " + r);
            } else if (during) {
                assertTrue(r.status() == 503 || r.status() == 200, r.toString());
            } else if (r.startedNanos() > recovered.toNanos()) {
                assertEquals(200, r.status(), "recovered: " + r);
            }
        }
        long windowNanos = retryAfter.toNanos();
        // the calls sent during the outage, {sent, answered}, and when each was sent from the first request
        List<long[]> outageCalls = new ArrayList<>();
        calls.forEach(call -> {
            if (call[0] - epoch < outage.toNanos()) {
                outageCalls.add(call);
            }
        });
        List<Long> during = outageCalls.stream().map(call -> call[0] - epoch).sorted().toList();
        assertFalse(during.isEmpty());
        long anchor = during.get(0) - TimeUnit.MILLISECONDS.toNanos(50);
        int[] perWindow = new int[(int) ((outage.toNanos() - anchor) / windowNanos) + 1];
        for (long at : during) {
            perWindow[(int) ((at - anchor) / windowNanos)]++;
        }
        System.out.println("IT outage: backend calls per 5-s Retry-After window " + Arrays.toString(perWindow)
                + ", longest request " + longest.toMillis() + " ms, " + results.size() + " requests");
        // The first window: calls until five distinct sessions failed, and those sent before the engine opened the
        // circuit on the fifth (requests arrive every 50 ms and a call can take as long); none sent after it until
        // its Retry-After is over.
        outageCalls.sort(java.util.Comparator.comparingLong(call -> call[1]));
        assertTrue(outageCalls.size() >= threshold, "the circuit opened: " + outageCalls.size() + " calls");
        watcher.interrupt();
        long opened = openedAt.get();
        assertTrue(opened != 0, "the engine opened the circuit");
        long recognised = outageCalls.get(threshold - 1)[1];
        long inFlight = outageCalls.stream().filter(call -> call[0] <= opened && call[1] > recognised).count();
        long sentWhileOpen = outageCalls.stream()
                .filter(call -> call[0] > opened && call[0] < opened + windowNanos - TimeUnit.MILLISECONDS.toNanos(100)).count();
        assertTrue(perWindow[0] <= threshold + inFlight, "the first window: until five distinct sessions failed, "
                + inFlight + " in flight then " + Arrays.toString(perWindow));
        assertEquals(0, sentWhileOpen, "no call while the circuit is open " + Arrays.toString(perWindow));
        for (int w = 1; w < perWindow.length; w++) {
            assertTrue(perWindow[w] <= 1, "at most one call per Retry-After window " + Arrays.toString(perWindow));
        }
        assertEquals(0, harness.backend.reuseDetections());
        assertEquals(0, harness.backend.revokedFamilies());
    }

    // ---- a flood of random refresh cookies ----

    @Test
    void floodOfRandomRefreshCookiesDisplacesNoSuccessorRecordFromABoundedStore() throws Exception {
        start("store-max-entries", "200");
        TokenSet login = harness.login();
        CookieJar old = CookieJar.of("authToken", harness.backend.reissueAccessToken(login.accessToken(), Duration.ZERO),
                "refreshToken", login.refreshToken());
        HttpResponse<String> rotated = harness.get("/api/data", old.header());
        assertEquals(200, rotated.statusCode(), rotated.body());
        String successor = SetCookies.requiredValue(rotated, "refreshToken");

        long before = harness.backend.totalRefreshCalls();
        Map<Integer, Integer> statuses = flood(1_000);
        long floodCalls = harness.backend.totalRefreshCalls() - before;
        System.out.println("IT flood of 1000 random refresh cookies: statuses " + statuses + ", backend calls " + floodCalls
                + ", unvouched refused " + harness.engine.metrics().count(RefreshMetrics.Counter.UNVOUCHED_REFUSED));
        assertFalse(statuses.containsKey(500), statuses.toString());
        assertTrue(floodCalls <= 100, "the bulkhead for unvouched tokens bounds the calls a flood makes: " + floodCalls);
        assertTrue(((InMemoryRefreshStore) harness.engine.store()).size() <= 2,
                "the flood wrote nothing to the store that protects used tokens: " + ((InMemoryRefreshStore) harness.engine.store()).size());

        // the same browser's late request, still carrying the old cookies, within rotation-grace
        HttpResponse<String> late = harness.get("/api/data", old.header());
        assertEquals(200, late.statusCode(), late.body());
        assertEquals(successor, SetCookies.requiredValue(late, "refreshToken"), "the successor is handed out");
        assertEquals(1, harness.backend.refreshCalls(login.familyId()), "the used refresh token was never sent again");
        assertEquals(0, harness.backend.reuseDetections());
        assertFalse(harness.backend.isFamilyRevoked(login.familyId()));
        old.keep(late);
        HttpResponse<String> next = harness.get("/api/data", old.header());
        assertEquals(200, next.statusCode(), "the user's next request: " + next.body());
    }

    /** Sends {@code count} requests with random refresh cookies, 32 at a time; their statuses and counts. */
    private Map<Integer, Integer> flood(int count) throws Exception {
        long now = harness.clock.epochSecond();
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String cookies = switch (i % 3) {
                case 0 -> "refreshToken=" + randomToken(); // no access token
                case 1 -> "authToken=" + UnsignedJwt.withTimes(now - 7200, now - 3600, "x" + i) + "; refreshToken=" + randomToken();
                default -> "authToken=" + UnsignedJwt.withTimes(now, now + 3600, "x" + i) + "; refreshToken=" + randomToken(); // 401 from the app
            };
            inFlight.acquire();
            calls.add(harness.http.sendAsync(HttpRequest.newBuilder(URI.create(harness.url("/api/data"))).header("Cookie", cookies)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> inFlight.release()));
        }
        Map<Integer, Integer> statuses = new HashMap<>();
        for (CompletableFuture<HttpResponse<Void>> call : calls) {
            statuses.merge(call.get(60, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        return statuses;
    }

    // ---- helpers ----

    /** A session the library has refreshed once, so that it carries the library's MAC cookie: a vouched session. */
    private CookieJar vouchedSession(String user, String password) throws Exception {
        TokenSet login = harness.backend.login(user, password);
        CookieJar jar = CookieJar.of("authToken", harness.backend.reissueAccessToken(login.accessToken(), Duration.ZERO),
                "refreshToken", login.refreshToken());
        HttpResponse<String> first = harness.get("/api/data", jar.header());
        assertEquals(200, first.statusCode(), first.body());
        jar.keep(first);
        assertNotNull(jar.get("refreshToken-mac"), "the library vouches for the tokens it wrote: " + jar);
        return jar;
    }

    private List<CookieJar> vouchedSessions(int count) throws Exception {
        List<CookieJar> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(vouchedSession("demo", "demo"));
        }
        return sessions;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static long retryAfter(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElse("-1"));
    }

    /** One request of the outage run: when it started (since the outage began), how long it took, what it got. */
    private record Sent(boolean expired, long startedNanos, Duration took, int status, CookieJar.Effect change) {
    }

    private CompletableFuture<Sent> send(CookieJar session, boolean expired, long epoch) {
        long started = System.nanoTime();
        return harness.http.sendAsync(HttpRequest.newBuilder(URI.create(harness.url("/api/data"))).header("Cookie", session.header())
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Sent(expired, started - epoch, Duration.ofNanos(System.nanoTime() - started),
                        response.statusCode(), session.keep(response)));
    }
}
