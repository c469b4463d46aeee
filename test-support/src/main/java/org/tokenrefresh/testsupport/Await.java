package org.tokenrefresh.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for a condition that another thread or process makes true (Awaitility-style, no dependency).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * assertTrue(Await.until(() -> backend.refreshCalls() == 1, Duration.ofSeconds(5)), "one refresh reached the backend");
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * The condition is checked at once, then after pauses that start at 5 ms and double up to 50 ms: quick for a
 * condition in this JVM, gentle on a server when each check is an HTTP call. It returns {@code false} after the
 * timeout rather than throwing, so the caller's assertion carries its own message. Self-contained (no nested or
 * anonymous classes), so an in-container test can ship it in its WAR with {@code addClasses(Await.class)}.
 */
public final class Await {

    private static final long FIRST_PAUSE_NANOS = 5_000_000L;
    private static final long LONGEST_PAUSE_NANOS = 50_000_000L;

    private Await() {
    }

    /** Whether the condition became true within the timeout. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
        return true;
    }
}
