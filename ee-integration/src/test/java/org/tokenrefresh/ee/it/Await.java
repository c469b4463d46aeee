package org.tokenrefresh.ee.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls for a condition that another thread or process makes true (Awaitility-style, bounded). */
public final class Await {

    private Await() {
    }

    /** Whether the condition became true within the timeout; polls every 20 ms. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(20_000_000L);
        }
        return true;
    }
}
