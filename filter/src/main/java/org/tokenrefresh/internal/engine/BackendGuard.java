package org.tokenrefresh.internal.engine;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.RefreshEvent.Reason;

/**
 * The retry policy toward the auth backend, with every verdict scoped to what it is about
 * ({@code docs/architecture.md}, "Whom a failure is about"):
 * <ul>
 * <li><b>One session</b>: a 429, 5xx or other 4xx answered for a refresh token pauses that session only
 * ({@link SessionBackoff}: its {@code Retry-After}, else full-jitter backoff).</li>
 * <li><b>The backend as a whole</b>: the shared {@link CircuitBreaker}, fed by transport failures and by 5xx/429
 * answers for several distinct <em>vouched</em> sessions; its pause is capped at {@code max-retry-after}.</li>
 * <li><b>Unvouched tokens</b> (first refresh after the application's login, forged cookies): their own
 * breaker and bulkhead ({@link UnvouchedGate}); nothing they get back about their token changes what vouched
 * sessions get. While the shared circuit is half-open one of them may make its trial, so that a node without
 * vouched sessions (just restarted) does not stay shut.</li>
 * <li><b>The configuration</b>: 404, {@code invalid_client} and the like are logged as configuration
 * problems and shown in readiness; they stop nobody.</li>
 * <li><b>This JVM</b>: no free pooled connection is local back-pressure, no signal about the backend.</li>
 * </ul>
 * Retries happen only when the backend surely did not consume the token (connect failure, 429/503), only
 * for a request that cannot go on without new tokens, and only when the wait fits the request's
 * {@link Budget}.
 */
final class BackendGuard {

    static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EngineContext context;
    private final TokenRefreshSettings settings;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final CircuitBreaker circuit;
    private final CircuitBreaker unvouchedCircuit;
    private final SessionBackoff backoff;
    private final UnvouchedGate gate;
    private volatile String configurationProblem;

    BackendGuard(EngineContext context, Sleeper sleeper, DoubleSupplier random) {
        this.context = context;
        this.settings = context.settings;
        this.sleeper = sleeper;
        this.random = random;
        this.circuit = newCircuit(context);
        this.unvouchedCircuit = newCircuit(context);
        this.backoff = new SessionBackoff(context.clock, Math.max(1000, Math.min(settings.storeMaxEntries(), 100_000)));
        this.gate = new UnvouchedGate(context.clock, settings.unvouchedConcurrency(), settings.unvouchedRate());
    }

    private static CircuitBreaker newCircuit(EngineContext context) {
        TokenRefreshSettings settings = context.settings;
        return new CircuitBreaker(context.clock, settings.circuitFailureThreshold(), settings.circuitOpenTime(), settings.maxRetryAfter());
    }

    /**
     * Calls the backend for one session, retrying where that is safe and fits the budget.
     *
     * @param mayWait whether the caller cannot go on without new tokens (expired token, a 401, the endpoint)
     */
    CallResult call(String key, boolean vouched, boolean mayWait, Budget budget, Supplier<BackendAnswer> backendCall) {
        SessionBackoff.Pause paused = backoff.current(key);
        if (paused != null) {
            return CallResult.refused(paused.reason, paused.remaining());
        }
        if (!vouched) {
            return callUnvouched(key, mayWait, budget, backendCall);
        }
        for (int attempt = 0; ; attempt++) {
            if (!circuit.tryAcquire()) {
                return CallResult.refused(Reason.CIRCUIT_OPEN, circuit.retryAfter());
            }
            BackendAnswer answer = counted(backendCall);
            Duration retryIn = judge(key, true, answer, attempt, mayWait, budget);
            if (retryIn == null || !pause(retryIn)) {
                return concluded(answer);
            }
        }
    }

    /**
     * An unvouched refresh: through the bulkhead and its own breaker. While the shared circuit is open it waits like
     * every session; once half-open, it may make the trial itself, so that a node whose sessions are all unvouched
     * (right after a restart every browser's MAC is from the old key) is not shut for want of a vouched session. Its
     * answer can close the shared circuit (the backend answered sensibly) or reopen it (a transport failure, which no
     * token causes), but an answer about the token itself (5xx, 429, 4xx) only frees the trial slot: nothing an
     * unvouched token gets back opens or extends the pause that vouched sessions depend on.
     */
    private CallResult callUnvouched(String key, boolean mayWait, Budget budget, Supplier<BackendAnswer> backendCall) {
        boolean trial = !circuit.isClosed();
        if (trial && !circuit.tryAcquire()) {
            return CallResult.refused(Reason.CIRCUIT_OPEN, circuit.retryAfter());
        }
        boolean trialSettled = !trial;
        try {
            boolean entered;
            try {
                entered = gate.enter(mayWait ? budget.remaining().toMillis() : 0L, key);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                entered = false;
            }
            if (!entered) {
                context.metrics.increment(RefreshMetrics.Counter.UNVOUCHED_REFUSED);
                return CallResult.refused(Reason.OVERLOADED, MIN_RETRY_AFTER);
            }
            try {
                for (int attempt = 0; ; attempt++) {
                    if (!unvouchedCircuit.tryAcquire()) {
                        return CallResult.refused(Reason.CIRCUIT_OPEN, unvouchedCircuit.retryAfter());
                    }
                    BackendAnswer answer = counted(backendCall);
                    countForGate(answer);
                    if (trial) {
                        trialSettled = settleSharedTrial(answer);
                    }
                    // the trial slot is held for one call only: no retries while holding it
                    Duration retryIn = judge(key, false, answer, attempt, mayWait && !trial, budget);
                    if (retryIn == null || !pause(retryIn)) {
                        return concluded(answer);
                    }
                }
            } finally {
                gate.release();
            }
        } finally {
            if (!trialSettled) {
                circuit.release();
            }
        }
    }

