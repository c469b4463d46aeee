package org.tokenrefresh.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bulkhead for refreshes of tokens the library cannot vouch for (the first refresh after the
 * application's own login, sessions whose MAC cookie is missing or stale, and every forged cookie):
 * <ul>
 * <li>at most {@code unvouched-concurrency} at once on this node, and as many again times three waiting,
 * each no longer than its request's budget; beyond that a request is answered at once (it holds no thread,
 * and a request whose token still works simply goes on);</li>
 * <li>while most of them fail (the mark of a flood of forged cookies: the backend rejects them), at most
 * {@code unvouched-rate} start per second, so the flood never becomes a flood toward the auth backend.
 * While they succeed (a burst of genuine first refreshes, a restarted node), no rate applies.</li>
 * <li>Half of that rate is kept for tokens that come back: a refresh refused for the rate is told to retry after
 * one second, and when the same token comes back after that, it starts in the returning lane. A genuine user
 * retries with the same token; a flood of random cookies never sends one twice, so it cannot crowd that lane out
 * (a flood that does resend its tokens shares the lane, and the backend still sees at most {@code unvouched-rate}
 * a second). The tokens waiting to come back are a bounded local cache of their keys.</li>
 * </ul>
 */
final class UnvouchedGate {

    private static final long WINDOW_MILLIS = 10_000L;
    private static final int MIN_FAILURES = 10;
    /** A refused token may use the returning lane from this long after its refusal: the Retry-After it was given. */
    static final long RETURN_AFTER_MILLIS = BackendGuard.MIN_RETRY_AFTER.toMillis();
    private static final int RETURNING_ENTRIES = 10_000;

    private final Clock clock;
    private final Semaphore running;
    private final Semaphore admitted;
    private final int openRate;
    private final int returningRate;
    /** Keys of tokens refused for the rate, with the time from which they may come back. */
    private final Cache<String, Long> returning;
    private long secondStartMillis;
    private int startedThisSecond;
    private int returnedThisSecond;
    private long windowStartMillis;
    private int successes;
    private int failures;
    private int previousSuccesses;
    private int previousFailures;

    UnvouchedGate(Clock clock, int concurrency, int ratePerSecond) {
        this.clock = clock;
        this.running = new Semaphore(concurrency, true);
        this.admitted = new Semaphore(concurrency * 4, false);
        this.returningRate = ratePerSecond / 2;
        this.openRate = ratePerSecond - returningRate;
        this.returning = Caffeine.newBuilder().executor(Runnable::run).maximumSize(RETURNING_ENTRIES)
                .ticker(() -> clock.millis() * 1_000_000L).expireAfterWrite(60, TimeUnit.SECONDS).build();
    }

    /**
     * Takes a slot for the refresh of the token with this key, waiting at most {@code waitMillis} (zero: only if
     * free now). The caller must {@link #release()} a slot it got.
     */
    boolean enter(long waitMillis, String key) throws InterruptedException {
        if (!admitted.tryAcquire()) {
            return false; // as many are running and waiting as may: answer at once, hold no thread
        }
        boolean entered = false;
        try {
            entered = running.tryAcquire(Math.max(0L, waitMillis), TimeUnit.MILLISECONDS);
            if (entered && !startWithinRate(key)) {
                running.release();
                entered = false;
            }
            return entered;
        } finally {
            if (!entered) {
                admitted.release();
            }
        }
    }

    void release() {
        running.release();
        admitted.release();
    }

    /** What the backend said: tokens, or a rejection of the token (the signs of a flood of forged cookies). */
    synchronized void answered(boolean accepted) {
        roll(clock.millis());
        if (accepted) {
            successes++;
        } else {
            failures++;
        }
    }

    /** Whether most recent unvouched refreshes were rejected. */
    synchronized boolean underAttack() {
        roll(clock.millis());
        int failed = failures + previousFailures;
        return failed >= MIN_FAILURES && failed > successes + previousSuccesses;
    }

    private void roll(long now) {
        if (now - windowStartMillis >= WINDOW_MILLIS || now < windowStartMillis) {
            boolean adjacent = now - windowStartMillis < 2 * WINDOW_MILLIS && now >= windowStartMillis;
            previousSuccesses = adjacent ? successes : 0;
            previousFailures = adjacent ? failures : 0;
            successes = 0;
            failures = 0;
            windowStartMillis = now;
        }
    }

    private boolean startWithinRate(String key) {
        if (!underAttack()) {
            return true;
        }
        synchronized (this) {
            long now = clock.millis();
            if (now - secondStartMillis >= 1000L || now < secondStartMillis) {
                secondStartMillis = now;
                startedThisSecond = 0;
                returnedThisSecond = 0;
            }
            Long back = returning.getIfPresent(key);
            if (back != null && now >= back && returnedThisSecond < returningRate) {
                returning.invalidate(key);
                returnedThisSecond++;
                return true;
            }
            if (startedThisSecond < openRate) {
                startedThisSecond++;
                return true;
            }
            if (back == null) {
                returning.put(key, now + RETURN_AFTER_MILLIS);
            }
            return false;
        }
    }
}
