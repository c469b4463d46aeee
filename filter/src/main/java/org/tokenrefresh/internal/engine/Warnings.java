package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * WARNINGs that a client can cause (a flood of forged cookies, replayed tokens) must not flood the log:
 * each cause is logged at most once a minute, with the number of repeats it stood for. The set of causes
 * is fixed by the code, at most with a short session id in it (never a token); the map is capped.
 */
public final class Warnings {

    private static final long PERIOD_MILLIS = 60_000L;

    private final Logger log;
    private final Clock clock;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

    public Warnings(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Logs {@code message} unless the same {@code cause} was logged within the last minute. */
    public void warn(String cause, String message) {
        long now = clock.millis();
        if (slots.size() > 1024) {
            slots.clear(); // causes that carry a session id: never let them grow without bound
        }
        Slot slot = slots.computeIfAbsent(cause, c -> new Slot());
        long last = slot.lastMillis.get();
        if (last != Long.MIN_VALUE && now - last < PERIOD_MILLIS) {
            slot.suppressed.incrementAndGet();
            return;
        }
        if (!slot.lastMillis.compareAndSet(last, now)) {
            slot.suppressed.incrementAndGet();
            return;
        }
        long repeats = slot.suppressed.getAndSet(0);
        log.warning(repeats > 0 ? message + " (and " + repeats + " more like it in the last minute)" : message);
    }

    private static final class Slot {
        final AtomicLong lastMillis = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
