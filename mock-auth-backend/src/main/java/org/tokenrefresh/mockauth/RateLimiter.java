package org.tokenrefresh.mockauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two rate limits of refresh calls, both fixed windows that start with a window's first call:
 * <ul>
 * <li><b>per family</b> (one login session): past the limit, 429 until the window ends, with the rest of
 * the window as {@code Retry-After};</li>
 * <li><b>per user</b> (all sessions of one username), as the seed's backend does: past the limit the user
 * is locked out for the configured {@code Retry-After} (default {@value #DEFAULT_USER_RETRY_AFTER_SECONDS}
 * s), and every refresh call of that user is answered 429 with that same {@code Retry-After} until the
 * lock-out ends. Other users are unaffected.</li>
 * </ul>
 * Settings may change at run time. Thread-safe.
 */
final class RateLimiter {

    /** Default {@code Retry-After} of the per-user limit: 15 minutes, as the seed's backend answers. */
    static final int DEFAULT_USER_RETRY_AFTER_SECONDS = 900;

    private final Map<String, Window> familyWindows = new ConcurrentHashMap<>();
    private final Map<String, Window> userWindows = new ConcurrentHashMap<>();
    private volatile RateLimit familyLimit;
    private volatile RateLimit userLimit;
    private volatile Duration userRetryAfter;

    RateLimiter(RateLimit familyLimit, RateLimit userLimit, Duration userRetryAfter) {
        this.familyLimit = familyLimit;
        this.userLimit = userLimit;
        userRetryAfter(userRetryAfter);
    }

    /** Counts one refresh call of the family and its user; returns the seconds to wait, or 0 when allowed. */
    long admit(String familyId, String username, Instant now) {
        long userWait = admitUser(username, now);
        long familyWait = admitFamily(familyId, now);
        return Math.max(userWait, familyWait);
    }

    private long admitFamily(String familyId, Instant now) {
        RateLimit limit = familyLimit;
        if (limit.isOff()) {
            return 0;
        }
        Window w = familyWindows.computeIfAbsent(familyId, id -> new Window());
        synchronized (w) {
            w.roll(limit, now);
            if (++w.calls <= limit.maxCalls()) {
                return 0;
            }
            return Durations.ceilSeconds(Duration.between(now, w.start.plus(limit.window())));
        }
    }

    private long admitUser(String username, Instant now) {
        RateLimit limit = userLimit;
        if (limit.isOff()) {
            return 0;
        }
        Duration lockout = userRetryAfter;
        Window w = userWindows.computeIfAbsent(username, id -> new Window());
        synchronized (w) {
            if (w.lockedUntil != null) {
                if (now.isBefore(w.lockedUntil)) {
                    return lockout.getSeconds();
                }
                w.lockedUntil = null;
                w.start = null;
            }
            w.roll(limit, now);
            if (++w.calls <= limit.maxCalls()) {
                return 0;
            }
            w.lockedUntil = now.plus(lockout);
            return lockout.getSeconds();
        }
    }

    /** Forgets every window and lock-out; the settings stay. */
    void reset() {
        familyWindows.clear();
        userWindows.clear();
    }

    RateLimit familyLimit() {
        return familyLimit;
    }

    void familyLimit(RateLimit limit) {
        this.familyLimit = limit;
    }

    RateLimit userLimit() {
        return userLimit;
    }

    void userLimit(RateLimit limit) {
        this.userLimit = limit;
    }

    Duration userRetryAfter() {
        return userRetryAfter;
    }

    /** The lock-out past the per-user limit, sent as {@code Retry-After}; whole seconds, at least one. */
    void userRetryAfter(Duration retryAfter) {
        Duration checked = Durations.atLeastOneSecond(retryAfter, "user rate limit Retry-After");
        this.userRetryAfter = Duration.ofSeconds(checked.getSeconds());
    }

    /** One fixed window. */
    private static final class Window {
        Instant start; // guarded by this
        int calls; // guarded by this
        Instant lockedUntil; // guarded by this; per-user limit only

        void roll(RateLimit limit, Instant now) {
            if (start == null || !now.isBefore(start.plus(limit.window()))) {
                start = now;
                calls = 0;
            }
        }
    }
}
