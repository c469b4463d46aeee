package org.tokenrefresh.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.store.InMemoryRefreshStore;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.testing.FakeBackend;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.Await;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.testsupport.UnsignedJwt;
import org.tokenrefresh.spi.TokenPair;

class RefreshEngineTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_800_000_000L);
    private final FakeBackend backend = new FakeBackend(clock);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<RefreshEvent> events = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(64);
    private RefreshEngine engine;

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
        if (engine != null) {
            engine.close();
        }
    }

    private RefreshEngine engine(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put("backend-url", "http://127.0.0.1:1/refresh");
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        engine = RefreshEngine.builder(TokenRefreshSettings.of(settings))
                .backend(backend)
                .clock(clock)
                .sleeper(delay -> {
                    sleeps.add(delay);
                    clock.advance(delay);
                })
                .random(() -> 0.5)
                .listener(events::add)
                .build();
        return engine;
    }

    /** An engine with default settings on this store, no sleeper: what the store does is the test. */
    private RefreshEngine engineOn(org.tokenrefresh.spi.RefreshStore store) {
        engine = RefreshEngine.builder(TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r")))
                .backend(backend).clock(clock).store(store).listener(events::add).build();
        return engine;
    }

    private TokenPair pair(String refreshToken, long expiresInSeconds) {
        long now = clock.epochSecond();
        return new TokenPair(UnsignedJwt.withTimes(now - 3600, now + expiresInSeconds, "u"), refreshToken, now + expiresInSeconds, now - 3600);
    }

    @Test
    void concurrentRefreshesOfOneTokenMakeOneBackendCallAndShareItsTokens() throws Exception {
        engine();
        backend.hold();
        TokenPair old = pair("r-shared", 5);
        List<Future<RefreshOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> engine.refresh(old, Trigger.PROACTIVE)));
        }
        // let every thread reach the engine before the single backend call returns
        Await.until(() -> engine.metrics().count(RefreshMetrics.Counter.JOINS) >= 49, Duration.ofSeconds(5));
        assertEquals(49, engine.metrics().count(RefreshMetrics.Counter.JOINS),
                "all other requests joined the one refresh in flight");
        backend.open();
        String successor = null;
        for (Future<RefreshOutcome> result : results) {
            RefreshOutcome outcome = result.get();
            assertTrue(outcome.isRefreshed(), outcome.toString());
            if (successor == null) {
                successor = outcome.tokens().refreshToken();
            }
            assertEquals(successor, outcome.tokens().refreshToken());
        }
        assertEquals(1, backend.calls());
        assertEquals(1, events.stream().filter(e -> e.type() == RefreshEvent.Type.REFRESHED).count());
    }

    @Test
    void lateRequestWithRotatedTokenGetsSuccessorWithoutBackendCall() {
        engine("rotation-grace", "30s");
        TokenPair old = pair("r-late", 5);
        RefreshOutcome first = engine.refresh(old, Trigger.PROACTIVE);
        clock.advance(Duration.ofSeconds(20));
        RefreshOutcome late = engine.refresh(old, Trigger.REACTIVE);
        assertEquals(RefreshOutcome.Source.SUCCESSOR, late.source());
        assertEquals(first.tokens().refreshToken(), late.tokens().refreshToken());
        assertEquals(first.tokens().accessToken(), late.tokens().accessToken());
        assertEquals(1, backend.calls());
        assertEquals(1, engine.metrics().count(RefreshMetrics.Counter.SUCCESSOR_HITS));
    }

    @Test
    void aReaderThatMissesTheSuccessorJustBeforeTheMarkerLandsStillGetsTheSuccessor() {
        // another node writes the successor and then the marker between this node's two reads
        InMemoryRefreshStore shared = new InMemoryRefreshStore(clock, 100);
        RefreshEngine writer = RefreshEngine.builder(TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r")))
                .backend(backend).clock(clock).store(shared).build();
        TokenPair old = pair("r-interleaved", 5);
        RefreshOutcome written = writer.refresh(old, Trigger.PROACTIVE);
        java.util.concurrent.atomic.AtomicBoolean firstRead = new java.util.concurrent.atomic.AtomicBoolean(true);
        org.tokenrefresh.spi.RefreshStore late = new org.tokenrefresh.spi.RefreshStore() {
            @Override public String marker(String key) { return shared.marker(key); }
            @Override public void putMarker(String key, String value, Duration ttl) { shared.putMarker(key, value, ttl); }
            @Override public String successor(String key) { return firstRead.getAndSet(false) ? null : shared.successor(key); }
            @Override public void putSuccessor(String key, String value, Duration ttl) { shared.putSuccessor(key, value, ttl); }
            @Override public boolean tryLock(String key, Duration ttl) { return shared.tryLock(key, ttl); }
            @Override public void unlock(String key) { shared.unlock(key); }
        };
        engineOn(late);
        RefreshOutcome outcome = engine.refresh(old, Trigger.REACTIVE);
        assertTrue(outcome.isRefreshed(), outcome.toString());
        assertEquals(written.tokens().refreshToken(), outcome.tokens().refreshToken());
        assertEquals(1, backend.calls());
        writer.close();
    }

    /**
     * Refreshes this token, then uses it again {@code later}: the session is over for that request as superseded,
     * without clearing cookies ({@code why}) and without a second call.
     */
    private void assertSupersededWhenUsedAgain(String refreshToken, Duration later, String why) {
        TokenPair old = pair(refreshToken, 5);
        engine.refresh(old, Trigger.PROACTIVE);
        clock.advance(later);
        RefreshOutcome again = engine.refresh(old, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.SESSION_EXPIRED, again.status());
        assertEquals(Reason.TOKEN_SUPERSEDED, again.reason());
        assertFalse(again.clearCookies(), why);
        assertEquals(1, backend.callsWith(refreshToken));
    }

    @Test
    void rotatedTokenAfterGraceIsNeverSentAgain() {
        engine("rotation-grace", "30s", "reuse-guard", "1h");
        assertSupersededWhenUsedAgain("r-stale", Duration.ofSeconds(31), "a late request must not wipe the newer cookies the browser holds");
    }

    @Test
    void invalidGrantEndsSessionAndIsRememberedWithoutAnotherCall() {
        engine();
        backend.then(BackendAnswer.invalidGrant(400, "refresh token rejected (invalid_grant)"));
        TokenPair dead = pair("r-dead", 5);
        RefreshOutcome outcome = engine.refresh(dead, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.SESSION_EXPIRED, outcome.status());
        assertTrue(outcome.clearCookies());
        RefreshOutcome again = engine.refresh(dead, Trigger.REACTIVE);
        assertEquals(Reason.INVALID_GRANT, again.reason());
        assertEquals(1, backend.calls());
        assertEquals(RefreshEvent.Type.SESSION_EXPIRED, events.get(0).type());
    }

    @Test
    void lostResponseIsNeverRetriedWithTheSameToken() {
        engine("max-retries", "3");
        backend.then(BackendAnswer.lost("no answer within 5000 ms after sending"));
        TokenPair pair = pair("r-lost", 5);
        RefreshOutcome outcome = engine.refresh(pair, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, outcome.status());
        assertEquals(Reason.LOST_RESPONSE, outcome.reason());
        RefreshOutcome later = engine.refresh(pair, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.SESSION_EXPIRED, later.status());
        assertEquals(1, backend.callsWith("r-lost"));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void connectFailureIsRetriedWithFullJitterBackoff() {
        engine("max-retries", "3", "retry-delay", "1s");
        backend.then(BackendAnswer.notSent("refused")).then(BackendAnswer.notSent("refused"));
        RefreshOutcome outcome = engine.refresh(pair("r-retry", -1), Trigger.PROACTIVE);
        assertTrue(outcome.isRefreshed());
        assertEquals(3, backend.calls());
        // random() = 0.5: half of 1s, then half of 2s
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
    }

    @Test
    void stillValidTokenIsNotHeldBackByRetriesOrRetryAfter() {
        engine("max-retries", "3", "response-timeout", "5s");
        backend.then(BackendAnswer.notSent("refused")).then(BackendAnswer.retryLater(503, Duration.ofSeconds(2), "unavailable"));
        RefreshOutcome refused = engine.refresh(pair("r-valid-1", 60), Trigger.PROACTIVE);
        RefreshOutcome unavailable = engine.refresh(pair("r-valid-2", 60), Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, refused.status());
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, unavailable.status());
        assertTrue(sleeps.isEmpty(), "a request whose token still works goes on at once: " + sleeps);
        assertEquals(2, backend.calls());
    }

    @Test
    void connectFailuresStopAfterMaxRetries() {
        engine("max-retries", "2", "circuit-failure-threshold", "10");
        for (int i = 0; i < 5; i++) {
            backend.then(BackendAnswer.notSent("refused"));
        }
        RefreshOutcome outcome = engine.refresh(pair("r-down", -1), Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, outcome.status());
        assertEquals(Reason.BACKEND_UNAVAILABLE, outcome.reason());
        assertEquals(3, backend.calls());
    }

    @Test
    void shortRetryAfterIsWaitedForThenRetried() {
        engine("response-timeout", "5s", "retry-delay", "100ms");
        backend.then(BackendAnswer.retryLater(503, Duration.ofSeconds(2), "auth backend unavailable"));
        RefreshOutcome outcome = engine.refresh(pair("r-503", -1), Trigger.PROACTIVE);
        assertTrue(outcome.isRefreshed());
        assertEquals(2, backend.calls());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps, "Retry-After is the lower bound of the wait");
    }

    @Test
    void oneSessionsLongRetryAfterPausesThatSessionOnly() {
        engine("response-timeout", "5s");
        backend.then(BackendAnswer.retryLater(429, Duration.ofMinutes(15), "rate limited by the auth backend"));
        TokenPair limited = pair("r-429", 5);
        RefreshOutcome outcome = engine.refresh(limited, Trigger.PROACTIVE);
        assertEquals(Reason.RATE_LIMITED, outcome.reason());
        assertEquals(Duration.ofMinutes(15), outcome.retryAfter(), "the session's own Retry-After");
        assertTrue(engine.refresh(pair("r-other", 5), Trigger.PROACTIVE).isRefreshed(), "another session is not affected");
        assertEquals(CircuitBreaker.State.CLOSED, engine.circuit().state());
        RefreshOutcome again = engine.refresh(limited, Trigger.PROACTIVE);
        assertEquals(Reason.RATE_LIMITED, again.reason());
        assertEquals(2, backend.calls(), "no call for the paused session until its Retry-After has passed");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(engine.refresh(limited, Trigger.PROACTIVE).isRefreshed());
        assertEquals(3, backend.calls());
    }

    @Test
    void rateLimitsOfSeveralVouchedSessionsOpenASharedPauseNoLongerThanTheCap() {
        engine("circuit-failure-threshold", "3", "max-retry-after", "2m");
        for (int i = 0; i < 3; i++) {
            backend.then(BackendAnswer.retryLater(429, Duration.ofMinutes(15), "rate limited by the auth backend"));
            engine.refresh(pair("r-limited-" + i, 5), Trigger.PROACTIVE);
        }
        assertEquals(CircuitBreaker.State.OPEN, engine.circuit().state(), "an IP-wide limit: distinct sessions limited");
        assertEquals(Duration.ofMinutes(2), engine.circuit().retryAfter(), "capped at max-retry-after");
        assertEquals(Reason.CIRCUIT_OPEN, engine.refresh(pair("r-fresh", 5), Trigger.PROACTIVE).reason());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(engine.refresh(pair("r-fresh", 5), Trigger.PROACTIVE).isRefreshed());
        assertEquals(4, backend.calls());
    }

    @Test
    void answersAboutOneRequestOrTheConfigurationNeverOpenTheSharedCircuit() {
        java.util.List<java.util.logging.LogRecord> logged = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger(RefreshEngine.class.getName()).addHandler(handler);
        engine("circuit-failure-threshold", "2", "max-retries", "0");
        for (int i = 0; i < 5; i++) {
            backend.then(BackendAnswer.rejected(422, "auth backend rejected the request with 422"))
                    .then(BackendAnswer.configuration(404, "auth backend answered 404"));
            assertEquals(Reason.REJECTED, engine.refresh(pair("r-422-" + i, 5), Trigger.PROACTIVE).reason());
            assertEquals(Reason.CONFIGURATION, engine.refresh(pair("r-404-" + i, 5), Trigger.PROACTIVE).reason());
        }
        assertEquals(CircuitBreaker.State.CLOSED, engine.circuit().state());
        assertTrue(engine.configurationProblem().contains("404"), engine.configurationProblem());
        assertTrue(engine.refresh(pair("r-fine", 5), Trigger.PROACTIVE).isRefreshed());
        assertEquals(null, engine.configurationProblem(), "a working refresh clears it");
        java.util.logging.Logger.getLogger(RefreshEngine.class.getName()).removeHandler(handler);
        assertEquals(1, logged.stream().filter(r -> r.getLevel() == java.util.logging.Level.WARNING
                && r.getMessage().contains("configuration")).count(), "one configuration warning a minute: " + logged);
    }

    @Test
    void unvouchedAnswersNeverChangeWhatVouchedSessionsGet() {
        engine("circuit-failure-threshold", "2", "max-retries", "0");
        for (int i = 0; i < 2; i++) {
            backend.then(BackendAnswer.retryLater(503, Duration.ofSeconds(30), "auth backend unavailable"));
            engine.refresh(pair("r-forged-" + i, 5), Trigger.PROACTIVE, false, engine.budget());
        }
        assertEquals(CircuitBreaker.State.CLOSED, engine.circuit().state(), "the shared circuit hears only vouched sessions");
        RefreshOutcome forged = engine.refresh(pair("r-forged-new", 5), Trigger.PROACTIVE, false, engine.budget());
        assertEquals(Reason.CIRCUIT_OPEN, forged.reason(), "unvouched refreshes have their own breaker");
        assertTrue(engine.refresh(pair("r-vouched", 5), Trigger.PROACTIVE).isRefreshed());
        assertEquals(3, backend.calls());
    }

    @Test
    void sharedCircuitOpenedWhileOnlyUnvouchedSessionsRefreshClosesAgainOnceTheBackendAnswers() {
        // After a restart every browser's MAC is from the old key: all sessions are unvouched until they refresh once.
        // Connection failures (the backend restarting too) open the shared circuit, as transport failures should.
        engine("circuit-failure-threshold", "3", "circuit-open-time", "30s", "max-retries", "0");
        for (int i = 0; i < 3; i++) {
            backend.then(BackendAnswer.notSent("connect refused"));
            engine.refresh(pair("r-old-mac-" + i, -1), Trigger.PROACTIVE, false, engine.budget());
        }
        assertEquals(CircuitBreaker.State.OPEN, engine.circuit().state());
        clock.advance(Duration.ofSeconds(31));
        // the backend is back; with no vouched session left to make the trial, an unvouched one must be able to
        RefreshOutcome unvouched = engine.refresh(pair("r-old-mac-next", -1), Trigger.PROACTIVE, false, engine.budget());
        assertTrue(unvouched.isRefreshed(), "the circuit must not stay shut for want of a vouched session: " + unvouched);
        assertEquals(CircuitBreaker.State.CLOSED, engine.circuit().state());
        assertTrue(engine.refresh(pair("r-old-mac-other", -1), Trigger.PROACTIVE, false, engine.budget()).isRefreshed());
    }

    @Test
    void unvouchedTrialThatFailsNeitherReopensNorExtendsTheSharedCircuit() {
        engine("circuit-failure-threshold", "2", "circuit-open-time", "30s", "max-retries", "0");
        for (int i = 0; i < 2; i++) {
            backend.then(BackendAnswer.retryLater(503, Duration.ofSeconds(10), "auth backend unavailable"));
            engine.refresh(pair("r-vouched-" + i, -1), Trigger.PROACTIVE);
        }
        assertEquals(CircuitBreaker.State.OPEN, engine.circuit().state());
        long opens = engine.circuit().opens();
        clock.advance(Duration.ofSeconds(11));
        // a forged cookie whose refresh the backend answers 503 (a WAF, a per-token limit): says nothing about the rest
        backend.then(BackendAnswer.retryLater(503, Duration.ofSeconds(600), "auth backend unavailable"));
        assertEquals(RefreshOutcome.Status.UNAVAILABLE,
                engine.refresh(pair("r-forged", -1), Trigger.PROACTIVE, false, engine.budget()).status());
        assertEquals(opens, engine.circuit().opens(), "an unvouched answer never (re)opens the shared circuit");
        assertTrue(engine.refresh(pair("r-vouched-next", -1), Trigger.PROACTIVE).isRefreshed(),
                "the trial slot is free for the next session at once");
        assertEquals(CircuitBreaker.State.CLOSED, engine.circuit().state());
    }

    /** The backend's next {@code answers} answers: invalid_grant for an {@code r-garbage...} token, new tokens for any other. */
    private void backendRejectsGarbageTokens(int answers) {
        for (int i = 0; i < answers; i++) {
            backend.then(current -> current.refreshToken().startsWith("r-garbage")
                    ? BackendAnswer.invalidGrant(400, "refresh token rejected (invalid_grant)") : backend.rotate(current));
        }
    }

    @Test
    void floodOfRejectedUnvouchedTokensIsRateLimitedWhileVouchedSessionsAreNot() {
        engine("unvouched-rate", "5", "max-retries", "0");
        backendRejectsGarbageTokens(40);
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            if (engine.refresh(pair("r-garbage-" + i, 5), Trigger.PROACTIVE, false, engine.budget()).reason() == Reason.OVERLOADED) {
                refused++;
            }
        }
        assertEquals(13, backend.calls(), "after ten rejections, 3 a second in the open lane, 2 kept for tokens that come back"
                + " (the clock stands still here)");
        assertEquals(27, refused);
        assertTrue(engine.refresh(pair("r-vouched", 5), Trigger.PROACTIVE).isRefreshed(),
                "vouched sessions are never held by the unvouched bulkhead");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Reason.INVALID_GRANT, engine.refresh(pair("r-garbage-new", 5), Trigger.PROACTIVE, false, engine.budget()).reason(),
                "the next second lets a few through again");
    }

    @Test
    void genuineFirstRefreshThatComesBackAfterItsRetryAfterGetsThroughAFloodOfRandomCookies() {
        engine("unvouched-rate", "4", "max-retries", "0");
        backendRejectsGarbageTokens(60);
        for (int i = 0; i < 20; i++) {
            engine.refresh(pair("r-garbage-" + i, -1), Trigger.PROACTIVE, false, engine.budget());
        }
        TokenPair genuine = pair("r-genuine-login", -1);
        RefreshOutcome first = engine.refresh(genuine, Trigger.PROACTIVE, false, engine.budget());
        assertEquals(Reason.OVERLOADED, first.reason(), "the flood took this second's open lane");
        assertEquals(Duration.ofSeconds(1), first.retryAfter());
        for (int i = 1000; i < 6000; i++) { // 5,000 more random cookies refused within that second
            engine.refresh(pair("r-garbage-" + i, -1), Trigger.PROACTIVE, false, engine.budget());
        }

        clock.advance(Duration.ofSeconds(1));
        int calls = backend.calls();
        for (int i = 20; i < 40; i++) { // the flood goes on and takes the open lane of the next second first
            engine.refresh(pair("r-garbage-" + i, -1), Trigger.PROACTIVE, false, engine.budget());
        }
        assertEquals(calls + 2, backend.calls(), "the open lane: half of unvouched-rate");
        assertTrue(engine.refresh(genuine, Trigger.PROACTIVE, false, engine.budget()).isRefreshed(),
                "the user's retry with the same token, after its Retry-After, starts in the lane kept for returning tokens");
        assertEquals(calls + 3, backend.calls(), "still no more than unvouched-rate a second toward the backend");
        // a flood that resends its refused tokens shares the returning lane, and the backend still sees unvouched-rate a second
        engine.refresh(pair("r-garbage-15", -1), Trigger.PROACTIVE, false, engine.budget());
        assertEquals(Reason.OVERLOADED, engine.refresh(pair("r-garbage-16", -1), Trigger.PROACTIVE, false, engine.budget()).reason());
        assertEquals(calls + 4, backend.calls());
    }

    @Test
    void deadUnvouchedTokensAreRememberedLocallyNotInTheStore() {
        assertUnvouchedTokenRememberedLocally(BackendAnswer.invalidGrant(400, "refresh token rejected (invalid_grant)"), "r-forged",
                Reason.INVALID_GRANT, "remembered",
                "a token nobody was issued through the library takes no room among the records that protect real sessions");
    }

    @Test
    void lostAnswersForUnvouchedTokensAreRememberedLocallyNotInTheStore() {
        assertUnvouchedTokenRememberedLocally(BackendAnswer.lost("no answer after sending"), "r-forged-lost",
                Reason.LOST_RESPONSE, "a token that may be consumed is never sent again",
                "a flood of forged cookies during a backend that times out writes nothing among the records of real sessions");
    }

    /** The backend gives this answer for an unvouched token: a second request with it gets the same, without a call or a record. */
    private void assertUnvouchedTokenRememberedLocally(BackendAnswer answer, String refreshToken, Reason reason, String oneCall,
            String noRecord) {
        engine();
        backend.then(answer);
        TokenPair forged = pair(refreshToken, -1);
        assertEquals(reason, engine.refresh(forged, Trigger.PROACTIVE, false, engine.budget()).reason());
        assertEquals(reason, engine.refresh(forged, Trigger.PROACTIVE, false, engine.budget()).reason());
        assertEquals(1, backend.calls(), oneCall);
        assertEquals(null, engine.store().marker(org.tokenrefresh.internal.token.TokenHash.of(refreshToken)), noRecord);
    }

    @Test
    void outageRequestWaitsNoLongerThanItsBudgetPlusOneCall() {
        engine("wait-budget", "5s", "max-retries", "3", "retry-delay", "100ms");
        for (int i = 0; i < 4; i++) {
            backend.then(BackendAnswer.retryLater(503, Duration.ofSeconds(5), "auth backend unavailable"));
        }
        long start = clock.millis();
        RefreshOutcome outcome = engine.refresh(pair("r-outage", -1), Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, outcome.status());
        assertTrue(clock.millis() - start <= 5000, "waited " + (clock.millis() - start) + " ms");
        assertEquals(2, backend.calls(), "one retry after the 5 s Retry-After fits the 5 s budget; the next would not");
    }

    @Test
    void circuitOpensAfterConsecutiveFailuresAndClosesAfterASuccessfulTrial() {
        engine("circuit-failure-threshold", "3", "circuit-open-time", "30s", "max-retries", "0");
        for (int i = 0; i < 3; i++) {
            backend.then(BackendAnswer.serverError(500, "auth backend answered 500"));
            engine.refresh(pair("r-fail-" + i, 5), Trigger.PROACTIVE);
        }
        assertEquals(CircuitBreaker.State.OPEN, engine.circuit().state());
        RefreshOutcome blocked = engine.refresh(pair("r-blocked", 5), Trigger.PROACTIVE);
        assertEquals(Reason.CIRCUIT_OPEN, blocked.reason());
        assertEquals(3, backend.calls());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(CircuitBreaker.State.HALF_OPEN, engine.circuit().state());
        assertTrue(engine.refresh(pair("r-blocked", 5), Trigger.PROACTIVE).isRefreshed());
        assertEquals(CircuitBreaker.State.CLOSED, engine.circuit().state());
        assertEquals(1, engine.circuit().opens());
    }

    @Test
    void failedTrialReopensTheCircuit() {
        engine("circuit-failure-threshold", "1", "circuit-open-time", "10s", "max-retries", "0");
        backend.then(BackendAnswer.serverError(502, "bad gateway")).then(BackendAnswer.serverError(502, "bad gateway"));
        engine.refresh(pair("r-a", 5), Trigger.PROACTIVE);
        clock.advance(Duration.ofSeconds(10));
        engine.refresh(pair("r-b", 5), Trigger.PROACTIVE);
        assertEquals(CircuitBreaker.State.OPEN, engine.circuit().state());
        assertEquals(Duration.ofSeconds(10), engine.circuit().retryAfter());
        assertEquals(2, backend.calls());
    }

    @Test
    void throwingBackendDuringTheHalfOpenTrialDoesNotWedgeTheCircuit() {
        engine("circuit-failure-threshold", "1", "circuit-open-time", "10s", "max-retries", "0");
        backend.then(BackendAnswer.serverError(500, "down")).then(pair -> {
            throw new IllegalStateException("client bug");
        });
        engine.refresh(pair("r-x", 5), Trigger.PROACTIVE);
        clock.advance(Duration.ofSeconds(10));
        RefreshOutcome trial = engine.refresh(pair("r-y", 5), Trigger.PROACTIVE);
        assertEquals(Reason.BACKEND_UNAVAILABLE, trial.reason());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(engine.refresh(pair("r-y", 5), Trigger.PROACTIVE).isRefreshed(), "the next trial goes out");
    }

    @Test
    void backgroundSuccessorWaitsForTheSessionsNextRequestWithinTheActivityWindow() {
        engine("rotation-grace", "30s", "activity-window", "15m");
        backend.accessLifetime(3600);
        TokenPair old = pair("r-bg", 300);
        RefreshOutcome background = engine.refresh(old, Trigger.BACKGROUND);
        clock.advance(Duration.ofMinutes(10)); // far beyond rotation-grace, within the activity window
        RefreshOutcome next = engine.refresh(old, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Source.SUCCESSOR, next.source());
        assertEquals(background.tokens().refreshToken(), next.tokens().refreshToken());
        assertEquals(1, backend.calls());
    }

    @Test
    void successorThatIsItselfDueIsRefreshedOnceMore() {
        engine("rotation-grace", "30s", "activity-window", "15m", "refresh-threshold", "10m");
        backend.accessLifetime(60);
        TokenPair old = pair("r-chain", 30);
        RefreshOutcome background = engine.refresh(old, Trigger.BACKGROUND);
        clock.advance(Duration.ofMinutes(5)); // the successor's 60 s access token has expired meanwhile
        RefreshOutcome next = engine.refresh(old, Trigger.PROACTIVE);
        assertTrue(next.isRefreshed());
        assertEquals(RefreshOutcome.Source.BACKEND, next.source());
        assertEquals(1, backend.callsWith(background.tokens().refreshToken()), "the successor's token was used, not the old one");
        assertEquals(1, backend.callsWith("r-chain"));
    }

    /** A store that hands every call to an in-memory store; the subclasses change the calls a test is about. */
    private abstract static class DelegatingStore implements org.tokenrefresh.spi.RefreshStore {
        final InMemoryRefreshStore delegate;

        DelegatingStore(MutableClock clock) {
            delegate = new InMemoryRefreshStore(clock, 1000);
        }

        // one line each: a plain hand-over, nothing to read
        @Override public String marker(String key) { return delegate.marker(key); }
        @Override public void putMarker(String key, String value, Duration ttl) { delegate.putMarker(key, value, ttl); }
        @Override public String successor(String key) { return delegate.successor(key); }
        @Override public void putSuccessor(String key, String value, Duration ttl) { delegate.putSuccessor(key, value, ttl); }
        @Override public boolean tryLock(String key, Duration ttl) { return delegate.tryLock(key, ttl); }
        @Override public void unlock(String key) { delegate.unlock(key); }
    }

    /** A cluster store whose reads or writes fail, as a broken data grid would. */
    private static final class FailingStore extends DelegatingStore {
        volatile boolean failReads;
        volatile boolean failWrites;
        volatile boolean unreadable;

        FailingStore(MutableClock clock) {
            super(clock);
        }

        private String read(String value) {
            if (failReads) {
                throw new IllegalStateException("grid unavailable");
            }
            return unreadable ? UNREADABLE : value;
        }

        private void write() {
            if (failWrites) {
                throw new IllegalStateException("grid unavailable");
            }
        }

        @Override public String marker(String key) { return read(super.marker(key)); }
        @Override public String successor(String key) { return read(super.successor(key)); }

        @Override
        public void putMarker(String key, String value, Duration ttl) {
            write();
            super.putMarker(key, value, ttl);
        }

        @Override
        public void putSuccessor(String key, String value, Duration ttl) {
            write();
            super.putSuccessor(key, value, ttl);
        }
    }

    /** The in-memory store standing in for another node's: its waits advance the test clock. */
    private final class SharedStore extends DelegatingStore {
        private final Runnable onWait;
        /** Runs once, right after the next successor read: another node's writes between two reads. */
        Runnable afterNextSuccessorRead;

        SharedStore(Runnable onWait) {
            super(clock);
            this.onWait = onWait;
        }

        @Override
        public String successor(String key) {
            String read = super.successor(key);
            Runnable between = afterNextSuccessorRead;
            if (between != null) {
                afterNextSuccessorRead = null;
                between.run();
            }
            return read;
        }

        @Override
        public void awaitChange(String key, Duration timeout) {
            Duration step = timeout.compareTo(Duration.ofMillis(50)) < 0 ? timeout : Duration.ofMillis(50);
            sleeps.add(step);
            clock.advance(step);
            onWait.run();
        }
    }

    /** A proactive refresh of this token by an engine on a {@link FailingStore} broken as {@code fails} says. */
    private RefreshOutcome refreshWithAStoreThat(java.util.function.Consumer<FailingStore> fails, String refreshToken, long expiresIn) {
        FailingStore store = new FailingStore(clock);
        fails.accept(store);
        engineOn(store);
        return engine.refresh(pair(refreshToken, expiresIn), Trigger.PROACTIVE);
    }

    @Test
    void recordThatCannotBeReadIsNeverSent() {
        RefreshOutcome outcome = refreshWithAStoreThat(store -> store.unreadable = true, "r-other-key", -1);
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, outcome.status());
        assertEquals(Reason.STORE_UNREADABLE, outcome.reason());
        assertEquals(0, backend.calls(), "fail closed: another node may have used this token");
        assertEquals(Reason.STORE_UNREADABLE, events.get(0).reason());
    }

    @Test
    void unreadableStoreGivesUnavailableAndSendsNothing() {
        RefreshOutcome outcome = refreshWithAStoreThat(store -> store.failReads = true, "r-grid", 5);
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, outcome.status());
        assertEquals(0, backend.calls());
    }

    @Test
    void unwritableStoreStillDeliversTheNewTokens() {
        RefreshOutcome outcome = refreshWithAStoreThat(store -> store.failWrites = true, "r-grid", 5);
        assertTrue(outcome.isRefreshed(), "the backend consumed the token: its successor must reach the browser");
        assertEquals(1, backend.calls());
    }

    @Test
    void backendErrorKeepsTheTokenUsableForALaterRefresh() {
        engine("max-retries", "0");
        backend.then(BackendAnswer.serverError(500, "auth backend answered 500"));
        TokenPair pair = pair("r-500", 5);
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, engine.refresh(pair, Trigger.PROACTIVE).status());
        assertEquals(RefreshOutcome.Status.UNAVAILABLE, engine.refresh(pair, Trigger.PROACTIVE).status(), "this session backs off");
        assertEquals(1, backend.callsWith("r-500"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(engine.refresh(pair, Trigger.PROACTIVE).isRefreshed());
        assertEquals(2, backend.callsWith("r-500"));
    }

    @Test
    void nonRotatingBackendKeepsTheSameRefreshTokenUsable() {
        engine("rotation-grace", "30s");
        TokenPair pair = pair("r-same", 5);
        backend.then(current -> BackendAnswer.tokens(new TokenPair("opaque-1", current.refreshToken(), clock.epochSecond() + 300, clock.epochSecond()), 200));
        assertTrue(engine.refresh(pair, Trigger.PROACTIVE).isRefreshed());
        clock.advance(Duration.ofSeconds(31));
        RefreshOutcome again = engine.refresh(pair, Trigger.PROACTIVE);
        assertTrue(again.isRefreshed(), "an unrotated token stays valid at the backend: " + again);
        assertEquals(RefreshOutcome.Source.BACKEND, again.source());
    }

    @Test
    void listenerFailureDoesNotBreakTheRefresh() {
        engine();
        engine.addListener(event -> {
            throw new IllegalStateException("listener bug");
        });
        assertTrue(engine.refresh(pair("r-listener", 5), Trigger.PROACTIVE).isRefreshed());
    }

    @Test
    void otherNodeHoldingTheLockIsWaitedForAndItsSuccessorUsed() {
        engine("connect-timeout", "1s", "response-timeout", "1s", "max-retries", "0", "retry-delay", "0ms");
        TokenPair old = pair("r-cluster", 5);
        String key = org.tokenrefresh.internal.token.TokenHash.of("r-cluster");
        TokenPair successor = pair("r-from-other-node", 3600);
        // the other node publishes its successor while we poll
        SharedStore[] shared = new SharedStore[1];
        shared[0] = new SharedStore(() -> {
            if (sleeps.size() == 3) {
                shared[0].putSuccessor(key, SuccessorRecord.successor(successor, clock.millis() + 30_000), Duration.ofSeconds(30));
                shared[0].putMarker(key, SuccessorRecord.used(clock.millis() + 30_000), Duration.ofHours(1));
                shared[0].unlock(key);
            }
        });
        assertTrue(shared[0].tryLock(key, Duration.ofSeconds(2)));
        engine = RefreshEngine.builder(engine.settings()).backend(backend).clock(clock).store(shared[0]).build();
        RefreshOutcome outcome = engine.refresh(old, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Source.SUCCESSOR, outcome.source());
        assertEquals("r-from-other-node", outcome.tokens().refreshToken());
        assertEquals(0, backend.calls());
    }

    @Test
    void requestReadingBetweenTheOtherNodesSuccessorAndMarkerWritesGetsTheSuccessor() {
        engine();
        String key = org.tokenrefresh.internal.token.TokenHash.of("r-race");
        TokenPair successor = pair("r-race-next", 3600);
        SharedStore shared = new SharedStore(() -> { });
        // this request reads the successor (absent), then the other node writes successor and marker, then this
        // request reads the marker
        shared.afterNextSuccessorRead = () -> {
            shared.putSuccessor(key, SuccessorRecord.successor(successor, clock.millis() + 30_000), Duration.ofSeconds(30));
            shared.putMarker(key, SuccessorRecord.used(clock.millis() + 30_000), Duration.ofHours(1));
        };
        engine = RefreshEngine.builder(engine.settings()).backend(backend).clock(clock).store(shared).build();
        RefreshOutcome outcome = engine.refresh(pair("r-race", -1), Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Source.SUCCESSOR, outcome.source(), "not 'superseded': " + outcome);
        assertEquals("r-race-next", outcome.tokens().refreshToken());
        assertEquals(0, backend.calls());
    }

    @Test
    void deadNodesLockIsWaitedForWithinTheBudgetOnlyAndTakenOverAfterItsTimeout() {
        engine("connect-timeout", "1s", "response-timeout", "1s", "max-retries", "0", "retry-delay", "0ms", "wait-budget", "1s");
        String key = org.tokenrefresh.internal.token.TokenHash.of("r-orphan");
        SharedStore store = new SharedStore(() -> { });
        Duration lockTimeout = engine.settings().lockTimeout();
        assertTrue(store.tryLock(key, lockTimeout)); // a node took the lock and died
        engine = RefreshEngine.builder(engine.settings()).backend(backend).clock(clock).store(store).build();
        RefreshOutcome waited = engine.refresh(pair("r-orphan", -1), Trigger.PROACTIVE);
        assertEquals(Reason.COORDINATION_TIMEOUT, waited.reason());
        Duration slept = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofSeconds(1), slept, "no longer than the wait budget");
        assertEquals(0, backend.calls());
        clock.advance(lockTimeout);
        assertTrue(engine.refresh(pair("r-orphan", 5), Trigger.PROACTIVE).isRefreshed(), "the expired lock is taken over");
        assertEquals(1, backend.calls());
    }

    @Test
    void dueDecisionIsCappedAtHalfTheTokenLifetime() {
        engine("refresh-threshold", "10m");
        long now = clock.epochSecond();
        TokenPair shortLived = new TokenPair("a", "r", now + 40, now - 20); // 60 s token, 40 s left
        assertFalse(engine.isDue(shortLived), "a 60 s token is due only in its last 30 s");
        clock.advance(Duration.ofSeconds(10));
        assertTrue(engine.isDue(shortLived));
        TokenPair longLived = new TokenPair("a", "r", now + 3600, now - 3600);
        assertFalse(engine.isDue(longLived));
        assertTrue(engine.isDue(new TokenPair(null, "r", TokenPair.UNKNOWN, TokenPair.UNKNOWN)));
        assertFalse(engine.isDue(new TokenPair("opaque", "r", TokenPair.UNKNOWN, TokenPair.UNKNOWN)));
    }

    @Test
    void eventsCarryOnlyAShortIdNeverATokenValue() {
        engine();
        TokenPair pair = pair("r-secret-value", 5);
        RefreshOutcome outcome = engine.refresh(pair, Trigger.BACKGROUND);
        RefreshEvent event = events.get(0);
        assertEquals(12, event.sessionId().length());
        assertFalse(event.toString().contains("r-secret-value"));
        assertFalse(event.toString().contains(outcome.tokens().accessToken()));
        assertEquals(Trigger.BACKGROUND, event.trigger());
        assertNotEquals(null, event.expiresAt());
        assertSame(RefreshEvent.Type.REFRESHED, event.type());
    }

    @Test
    void successorRecordsRoundTripThroughTheirStringForm() {
        TokenPair next = new TokenPair("a.b.c", "r-next", 123, 100);
        SuccessorRecord record = SuccessorRecord.parse(SuccessorRecord.successor(next, 42));
        assertEquals(42, record.graceUntilMillis);
        assertEquals("a.b.c", record.successor.accessToken());
        assertEquals("r-next", record.successor.refreshToken());
        assertEquals(123, record.successor.expiresAt());
        assertEquals(100, record.successor.issuedAt());
        assertEquals(null, SuccessorRecord.parse("S garbage"));
        assertEquals(SuccessorRecord.Marker.USED, SuccessorRecord.marker(SuccessorRecord.used(42)));
        assertEquals(42, SuccessorRecord.graceUntil(SuccessorRecord.used(42)));
        assertEquals(SuccessorRecord.Marker.DEAD, SuccessorRecord.marker(SuccessorRecord.DEAD));
        assertEquals(SuccessorRecord.Marker.UNREADABLE, SuccessorRecord.marker("garbage"), "fail closed");
    }

    @Test
    void successorTokensAreForgottenAfterTheGraceLeavingATokenFreeMarker() {
        engine("rotation-grace", "30s", "reuse-guard", "1h");
        TokenPair old = pair("r-grace", 5);
        RefreshOutcome first = engine.refresh(old, Trigger.PROACTIVE);
        String key = org.tokenrefresh.internal.token.TokenHash.of("r-grace");
        assertTrue(engine.store().successor(key).contains(first.tokens().refreshToken()));
        clock.advance(Duration.ofSeconds(31));
        assertEquals(null, engine.store().successor(key), "no token kept past the grace");
        String marker = engine.store().marker(key);
        assertFalse(marker.contains(first.tokens().refreshToken()) || marker.contains(first.tokens().accessToken()));
        assertEquals(SuccessorRecord.Marker.USED, SuccessorRecord.marker(marker));
    }

    @Test
    void usedTokenAfterTheGraceIsAReplaySignalAndIsNotSent() {
        engine("rotation-grace", "30s");
        assertSupersededWhenUsedAgain("r-stolen", Duration.ofMinutes(5), "the browser's newer cookies stay");
        assertEquals(1, engine.metrics().count(RefreshMetrics.Counter.REPLAYS));
        assertTrue(events.stream().anyMatch(e -> e.type() == RefreshEvent.Type.REPLAY_DETECTED
                && e.sessionId().equals(org.tokenrefresh.internal.token.TokenHash.shortId("r-stolen"))), events::toString);
    }

    @Test
    void loggedOutSessionGetsNothingNotEvenItsPredecessorsSuccessor() {
        engine("rotation-grace", "30s");
        TokenPair old = pair("r-before-logout", 5);
        TokenPair current = engine.refresh(old, Trigger.PROACTIVE).tokens();
        engine.ended(current);
        RefreshOutcome late = engine.refresh(old, Trigger.PROACTIVE);
        assertEquals(Reason.LOGGED_OUT, late.reason());
        assertTrue(late.clearCookies());
        assertEquals(Reason.LOGGED_OUT, engine.refresh(current, Trigger.PROACTIVE).reason());
        assertEquals(1, backend.calls());
    }
}
