package org.tokenrefresh.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that tests move by hand: a base time plus an offset that {@link #advance(Duration)} moves. Thread-safe,
 * so one instance can drive a mock backend, an engine and a servlet container at once.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * MutableClock clock = MutableClock.atEpochSecond(1_900_000_000L); // stands still until moved
 * clock.advance(Duration.ofSeconds(45));                            // tokens become due, without sleeping
 *
 * MutableClock shifted = MutableClock.followingSystemTime();        // real time, shifted on demand
 * shifted.advance(Duration.ofMinutes(-55));                         // "issued 55 minutes ago"
 * shifted.reset();                                                  // real time again
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>{@link #withZone(ZoneId)} follows {@link Clock}'s contract: it returns a clock with the other zone that
 *       shares this clock's time, so moving either moves both. (It neither fails nor ignores the zone.)</li>
 *   <li>Offsets are kept in nanoseconds: an offset beyond about 292 years fails with {@link ArithmeticException}.</li>
 *   <li>{@link #millis()} allocates nothing, so the clock can sit on a measured hot path.</li>
 * </ul>
 */
public final class MutableClock extends Clock {

    /**
     * The time a clock and its {@link #withZone} views share: a base clock plus an offset in nanoseconds.
     * {@code baseNanoOfMilli} is the part of the base's millisecond that {@link Clock#millis()} drops (non-zero
     * only for a fixed start between two milliseconds).
     */
    private record Time(Clock base, long baseNanoOfMilli, AtomicLong offsetNanos) {
    }

    private final Time time;
    private final ZoneId zone;

    private MutableClock(Time time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    /** A clock standing at {@code start} until it is moved; zone UTC. */
    public MutableClock(Instant start) {
        this(new Time(Clock.fixed(start, ZoneOffset.UTC), start.getNano() % 1_000_000L, new AtomicLong()), ZoneOffset.UTC);
    }

    /** A clock standing at the given epoch second until it is moved; zone UTC. */
    public static MutableClock atEpochSecond(long epochSecond) {
        return new MutableClock(Instant.ofEpochSecond(epochSecond));
    }

    /** Real time (the system clock, UTC) plus an offset moved by {@link #advance(Duration)}; starts with none. */
    public static MutableClock followingSystemTime() {
        return new MutableClock(new Time(Clock.systemUTC(), 0, new AtomicLong()), ZoneOffset.UTC);
    }

    /** Moves this clock (and every clock {@link #withZone} made from it) by the duration; negative moves back. */
    public void advance(Duration duration) {
        long nanos = duration.toNanos();
        time.offsetNanos().getAndUpdate(current -> Math.addExact(current, nanos));
    }

    /** Drops every move: back to the start, or to real time for {@link #followingSystemTime()}. */
    public void reset() {
        time.offsetNanos().set(0);
    }

    /** The current time in whole seconds since the epoch. */
    public long epochSecond() {
        return Math.floorDiv(millis(), 1000L);
    }

    @Override
    public long millis() {
        return time.base().millis() + Math.floorDiv(time.baseNanoOfMilli() + time.offsetNanos().get(), 1_000_000L);
    }

    @Override
    public Instant instant() {
        return time.base().instant().plusNanos(time.offsetNanos().get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in the given zone that shares this clock's time: moving either moves both. */
    @Override
    public MutableClock withZone(ZoneId newZone) {
        Objects.requireNonNull(newZone, "zone");
        return newZone.equals(zone) ? this : new MutableClock(time, newZone);
    }

    /** Equal when both share one time (one made from the other by {@link #withZone}) and have the same zone. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MutableClock clock && time == clock.time && zone.equals(clock.zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(time) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + ", " + zone + "]";
    }
}
