package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void aConditionAlreadyTrueIsCheckedOnce() {
        AtomicInteger checks = new AtomicInteger();

        assertTrue(Await.until(() -> checks.incrementAndGet() > 0, Duration.ZERO));
        assertEquals(1, checks.get());
    }

    @Test
    void seesAConditionAnotherThreadMakesTrue() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.set(true);
        });
        other.start();

        assertTrue(Await.until(done::get, Duration.ofSeconds(30)));
        other.join();
    }

    @Test
    void givesUpAfterTheTimeoutAndChecksOnceMoreAtTheEnd() {
        AtomicInteger checks = new AtomicInteger();
        long started = System.nanoTime();

        assertFalse(Await.until(() -> checks.incrementAndGet() < 0, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(200).toNanos(), "waited the whole timeout");
        assertTrue(checks.get() >= 2, "checked at the start and again at the end: " + checks.get());
    }
}
