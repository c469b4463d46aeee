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
 * Caffeine's upkeep runs on the calling threads, a few microseconds at a time, never on an unmanaged pool.
 *
 * <p>Compact, since a marker outlives its session's activity by {@code reuse-guard} (an hour by default) and a
 * busy site keeps hundreds of thousands: a key is held as the 128 leading bits of its SHA-256 (two longs, not a
 * 64-character string), and a "used" marker as its grace end (a long, not a string); both are rebuilt when the
 * engine reads them, on the refresh path only.
 */
public final class InMemoryRefreshStore implements RefreshStore {

    private final Clock clock;
    private final Cache<Key, Entry> markers;
    private final Cache<Key, Entry> successors;
    private final ConcurrentMap<String, Long> locks = new ConcurrentHashMap<>();

    public InMemoryRefreshStore(Clock clock, long maxEntries) {
        this.clock = clock;
        this.markers = cache(clock, maxEntries);
        this.successors = cache(clock, maxEntries);
    }

    private static Cache<Key, Entry> cache(Clock clock, long maxEntries) {
        return Caffeine.newBuilder()
                .executor(Runnable::run) // maintenance on the calling thread: no unmanaged pool threads in the container
                .maximumSize(maxEntries)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long now) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long now, long current) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public String marker(String key) {
        return valueOf(markers, key);
    }

    @Override
    public void putMarker(String key, String marker, Duration ttl) {
        markers.put(Key.of(key), Entry.of(marker, ttl.toNanos()));
    }

    @Override
    public String successor(String key) {
        return valueOf(successors, key);
    }

    private static String valueOf(Cache<Key, Entry> records, String key) {
        Entry entry = records.getIfPresent(Key.of(key));
        return entry == null ? null : entry.value();
    }

    @Override
    public void putSuccessor(String key, String successor, Duration ttl) {
        successors.put(Key.of(key), new Entry(successor, ttl.toNanos()));
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

    /** Removes expired records now (Caffeine otherwise does it as it goes); for measurements. */
    public void cleanUp() {
        markers.cleanUp();
        successors.cleanUp();
    }

    @Override
    public void close() {
        markers.invalidateAll();
        successors.invalidateAll();
        locks.clear();
    }

    /** The 128 leading bits of a key (a SHA-256 hex digest); any other string is kept as it is. */
    static final class Key {
        private final long high;
        private final long low;
        private final String other;

        private Key(String key) {
            boolean digest = key.length() == 64 && isLowerHex(key);
            this.high = digest ? hex(key, 0) : 0;
            this.low = digest ? hex(key, 16) : 0;
            this.other = digest ? null : key;
        }

        static Key of(String key) {
            return new Key(key);
        }

        private static boolean isLowerHex(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    return false;
                }
            }
            return true;
        }

        private static long hex(String s, int from) {
            long value = 0;
            for (int i = from; i < from + 16; i++) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
            }
            return value;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return high == k.high && low == k.low && (other == null ? k.other == null : other.equals(k.other));
        }

        @Override
        public int hashCode() {
            return other != null ? other.hashCode() : (int) (high ^ (high >>> 32));
        }
    }

    /** A record (as text) with its time to live. */
    static class Entry {
        private final String text;
        final long ttlNanos;

        Entry(String text, long ttlNanos) {
            this.text = text;
            this.ttlNanos = ttlNanos;
        }

        String value() {
            return text;
        }

        /** A "used" marker ({@code U <graceUntilMillis>}) is kept as its number; any other record as text. */
        static Entry of(String value, long ttlNanos) {
            if (value.length() > 2 && value.charAt(0) == 'U' && value.charAt(1) == ' ') {
                try {
                    UsedEntry used = new UsedEntry(Long.parseLong(value.substring(2)), ttlNanos);
                    if (used.value().equals(value)) {
                        return used;
                    }
                } catch (NumberFormatException e) {
                    // kept as text below
                }
            }
            return new Entry(value, ttlNanos);
        }
    }

    /** A "used" marker kept as its number (no string per marker). */
    static final class UsedEntry extends Entry {
        private final long graceUntilMillis;

        UsedEntry(long graceUntilMillis, long ttlNanos) {
            super(null, ttlNanos);
            this.graceUntilMillis = graceUntilMillis;
        }

        @Override
        String value() {
            return "U " + graceUntilMillis;
        }
    }
}
