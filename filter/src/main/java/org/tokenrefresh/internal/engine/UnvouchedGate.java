package org.tokenrefresh.internal.engine;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * a second). The tokens that may come back are remembered by a 64-bit hash of their key, oldest forgotten first,
 * at most {@value #RETURNING_ENTRIES}: a flood refused at up to that many requests a second cannot push a user's
 * token out before its {@code Retry-After} is over (an admission-by-frequency cache would: every random key
 * looks alike).</li>
 * </ul>
 */
final class UnvouchedGate {

    private static final long WINDOW_MILLIS = 10_000L;
    private static final int MIN_FAILURES = 10;
    /** A refused token may use the returning lane from this long after its refusal: the Retry-After it was given. */
    static final long RETURN_AFTER_MILLIS = BackendGuard.MIN_RETRY_AFTER.toMillis();
    static final int RETURNING_ENTRIES = 16_384;
    /** How long a refused token may come back. */
    private static final long RETURN_WITHIN_MILLIS = 60_000L;

    private final Clock clock;
    private final Semaphore running;
    private final Semaphore admitted;
    private final int openRate;
    private final int returningRate;
    /** Tokens refused for the rate (a hash of their key), with the time from which they may come back; guarded by this. */
    private final Map<Long, Long> returning = new LinkedHashMap<Long, Long>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > RETURNING_ENTRIES;
        }
    };
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
            Long token = hash(key);
            Long back = returning.get(token);
            if (back != null && now - back >= RETURN_WITHIN_MILLIS) {
                returning.remove(token);
                back = null;
            }
            if (back != null && now >= back && returnedThisSecond < returningRate) {
                returning.remove(token);
                returnedThisSecond++;
                return true;
            }
            if (startedThisSecond < openRate) {
                startedThisSecond++;
                return true;
            }
            if (back == null) {
                returning.put(token, now + RETURN_AFTER_MILLIS);
            }
            return false;
        }
    }

    /** FNV-1a over the key's characters: 64 bits, enough to tell tokens apart here (a collision only shares the lane). */
    private static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
