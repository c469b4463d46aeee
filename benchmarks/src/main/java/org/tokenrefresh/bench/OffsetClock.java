package org.tokenrefresh.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time plus an adjustable offset, shared by the mock auth backend and the refresh engine: tokens are
 * issued "in the past" to make them due or expired, while retries, Retry-After and the circuit breaker run
 * on real time.
 */
public final class OffsetClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    /** Moves this clock by the given amount, relative to real time. */
    public void shift(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    /** Back to real time. */
    public void reset() {
        offsetMillis.set(0);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
