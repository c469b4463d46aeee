package org.tokenrefresh.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calls to a failing auth backend. Closed: calls pass, and {@code failureThreshold} consecutive
 * failures open it. Open: no call until the open time (or the backend's {@code Retry-After}) has passed.
 * Half-open: one trial call; success closes, failure opens again. Time comes from the {@link Clock}.
 *
 * <p>Synchronized: it is touched only on the refresh path, never on the per-request fast path.
 */
public final class CircuitBreaker {

    /** The breaker's states. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final Clock clock;
    private final int failureThreshold;
    private final Duration openTime;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;
    private long opens;

    public CircuitBreaker(Clock clock, int failureThreshold, Duration openTime) {
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.openTime = openTime;
    }

    /** Whether a call may go out now. In half-open state only one caller gets {@code true}. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        switch (state) {
            case CLOSED:
                return true;
            case HALF_OPEN:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            default:
                return false;
        }
    }

    /** The backend answered sensibly (tokens or a verdict on the token). */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** The backend failed. A {@code retryAfter} from the backend opens the circuit until then. */
    public synchronized void onFailure(Duration retryAfter) {
        consecutiveFailures++;
        trialInFlight = false;
        boolean trialFailed = state == State.HALF_OPEN;
        if (retryAfter != null && retryAfter.compareTo(Duration.ZERO) > 0) {
            open(retryAfter);
        } else if (trialFailed || consecutiveFailures >= failureThreshold) {
            open(openTime);
        }
    }

    /** A trial slot that was acquired but not used. */
    public synchronized void release() {
        trialInFlight = false;
    }

    private void open(Duration duration) {
        Instant until = clock.instant().plus(duration);
        if (state != State.OPEN) {
            opens++;
        }
        if (state != State.OPEN || until.isAfter(openUntil)) {
            openUntil = until;
        }
        state = State.OPEN;
    }

    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long until a call may be tried again; zero when it may now. */
    public synchronized Duration retryAfter() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How many times the circuit has opened. */
    public synchronized long opens() {
        return opens;
    }
}
