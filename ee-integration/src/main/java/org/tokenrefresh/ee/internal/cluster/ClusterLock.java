package org.tokenrefresh.ee.internal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.tokenrefresh.internal.token.TokenHash;

/**
 * The store's lock of a key across the nodes: {@code putIfAbsent} of {@code "<node> <untilMillis>"} in the
 * {@code .locks} cache. A lock past its time belongs to a node that died mid-refresh and is taken over with
 * {@code replace(key, old, new)}, and the key is handed to the take-over action: that node may have sent the
 * refresh token already.
 */
final class ClusterLock {

    private static final Logger LOG = Logger.getLogger(JCacheRefreshStore.class.getName());

    private final Cache<String, String> locks;
    private final Clock clock;
    private final String node = UUID.randomUUID().toString();
    private final ConcurrentMap<String, String> held = new ConcurrentHashMap<>();
    private final Consumer<String> onTakeOver;

    /** @param onTakeOver given the key of a lock taken over from a node that died mid-refresh */
    ClusterLock(Cache<String, String> locks, Clock clock, Consumer<String> onTakeOver) {
        this.locks = locks;
        this.clock = clock;
        this.onTakeOver = onTakeOver;
    }

    boolean tryLock(String key, Duration ttl) {
        long now = clock.millis();
        String mine = node + " " + (now + ttl.toMillis());
        if (locks.putIfAbsent(key, mine)) {
            held.put(key, mine);
            return true;
        }
        String current = locks.get(key);
        if (current == null) {
            if (locks.putIfAbsent(key, mine)) { // released in between
                held.put(key, mine);
                return true;
            }
            return false;
        }
        if (lockedUntil(current) > now || !locks.replace(key, current, mine)) {
            return false;
        }
        held.put(key, mine);
        // The holder ran past the refresh timeout: it died mid-refresh, after sending the token or not.
        onTakeOver.accept(key);
        LOG.warning("Session " + TokenHash.shortIdOfKey(key) + ": the node refreshing it did not finish within the"
                + " refresh timeout; its refresh token may have been used and is not sent again");
        return true;
    }

    static long lockedUntil(String lock) {
        int space = lock.lastIndexOf(' ');
        try {
            return Long.parseLong(lock.substring(space + 1));
        } catch (NumberFormatException e) {
            return 0L; // unreadable: treat as expired
        }
    }

    /** The lock of the key as it stands in the cache, {@code null} when none is held. */
    String current(String key) {
        return locks.get(key);
    }

    /** Milliseconds until the lock expires (at least 0). */
    long millisLeft(String lock) {
        return Math.max(0L, lockedUntil(lock) - clock.millis());
    }

    void unlock(String key) {
        String mine = held.remove(key);
        if (mine == null) {
            return;
        }
        try {
            locks.remove(key, mine); // only our own lock: it may have been taken over meanwhile
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Token refresh store: lock of session " + TokenHash.shortIdOfKey(key)
                    + " not released; it expires by itself", e);
        }
    }

    /** Releases every lock this node holds. */
    void unlockAll() {
        for (String key : held.keySet()) {
            unlock(key);
        }
    }

    String name() {
        return locks.getName();
    }
}
