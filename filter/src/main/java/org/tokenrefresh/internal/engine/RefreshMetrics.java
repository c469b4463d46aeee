package org.tokenrefresh.internal.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.tokenrefresh.spi.RefreshEvent;

/** Counters of the engine, read by health and metrics integrations. Lock-free. */
public final class RefreshMetrics {

    private final Map<RefreshEvent.Type, LongAdder> byType = new EnumMap<>(RefreshEvent.Type.class);
    private final Map<RefreshEvent.Reason, LongAdder> failuresByReason = new EnumMap<>(RefreshEvent.Reason.class);
    final LongAdder backendCalls = new LongAdder();
    final LongAdder joins = new LongAdder();
    final LongAdder successorHits = new LongAdder();
    final LongAdder latencyNanos = new LongAdder();
    final LongAdder latencyCount = new LongAdder();
    final LongAdder replays = new LongAdder();
    final LongAdder unvouchedRefused = new LongAdder();

    RefreshMetrics() {
        for (RefreshEvent.Type type : RefreshEvent.Type.values()) {
            byType.put(type, new LongAdder());
        }
        for (RefreshEvent.Reason reason : RefreshEvent.Reason.values()) {
            failuresByReason.put(reason, new LongAdder());
        }
    }

    void record(RefreshEvent event) {
        byType.get(event.type()).increment();
        if (event.type() == RefreshEvent.Type.FAILED || event.type() == RefreshEvent.Type.SESSION_EXPIRED) {
            failuresByReason.get(event.reason()).increment();
        }
    }

    /** Outcomes of backend refreshes by type. */
    public long count(RefreshEvent.Type type) {
        return byType.get(type).sum();
    }

    /** Failed refreshes and expired sessions by reason. */
    public long failures(RefreshEvent.Reason reason) {
        return failuresByReason.get(reason).sum();
    }

    /** HTTP calls made to the auth backend, retries included. */
    public long backendCalls() {
        return backendCalls.sum();
    }

    /** Requests that shared a concurrent refresh instead of making their own. */
    public long joins() {
        return joins.sum();
    }

    /** Requests served from the successor record of an already rotated token. */
    public long successorHits() {
        return successorHits.sum();
    }

    /** Used refresh tokens presented after their grace period (possible theft). */
    public long replays() {
        return replays.sum();
    }

    /** Refreshes of unvouched tokens refused because their bulkhead was full. */
    public long unvouchedRefused() {
        return unvouchedRefused.sum();
    }

    /** Total time spent in backend refresh calls, in nanoseconds. */
    public long latencyNanos() {
        return latencyNanos.sum();
    }

    /** Number of timed backend refreshes. */
    public long latencyCount() {
        return latencyCount.sum();
    }
}
