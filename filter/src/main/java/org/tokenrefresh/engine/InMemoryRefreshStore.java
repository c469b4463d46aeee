package org.tokenrefresh.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tokenrefresh.RefreshStore;

/**
 * The default store: one JVM, bounded and expiring (Caffeine), with time from the engine's clock. When
 * full, the least recently used records go first.
 */
public final class InMemoryRefreshStore implements RefreshStore {

    private final Clock clock;
    private final Cache<String, Entry> records;
    private final ConcurrentMap<String, Long> locks = new ConcurrentHashMap<>();

    public InMemoryRefreshStore(Clock clock, long maxEntries) {
        this.clock = clock;
        this.records = Caffeine.newBuilder()
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
    public String get(String key) {
        Entry entry = records.getIfPresent(key);
        return entry == null ? null : entry.value;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        records.put(key, new Entry(value, ttl.toNanos()));
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

    /** Records currently held (approximate). */
    public long size() {
        return records.estimatedSize();
    }

    @Override
    public void close() {
        records.invalidateAll();
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
