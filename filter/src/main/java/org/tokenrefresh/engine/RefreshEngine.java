package org.tokenrefresh.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.RefreshEvent;
import org.tokenrefresh.RefreshEvent.Reason;
import org.tokenrefresh.RefreshEvent.Trigger;
import org.tokenrefresh.RefreshListener;
import org.tokenrefresh.RefreshStore;
import org.tokenrefresh.TokenRefreshSettings;
import org.tokenrefresh.backend.AuthBackendClient;
import org.tokenrefresh.backend.BackendAnswer;
import org.tokenrefresh.token.TokenHash;
import org.tokenrefresh.token.TokenPair;

/**
 * The refresh engine: decides, coordinates, calls the backend and records the result. It knows nothing
 * about servlets or JAX-RS; the filters are thin adapters over it.
 *
 * <p>Rules (DESIGN.md, "Concurrency and rotation"):
 * <ol>
 * <li><b>Single-flight.</b> Concurrent refreshes of one refresh token in this JVM make one backend call
 * and share its outcome; across nodes the {@link RefreshStore} lock does the same.</li>
 * <li><b>Successor record.</b> After a rotation, a request still carrying the old refresh token gets the
 * successor tokens for {@code rotation-grace}, with no backend call. After that, for
 * {@code reuse-guard}, the old token is known as used and is never sent again.</li>
 * <li><b>Retries.</b> Only when the backend surely did not consume the token: connect failure, or
 * 429/503 with a {@code Retry-After} short enough to wait for (at most {@code response-timeout}); and only
 * when the caller cannot go on without new tokens (expired token, a 401, the refresh endpoint). A lost
 * response is never retried, and the token is never sent again.</li>
 * <li><b>Protection.</b> A circuit breaker stops calls while the backend fails, and opens for the
 * backend's {@code Retry-After}.</li>
 * </ol>
 * No lock is held while the application runs: the engine is called before or after the filter chain.
 */
