package org.tokenrefresh.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tokenrefresh.spi.RefreshStore;

/**
 * The default store: one JVM, bounded and expiring (Caffeine), with time from the engine's clock. Markers
 * and successors live in two caches, each bounded by {@code store-max-entries}; successors, which hold
 * tokens, expire after their short grace. When a cache is full, the least recently used records go first.
 */
public final class InMemoryRefreshStore implements RefreshStore {

    private final Clock clock;
    private final Cache<String, Entry> markers;
    private final Cache<String, Entry> successors;
    private final ConcurrentMap<String, Long> locks = new ConcurrentHashMap<>();

    public InMemoryRefreshStore(Clock clock, long maxEntries) {
        this.clock = clock;
        this.markers = cache(clock, maxEntries);
        this.successors = cache(clock, maxEntries);
    }

    private static Cache<String, Entry> cache(Clock clock, long maxEntries) {
        return Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public String marker(String key) {
        return value(markers.getIfPresent(key));
    }

    @Override
    public void putMarker(String key, String marker, Duration ttl) {
        markers.put(key, new Entry(marker, ttl.toNanos()));
    }

    @Override
    public String successor(String key) {
        return value(successors.getIfPresent(key));
    }

    @Override
    public void putSuccessor(String key, String successor, Duration ttl) {
        successors.put(key, new Entry(successor, ttl.toNanos()));
    }

    private static String value(Entry entry) {
        return entry == null ? null : entry.value;
    }

    @Override
    public boolean tryLock(String key, Duration ttl) {
        long now = clock.millis();
        long until = now + ttl.toMillis();
        Long previous = locks.putIfAbsent(key, until);
        if (previous == null) {
            return true;
        }
        // an expired lock is taken over atomically
        return previous <= now && locks.replace(key, previous, until);
    }

    @Override
    public void unlock(String key) {
        locks.remove(key);
    }

    /** Records currently held (approximate): markers plus successors. */
    public long size() {
        return markers.estimatedSize() + successors.estimatedSize();
    }

    @Override
    public void close() {
        markers.invalidateAll();
        successors.invalidateAll();
        locks.clear();
    }

    private static final class Entry {
        final String value;
        final long ttlNanos;

        Entry(String value, long ttlNanos) {
            this.value = value;
            this.ttlNanos = ttlNanos;
        }
    }
}
