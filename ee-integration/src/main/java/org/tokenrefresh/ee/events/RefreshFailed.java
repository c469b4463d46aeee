package org.tokenrefresh.ee.events;

import java.time.Duration;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;

/**
 * A refresh did not happen and the session goes on with its current tokens: the auth backend is
 * unavailable or rate limiting, its answer was lost, the circuit is open, or another node did not finish in
 * time.
 */
public final class RefreshFailed extends TokenRefreshEvent {

    private final Reason reason;
    private final Duration retryAfter;

    RefreshFailed(RefreshEvent source) {
        super(source);
        this.reason = source.reason();
        this.retryAfter = source.retryAfter();
    }

    /** {@code BACKEND_UNAVAILABLE}, {@code RATE_LIMITED}, {@code LOST_RESPONSE}, {@code CIRCUIT_OPEN} or {@code COORDINATION_TIMEOUT}. */
    public Reason reason() {
        return reason;
    }

    /** When a new attempt makes sense, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    String details() {
        return ", reason=" + reason + (retryAfter == null ? "" : ", retryAfter=" + retryAfter.getSeconds() + "s");
    }
}
