package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops calls to an auth backend that is in trouble <em>as a whole</em>. Only such signals open it:
 * <ul>
 * <li>{@code failureThreshold} transport failures in a row (connect refused, timeouts), which no token can
 * cause;</li>
 * <li>5xx or 429 answers for {@code failureThreshold} <em>distinct</em> sessions within {@code window}
 * (an IP-wide limit or an outage), so that one session's answers never stop the others. The engine feeds
 * this only with sessions it can vouch for (tokens the backend issued through the library).</li>
 * </ul>
 * Open: no call until the open time (or the longest {@code Retry-After} given, capped at
 * {@code max-retry-after}) has passed. Half-open: one trial call; success closes, failure opens again.
 * Time comes from the {@link Clock}.
 *
 * <p>Synchronized: it is touched only on the refresh path, never on the per-request fast path.
 */
public final class CircuitBreaker {

    /** The breaker's states. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final Clock clock;
    private final int failureThreshold;
    private final Duration openTime;
    private final Duration maxOpenTime;
    private final Map<String, Long> failingSessions = new LinkedHashMap<>();
    private State state = State.CLOSED;
    private int transportFailures;
    private Duration longestRetryAfter;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;
    private long opens;

    public CircuitBreaker(Clock clock, int failureThreshold, Duration openTime, Duration maxOpenTime) {
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.openTime = openTime;
        this.maxOpenTime = maxOpenTime;
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

    /** Whether calls pass without a trial: closed. */
    public synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /** The backend answered sensibly (tokens, or a verdict about the token). */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        transportFailures = 0;
        failingSessions.clear();
        longestRetryAfter = null;
        trialInFlight = false;
    }

    /** A transport failure: the backend could not be reached, or did not answer in time. */
    public synchronized void onTransportFailure() {
        transportFailures++;
        if (endTrial() || transportFailures >= failureThreshold) {
            open(openTime);
        }
    }

    /**
     * A 5xx or 429 answer for one session. Opens once {@code failureThreshold} distinct sessions failed within
     * the window, for the longest {@code Retry-After} seen (capped), else the open time.
     */
    public synchronized void onSessionFailure(String sessionKey, Duration retryAfter) {
        long now = clock.millis();
        failingSessions.values().removeIf(at -> at < now - openTime.toMillis());
        failingSessions.remove(sessionKey);
        failingSessions.put(sessionKey, now);
        if (retryAfter != null && (longestRetryAfter == null || retryAfter.compareTo(longestRetryAfter) > 0)) {
            longestRetryAfter = retryAfter;
        }
        if (endTrial() || failingSessions.size() >= failureThreshold) {
            Duration pause = longestRetryAfter != null && !longestRetryAfter.isZero() ? longestRetryAfter : openTime;
            open(pause.compareTo(maxOpenTime) > 0 ? maxOpenTime : pause);
            failingSessions.clear();
            longestRetryAfter = null;
        }
    }

    /** A trial slot that was acquired but whose answer says nothing about the backend. */
    public synchronized void release() {
        trialInFlight = false;
    }

    private boolean endTrial() {
        boolean wasTrial = state == State.HALF_OPEN;
        trialInFlight = false;
        return wasTrial;
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
        transportFailures = 0;
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
