package org.tokenrefresh.internal.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.tokenrefresh.spi.RefreshEvent;

/** Counters of the engine, read by health and metrics integrations. Lock-free. */
public final class RefreshMetrics {

    /** What the engine counts besides the outcomes of its refreshes; each says what it counts. */
    public enum Counter {
        BACKEND_CALLS("HTTP calls made to the auth backend, retries included"),
        JOINS("Requests that shared a concurrent refresh instead of making their own"),
        SUCCESSOR_HITS("Requests served from the successor record of an already rotated token"),
        REPLAYS("Used refresh tokens presented after their grace period (possible theft)"),
        UNVOUCHED_REFUSED("Refreshes of unvouched tokens refused by their bulkhead");

        private final String description;

        Counter(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Map<RefreshEvent.Type, LongAdder> byType = adders(RefreshEvent.Type.class);
    private final Map<RefreshEvent.Reason, LongAdder> failuresByReason = adders(RefreshEvent.Reason.class);
    private final Map<Counter, LongAdder> counters = adders(Counter.class);

    private static <K extends Enum<K>> Map<K, LongAdder> adders(Class<K> keys) {
        Map<K, LongAdder> adders = new EnumMap<>(keys);
        for (K key : keys.getEnumConstants()) {
            adders.put(key, new LongAdder());
        }
        return adders;
    }

    void record(RefreshEvent event) {
        byType.get(event.type()).increment();
        if (event.type() == RefreshEvent.Type.FAILED || event.type() == RefreshEvent.Type.SESSION_EXPIRED) {
            failuresByReason.get(event.reason()).increment();
        }
    }

    void increment(Counter counter) {
        counters.get(counter).increment();
    }

    /** Outcomes of backend refreshes by type. */
    public long count(RefreshEvent.Type type) {
        return byType.get(type).sum();
    }

    /** Failed refreshes and expired sessions by reason. */
    public long failures(RefreshEvent.Reason reason) {
        return failuresByReason.get(reason).sum();
    }

    /** The count of one {@link Counter}. */
    public long count(Counter counter) {
        return counters.get(counter).sum();
    }
}