public final class RefreshEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RefreshEngine.class.getName());
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final TokenRefreshSettings settings;
    private final AuthBackend backend;
    private final RefreshStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final ExpiryPolicy expiry;
    private final CircuitBreaker circuit;
    private final RefreshMetrics metrics = new RefreshMetrics();
    private final List<RefreshListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, CompletableFuture<RefreshOutcome>> inFlight = new ConcurrentHashMap<>();
    private final SessionActivity activity;
    /** A successor that is itself due (a session idle since a background refresh) is followed this far. */
    private static final int MAX_SUCCESSOR_HOPS = 3;

    private RefreshEngine(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.backend = b.backend != null ? b.backend : new AuthBackendClient(settings, clock);
        this.store = b.store != null ? b.store : new InMemoryRefreshStore(clock, settings.storeMaxEntries());
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.expiry = new ExpiryPolicy(settings.refreshThreshold());
        this.circuit = new CircuitBreaker(clock, settings.circuitFailureThreshold(), settings.circuitOpenTime());
        this.listeners.addAll(b.listeners);
        this.activity = b.activity;
    }

    /** Starts building an engine for the given settings. */
    public static Builder builder(TokenRefreshSettings settings) {
        return new Builder(settings);
    }

    /**
     * Refreshes the pair's tokens, or joins the refresh already under way for the same refresh token, or
     * hands out its successor. Never throws for backend trouble: the outcome says what happened.
     */
    public RefreshOutcome refresh(TokenPair current, Trigger trigger) {
        Objects.requireNonNull(current, "current");
        RefreshOutcome outcome = refreshOnce(current, trigger);
        // A successor handed out long after its rotation (e.g. by the background monitor) may itself be due.
        for (int hop = 0; hop < MAX_SUCCESSOR_HOPS && outcome.isRefreshed()
                && outcome.source() != RefreshOutcome.Source.BACKEND && isDue(outcome.tokens()); hop++) {
            RefreshOutcome next = refreshOnce(outcome.tokens(), trigger);
            if (!next.isRefreshed()) {
                // keep the successor: it is still the newest token this session has
                return isExpired(outcome.tokens()) ? next : outcome;
            }
            outcome = next;
        }
        return outcome;
    }

    private RefreshOutcome refreshOnce(TokenPair current, Trigger trigger) {
        String key = TokenHash.of(current.refreshToken());
        RefreshOutcome known;
        try {
            known = fromRecord(key);
        } catch (RuntimeException e) {
            // without the store we cannot know whether the token was used: never risk sending it twice
            LOG.log(Level.WARNING, "Refresh store failed for session " + TokenHash.shortIdOfKey(key), e);
            return RefreshOutcome.unavailable(Reason.BACKEND_UNAVAILABLE, MIN_RETRY_AFTER);
        }
        if (known != null) {
            return known;
        }
        CompletableFuture<RefreshOutcome> mine = new CompletableFuture<>();
        CompletableFuture<RefreshOutcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            metrics.joins.increment();
            return await(running).joined();
        }
        RefreshOutcome outcome = null;
        try {
            outcome = lead(key, current, trigger);
            return outcome;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Refresh of session " + TokenHash.shortIdOfKey(key) + " failed unexpectedly", e);
            outcome = RefreshOutcome.unavailable(Reason.BACKEND_UNAVAILABLE, MIN_RETRY_AFTER);
            return outcome;
        } finally {
            inFlight.remove(key, mine);
            mine.complete(outcome != null ? outcome : RefreshOutcome.unavailable(Reason.BACKEND_UNAVAILABLE, MIN_RETRY_AFTER));
        }
    }

    private RefreshOutcome await(CompletableFuture<RefreshOutcome> running) {
        try {
            return running.get(settings.refreshTimeout().toMillis() + POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RefreshOutcome.unavailable(Reason.COORDINATION_TIMEOUT, MIN_RETRY_AFTER);
        } catch (TimeoutException | ExecutionException e) {
            return RefreshOutcome.unavailable(Reason.COORDINATION_TIMEOUT, MIN_RETRY_AFTER);
        }
    }

    /** What the store already knows about a used token, or {@code null} when it may be refreshed. */
    private RefreshOutcome fromRecord(String key) {
        SuccessorRecord record = SuccessorRecord.parse(store.get(key));
        if (record == null) {
            return null;
        }
        switch (record.kind) {
            case SUCCESSOR:
                if (clock.millis() < record.untilMillis) {
                    metrics.successorHits.increment();
                    return RefreshOutcome.refreshed(record.successor, RefreshOutcome.Source.SUCCESSOR);
                }
                LOG.fine(() -> "Session " + TokenHash.shortIdOfKey(key) + " presented a refresh token used more than "
                        + settings.rotationGrace().getSeconds() + " s ago; not sent again");
                return RefreshOutcome.sessionExpired(Reason.TOKEN_SUPERSEDED, false);
            case DEAD:
                return RefreshOutcome.sessionExpired(Reason.INVALID_GRANT, true);
            default:
                return RefreshOutcome.sessionExpired(Reason.LOST_RESPONSE, true);
        }
    }

    private RefreshOutcome lead(String key, TokenPair current, Trigger trigger) {
        long started = System.nanoTime();
        Duration timeout = settings.refreshTimeout();
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            RefreshOutcome known = fromRecord(key);
            if (known != null) {
                return known;
            }
            if (store.tryLock(key, timeout)) {
                break;
            }
            // another node is refreshing this token: wait for its successor record
            if (!clock.instant().isBefore(deadline)) {
                return failed(key, trigger, Reason.COORDINATION_TIMEOUT, MIN_RETRY_AFTER, started);
            }
            if (!pause(POLL_INTERVAL)) {
                return RefreshOutcome.unavailable(Reason.COORDINATION_TIMEOUT, MIN_RETRY_AFTER);
            }
        }
        try {
            RefreshOutcome known = fromRecord(key);
            return known != null ? known : callBackend(key, current, trigger, deadline, started);
        } finally {
            try {
                store.unlock(key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Refresh store could not release the lock of session " + TokenHash.shortIdOfKey(key)
                        + "; it expires by itself", e);
            }
        }
    }

    private RefreshOutcome callBackend(String key, TokenPair current, Trigger trigger, Instant deadline, long started) {
        String id = TokenHash.shortIdOfKey(key);
        // Waiting inline is worth it only when the request cannot go on without new tokens: a request whose
        // token still works proceeds at once and leaves the retry to a later request.
        boolean waitForIt = trigger == Trigger.REACTIVE || trigger == Trigger.ENDPOINT || isExpired(current);
        for (int attempt = 0; ; attempt++) {
            if (!circuit.tryAcquire()) {
                Duration wait = max(circuit.retryAfter(), MIN_RETRY_AFTER);
                return failed(key, trigger, Reason.CIRCUIT_OPEN, wait, started);
            }
            metrics.backendCalls.increment();
            BackendAnswer answer = call(current, id);
            switch (answer.kind()) {
                case TOKENS:
                    circuit.onSuccess();
                    return succeeded(key, current, answer.tokens(), trigger, started);
                case INVALID_GRANT:
                    circuit.onSuccess();
                    remember(key, SuccessorRecord.dead(), settings.reuseGuard());
                    LOG.fine(() -> "Session " + id + " ended by the auth backend: " + answer);
                    publish(RefreshEvent.Type.SESSION_EXPIRED, trigger, Reason.INVALID_GRANT, id, started, null, null);
                    return RefreshOutcome.sessionExpired(Reason.INVALID_GRANT, true);
                case LOST:
                    circuit.onFailure(null);
                    remember(key, SuccessorRecord.lost(), settings.reuseGuard());
                    LOG.warning("Refresh of session " + id + " lost its response (" + answer.detail()
                            + "); the refresh token will not be sent again");
                    return failed(key, trigger, Reason.LOST_RESPONSE, MIN_RETRY_AFTER, started);
                case ERROR:
                    circuit.onFailure(null);
                    LOG.warning("Refresh of session " + id + " failed: " + answer);
                    return failed(key, trigger, Reason.BACKEND_UNAVAILABLE, max(settings.retryDelay(), MIN_RETRY_AFTER), started);
                case NOT_SENT:
                    circuit.onFailure(null);
                    Duration backoff = backoff(attempt);
                    if (waitForIt && attempt < settings.maxRetries() && fits(backoff, deadline) && pause(backoff)) {
                        LOG.fine(() -> "Refresh of session " + id + " not sent (" + answer.detail() + "); retrying");
                        continue;
                    }
                    LOG.warning("Refresh of session " + id + " failed: " + answer);
                    return failed(key, trigger, Reason.BACKEND_UNAVAILABLE, max(settings.retryDelay(), MIN_RETRY_AFTER), started);
                case RETRY_LATER:
                default:
                    Duration retryAfter = answer.retryAfter();
                    circuit.onFailure(retryAfter);
                    Reason reason = answer.status() == 429 ? Reason.RATE_LIMITED : Reason.BACKEND_UNAVAILABLE;
                    if (waitForIt && retryAfter != null && attempt < settings.maxRetries()
                            && retryAfter.compareTo(settings.responseTimeout()) <= 0) {
                        Duration wait = max(retryAfter, backoff(attempt));
                        if (fits(wait, deadline) && pause(wait)) {
                            continue;
                        }
                    }
                    LOG.warning("Refresh of session " + id + " refused: " + answer);
                    return failed(key, trigger, reason, max(retryAfter != null ? retryAfter : settings.retryDelay(), MIN_RETRY_AFTER), started);
            }
        }
    }

    /**
     * Writes a record. A store failure must not turn a completed refresh into a failure: the backend has
     * consumed the token, and this request still delivers the new tokens to the browser.
     */
    private void remember(String key, String record, Duration ttl) {
        try {
            store.put(key, record, ttl);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Refresh store could not record the outcome for session " + TokenHash.shortIdOfKey(key), e);
        }
    }

    /** One backend call; a failing backend implementation counts as a backend error, never escapes. */
    private BackendAnswer call(TokenPair current, String id) {
        try {
            return backend.refresh(current);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Auth backend client failed for session " + id, e);
            return BackendAnswer.error(0, "auth backend client failed: " + e.getClass().getSimpleName());
        }
    }

    private RefreshOutcome succeeded(String key, TokenPair current, TokenPair next, Trigger trigger, long started) {
        boolean rotated = !next.refreshToken().equals(current.refreshToken());
        // A background refresh happens while the browser is not looking: its successor must wait for the
        // session's next request, which comes within the activity window (or the session is idle anyway).
        Duration grace = trigger == Trigger.BACKGROUND && settings.activityWindow().compareTo(settings.rotationGrace()) > 0
                ? settings.activityWindow() : settings.rotationGrace();
        long graceUntil = clock.millis() + grace.toMillis();
        // A non-rotating backend keeps the token valid: remember the successor for the grace period only.
        Duration keep = rotated ? max(settings.reuseGuard(), grace) : grace;
        if (!keep.isZero()) {
            remember(key, SuccessorRecord.successor(next, graceUntil), keep);
        }
        metrics.latencyNanos.add(System.nanoTime() - started);
        metrics.latencyCount.increment();
        String id = TokenHash.shortIdOfKey(key);
        Instant expiresAt = next.hasExpiry() ? Instant.ofEpochSecond(next.expiresAt()) : null;
        publish(RefreshEvent.Type.REFRESHED, trigger, Reason.NONE, id, started, expiresAt, null);
        return RefreshOutcome.refreshed(next, RefreshOutcome.Source.BACKEND);
    }

    private RefreshOutcome failed(String key, Trigger trigger, Reason reason, Duration retryAfter, long started) {
        publish(RefreshEvent.Type.FAILED, trigger, reason, TokenHash.shortIdOfKey(key), started, null, retryAfter);
        return RefreshOutcome.unavailable(reason, retryAfter);
    }

    private void publish(RefreshEvent.Type type, Trigger trigger, Reason reason, String id, long started, Instant expiresAt,
            Duration retryAfter) {
        RefreshEvent event = new RefreshEvent(type, trigger, reason, id, clock.instant(),
                Duration.ofNanos(System.nanoTime() - started), expiresAt, retryAfter);
        metrics.record(event);
        LOG.fine(event::toString);
        for (RefreshListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Refresh listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    /** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, base * 2^attempt]. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), settings.retryDelay().toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    private boolean fits(Duration wait, Instant deadline) {
        return clock.instant().plus(wait).isBefore(deadline);
    }

    private boolean pause(Duration delay) {
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whether the pair must be refreshed before use. */
    public boolean isDue(TokenPair pair) {
        return expiry.isDue(pair, clock.millis() / 1000);
    }

    /** Whether the pair's access token can no longer be used. */
    public boolean isExpired(TokenPair pair) {
        return expiry.isExpired(pair, clock.millis() / 1000);
    }

    /** Tells the session activity tracker that a request carried these tokens. */
    public void seen(TokenPair tokens) {
        activity.seen(tokens);
    }

    /** Adds a listener for every refresh outcome. */
    public void addListener(RefreshListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(RefreshListener listener) {
        listeners.remove(listener);
    }

    public TokenRefreshSettings settings() { return settings; }
    public Clock clock() { return clock; }
    public CircuitBreaker circuit() { return circuit; }
    public RefreshMetrics metrics() { return metrics; }
    public RefreshStore store() { return store; }
    public AuthBackend backend() { return backend; }

    /** Closes the backend client and the store. */
    @Override
    public void close() {
        try {
            backend.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing the auth backend client failed", e);
        }
        try {
            store.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing the refresh store failed", e);
        }
    }

    /** Builds a {@link RefreshEngine}; everything but the settings has a default. */
    public static final class Builder {
        private final TokenRefreshSettings settings;
        private AuthBackend backend;
        private RefreshStore store;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private final List<RefreshListener> listeners = new CopyOnWriteArrayList<>();
        private SessionActivity activity = SessionActivity.NONE;

        private Builder(TokenRefreshSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Default value: an {@link AuthBackendClient} for the settings. */
        public Builder backend(AuthBackend backend) { this.backend = backend; return this; }
        /** Default value: an {@link InMemoryRefreshStore}. */
        public Builder store(RefreshStore store) { this.store = store; return this; }
        /** Default value: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }
        /** Default value: {@link Sleeper#SYSTEM}. */
        public Builder sleeper(Sleeper sleeper) { this.sleeper = Objects.requireNonNull(sleeper); return this; }
        /** Source of jitter in [0, 1). Default value: {@link ThreadLocalRandom}. */
        public Builder random(DoubleSupplier random) { this.random = Objects.requireNonNull(random); return this; }
        public Builder listener(RefreshListener listener) { listeners.add(Objects.requireNonNull(listener)); return this; }
        /** Default value: {@link SessionActivity#NONE}. */
        public Builder activity(SessionActivity activity) { this.activity = Objects.requireNonNull(activity); return this; }

        /** Whether a store was set (plug-ins use this to leave a user's choice alone). */
        public boolean hasStore() { return store != null; }
        public TokenRefreshSettings settings() { return settings; }
        public Clock clock() { return clock; }

        public RefreshEngine build() {
            return new RefreshEngine(this);
        }
    }
}
