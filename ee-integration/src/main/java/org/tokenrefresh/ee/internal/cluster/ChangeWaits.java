package org.tokenrefresh.ee.internal.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * How this node waits for a change another node makes: the {@link ChangeListener} of this node on each cache
 * it listens to (registered when the cache did not bring one along, removed on close), and the waits that
 * the listener ends through {@link ChangeSignals}. Where a cache refuses the listener, waiters poll.
 */
final class ChangeWaits {

    private static final Logger LOG = Logger.getLogger(JCacheRefreshStore.class.getName());

    private final List<Cache<String, ?>> listened = new ArrayList<>();
    private final long fallbackPollMillis;
    private boolean complete = true;

    /** @param fallbackPollMillis with entry events, how long a waiter waits at most before it looks again */
    ChangeWaits(long fallbackPollMillis) {
        this.fallbackPollMillis = fallbackPollMillis;
    }

    /** Opens (creating when needed) a cache and makes sure this node has a listener on it. */
    <V> Cache<String, V> open(CacheManager manager, String name, Class<V> type, Duration upperBound) {
        long before = ChangeListener.created();
        Cache<String, V> cache = cache(manager, name, type, upperBound);
        try {
            // Hazelcast registers the listener configurations it finds when it opens a cache on a member:
            // then this node has its listener already, and a second one would only double every event.
            if (ChangeListener.created() == before) {
                cache.registerCacheEntryListener(ChangeListener.<V>configuration());
            }
            listened.add(cache);
        } catch (RuntimeException e) {
            complete = false;
            LOG.info("Token refresh store: cache " + name + " takes no entry listener (" + e + "); waits for other"
                    + " nodes poll instead");
            LOG.log(Level.FINE, "Entry listener refused by " + name, e);
        }
        return cache;
    }

    /** Opens a cache of the container, creating it when no node has yet; {@code upperBound} is its expiry. */
    static <V> Cache<String, V> cache(CacheManager manager, String name, Class<V> type, Duration upperBound) {
        Cache<String, V> cache = manager.getCache(name, String.class, type);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, V> config = new MutableConfiguration<String, V>()
                .setTypes(String.class, type)
                .setStoreByValue(true)
                .setStatisticsEnabled(false);
        if (upperBound != null) {
            config.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                    new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, upperBound.toMillis())));
        }
        try {
            return manager.createCache(name, config);
        } catch (CacheException createdByAnotherNode) {
            Cache<String, V> existing = manager.getCache(name, String.class, type);
            if (existing == null) {
                throw createdByAnotherNode;
            }
            return existing;
        }
    }

    /** Whether every cache took the listener, so that waiters are woken by entry events. */
    boolean complete() {
        return complete;
    }

    /**
     * Waits until this node hears that the key changed or its lock was released, until that lock expires, or
     * for the fallback period, whichever comes first; without entry events, for {@code pollMillis}.
     */
    void await(String key, Duration timeout, ClusterLock lock, long pollMillis) throws InterruptedException {
        long wait = Math.max(1L, timeout.toMillis());
        if (!complete) {
            Thread.sleep(Math.min(wait, pollMillis));
            return;
        }
        ChangeSignals.Gate gate = ChangeSignals.enter(key);
        try {
            wait = Math.min(wait, fallbackPollMillis);
            String held;
            try {
                held = lock.current(key); // looked at after entering: a release from now on opens the gate
            } catch (RuntimeException e) {
                held = ""; // the grid is in trouble: wait the safety-net period, the caller's own reads meet it
            }
            if (held == null) {
                return; // released in between: the caller looks again at once
            }
            if (!held.isEmpty()) {
                // the holder may have died: be there when its lock can be taken over
                wait = Math.min(wait, lock.millisLeft(held) + 1);
            }
            gate.await(wait);
        } finally {
            ChangeSignals.leave(key, gate);
        }
    }

    /** Removes this node's listeners; the caches belong to the container and stay. */
    void close() {
        for (Cache<String, ?> cache : listened) {
            deregister(cache);
        }
        listened.clear();
    }

    private static <V> void deregister(Cache<String, V> cache) {
        try {
            cache.deregisterCacheEntryListener(ChangeListener.<V>configuration());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Token refresh store: entry listener of " + cache.getName() + " not removed", e);
        }
    }
}