    /**
     * What an unvouched trial's answer says about the backend as a whole: tokens or a verdict close the shared
     * circuit; a transport failure reopens it ({@link #judge} reports it). Returns whether the trial is settled;
     * otherwise its slot is only released.
     */
    private boolean settleSharedTrial(BackendAnswer answer) {
        switch (answer.kind()) {
            case TOKENS:
            case INVALID_GRANT:
                circuit.onSuccess();
                return true;
            case NOT_SENT:
            case LOST:
                return true;
            default:
                return false;
        }
    }

    private void countForGate(BackendAnswer answer) {
        switch (answer.kind()) {
            case TOKENS:
                gate.answered(true);
                break;
            case INVALID_GRANT:
            case REJECTED:
                gate.answered(false);
                break;
            default:
                break; // says nothing about whether the tokens are forged
        }
    }

    private BackendAnswer counted(Supplier<BackendAnswer> backendCall) {
        context.metrics.increment(RefreshMetrics.Counter.BACKEND_CALLS);
        return backendCall.get();
    }

    /**
     * Feeds the answer to the breakers and the session's back-off. Returns the wait before a retry, or
     * {@code null} when this answer ends the call.
     */
    private Duration judge(String key, boolean vouched, BackendAnswer answer, int attempt, boolean mayWait, Budget budget) {
        CircuitBreaker scope = vouched ? circuit : unvouchedCircuit;
        boolean mayRetry = mayWait && attempt < settings.maxRetries();
        switch (answer.kind()) {
            case TOKENS:
            case INVALID_GRANT:
                scope.onSuccess();
                backoff.clear(key);
                return null;
            case NOT_SENT:
                circuit.onTransportFailure();
                Duration wait = backoff(attempt);
                return mayRetry && budget.allows(wait) ? wait : null;
            case LOST:
                circuit.onTransportFailure();
                return null;
            case OVERLOADED:
                scope.release();
                return null;
            case RETRY_LATER:
                Duration retryAfter = answer.retryAfter();
                Reason reason = answer.status() == 429 ? Reason.RATE_LIMITED : Reason.BACKEND_UNAVAILABLE;
                backoff.pause(key, max(retryAfter != null ? retryAfter : backoff(attempt), MIN_RETRY_AFTER), reason);
                scope.onSessionFailure(key, retryAfter);
                if (mayRetry && retryAfter != null) {
                    Duration retryWait = max(retryAfter, backoff(attempt));
                    if (budget.allows(retryWait) && circuitStillClosed(vouched)) {
                        backoff.clear(key);
                        return retryWait;
                    }
                }
                return null;
            case SERVER_ERROR:
                backoff.pause(key, max(settings.retryDelay(), MIN_RETRY_AFTER), Reason.BACKEND_UNAVAILABLE);
                scope.onSessionFailure(key, null);
                return null;
            case CONFIGURATION:
                scope.release();
                if (vouched) {
                    configurationProblem = answer.toString();
                }
                backoff.pause(key, max(settings.retryDelay(), MIN_RETRY_AFTER), Reason.CONFIGURATION);
                context.warnings.warn("configuration", "Auth backend answer points at the configuration (" + answer + ")");
                return null;
            case REJECTED:
            default:
                scope.release();
                backoff.pause(key, max(settings.retryDelay(), MIN_RETRY_AFTER), Reason.REJECTED);
                context.warnings.warn("rejected", "Auth backend rejected a refresh request of session " + TokenHash.shortIdOfKey(key)
                        + (vouched ? "" : " (a token the library cannot vouch for)") + ": " + answer);
                return null;
        }
    }

    private boolean circuitStillClosed(boolean vouched) {
        return (vouched ? circuit : unvouchedCircuit).state() != CircuitBreaker.State.OPEN;
    }

    private CallResult concluded(BackendAnswer answer) {
        return CallResult.concluded(answer, settings.retryDelay());
    }

    /** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, base * 2^attempt]. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), settings.retryDelay().toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
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

    /** The auth backend did not answer the monitor's probe: a transport failure. */
    void probeFailed() {
        circuit.onTransportFailure();
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    /** The last answer from a vouched session that pointed at the configuration, or {@code null}. */
    String configurationProblem() {
        return configurationProblem;
    }

    /** A refresh succeeded: any configuration problem seen before is gone. */
    void configurationWorks() {
        configurationProblem = null;
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
