package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.RefreshListener;

/**
 * Tells listeners, metrics and the log about every refresh outcome. A listener that throws is logged and
 * skipped; the refresh goes on.
 */
final class EventPublisher {

    private final Clock clock;
    private final RefreshMetrics metrics;
    private final List<RefreshListener> listeners = new CopyOnWriteArrayList<>();

    EventPublisher(Clock clock, RefreshMetrics metrics, List<RefreshListener> initial) {
        this.clock = clock;
        this.metrics = metrics;
        this.listeners.addAll(initial);
    }

    void add(RefreshListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    void publish(RefreshEvent.Type type, Trigger trigger, Reason reason, String sessionId, long startedNanos, Instant expiresAt,
            Duration retryAfter) {
        RefreshEvent event = new RefreshEvent(type, trigger, reason, sessionId, clock.instant(),
                Duration.ofNanos(System.nanoTime() - startedNanos), expiresAt, retryAfter);
        metrics.record(event);
        EngineContext.LOG.fine(event::toString);
        for (RefreshListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                EngineContext.LOG.log(Level.WARNING, "Refresh listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }
}
