package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * How long one request may still wait, in all: retry pauses, {@code Retry-After}, another request's or
 * another node's refresh ({@code wait-budget}). No wait starts that would end past it; a backend call
 * already sent is never cut short (that would lose its answer and spend the token).
 */
public final class Budget {

    private final Clock clock;
    private final long deadlineMillis;

    private Budget(Clock clock, long deadlineMillis) {
        this.clock = clock;
        this.deadlineMillis = deadlineMillis;
    }

    /** A budget of {@code length} from now. */
    public static Budget of(Clock clock, Duration length) {
        return new Budget(clock, clock.millis() + length.toMillis());
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofMillis(Math.max(0L, deadlineMillis - clock.millis()));
    }

    /** Whether a wait of this length ends within the budget. */
    public boolean allows(Duration wait) {
        return clock.millis() + wait.toMillis() <= deadlineMillis;
    }

    /** Whether nothing is left. */
    public boolean exhausted() {
        return clock.millis() >= deadlineMillis;
    }
}
