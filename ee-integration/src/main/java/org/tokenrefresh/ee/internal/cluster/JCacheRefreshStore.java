package org.tokenrefresh.ee.internal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.token.TokenHash;

/**
 * A cluster-wide {@link RefreshStore} on the container's JCache (JSR-107), e.g. Payara's Hazelcast data
 * grid: single-flight and successor records then hold across every node of the deployment.
 *
 * <h2>Usage</h2>
 * Installed by the module's plug-in when the container has a JCache {@link CacheManager} (CDI, else JNDI
 * {@code payara/CacheManager}); {@code tokenrefresh.store=memory} keeps the in-memory store. Programmatic:
 * <pre>
 * RefreshStore store = JCacheRefreshStore.open(cacheManager, "/app", null, settings, Clock.systemUTC());
 * RefreshEngine engine = RefreshEngine.builder(settings).store(store).build();
 * </pre>
 *
 * <h2>Configuration</h2>
 * <ul>
 * <li>{@code tokenrefresh.store-key}: secret the AES-256 key is derived from (HKDF-SHA256, bound to the
 * context path). Every node of the deployment must have the same value. Unset: the first node generates a
 * random key and shares it through the cache (see Behaviour).</li>
 * </ul>
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>Four caches per context path: {@code tokenrefresh.<context>.markers} (token-free, kept for
 * {@code reuse-guard}), {@code .successors} (the tokens that replaced a used one, kept only for the grace:
 * {@code rotation-grace}, or the activity window after a background refresh), {@code .locks} and
 * {@code .keys}. Keys and values are JDK types ({@code String}, {@code byte[]}), so entries never depend on
 * the application's class loader.</li>
 * <li>Records are sealed with AES-256-GCM, the cache key as authenticated data. Each record's expiry is
 * sealed inside it (JCache has no portable per-entry time-to-live), and each cache has a cache-wide expiry
 * just past the longest lifetime of its records, so that successor tokens leave the grid soon after their
 * grace instead of staying for the reuse guard.</li>
 * <li><b>Fail closed</b>: a record that exists but cannot be opened (a node with another
 * {@code store-key}, a re-created keys cache, a corrupt entry) reads as {@link RefreshStore#UNREADABLE}: the
 * engine then does not send that token.</li>
 * <li>Without {@code store-key}, the random key travels through the grid beside the records it protects:
 * that keeps tokens out of cache browsers, dumps of the records cache and its replication, but not from
 * someone who can read every cache of the grid. Set {@code store-key} (from a secret store) for that.</li>
 * <li>The lock is {@code putIfAbsent} of {@code "<node> <untilMillis>"}. A lock past its time belongs to
 * a node that died mid-refresh: it is taken over with {@code replace(key, old, new)}, so the others wait at
 * most the lock timeout ({@code wait-budget} plus one call). That node may have sent the refresh token
 * already, so the token is recorded as {@link RefreshStore#LOST_MARKER lost} and never sent again: the session
 * goes on while its access token is valid.</li>
 * <li><b>Waiting for another node</b> ({@link #awaitChange}) is event-driven: a {@link ChangeListener} on the
 * {@code .markers}, {@code .successors} and {@code .locks} caches wakes this node's waiters of a key the moment
 * any node writes its marker or successor or releases its lock. A waiter still looks again after
 * {@value #FALLBACK_POLL_MILLIS} ms (an event can be lost, e.g. while the grid rebalances), and at the latest
 * when the lock it waits for expires, so that the lock of a node that died is taken over on time. Where the
 * caches refuse listeners, waiters look every {@value #POLL_MILLIS} ms instead.</li>
 * <li>The lock is not cut short by a lease: a holder that is slow but alive (a long GC pause on a loaded node)
 * must never be taken for dead while its backend call may still be answered. Each waiting request waits at
 * most its own {@code wait-budget} either way.</li>
 * <li>Expiry is judged with the engine's clock on each node: keep the nodes' clocks in sync (NTP).</li>
 * <li>Hazelcast's default JCache size limit (10,000 entries per node, least recently used first) applies;
 * for very many sessions, configure a larger limit for the {@code tokenrefresh.*} caches in the grid's
 * configuration.</li>
 * </ul>
 */
public final class JCacheRefreshStore implements RefreshStore {

    private static final Logger LOG = Logger.getLogger(JCacheRefreshStore.class.getName());
    /** Prefix of every cache name. */
    public static final String CACHE_PREFIX = "tokenrefresh.";
    private static final String SHARED_KEY = "aes-256-gcm";
    /** Caches outlive their longest entry by this much before the cache-wide expiry removes it. */
    private static final Duration MARGIN = Duration.ofMinutes(1);
    /** With entry events, a waiter looks again after this long all the same: the safety net for a lost event. */
    static final long FALLBACK_POLL_MILLIS = 250;
    /** Without entry events, a waiter looks again after this long (the SPI's default period). */
    static final long POLL_MILLIS = 25;

    private final Cache<String, byte[]> markers;
    private final Cache<String, byte[]> successors;
    private final Cache<String, String> locks;
    private final StoreCipher cipher;
    private final Clock clock;
    private final Duration lostTtl;
    private final String node = UUID.randomUUID().toString();
    private final ConcurrentMap<String, String> held = new ConcurrentHashMap<>();
    private final Subscriptions subscriptions;
    private final long fallbackPollMillis;

    JCacheRefreshStore(Cache<String, byte[]> markers, Cache<String, byte[]> successors, Cache<String, String> locks,
            StoreCipher cipher, Clock clock, Duration lostTtl, Subscriptions subscriptions, long fallbackPollMillis) {
        this.markers = markers;
        this.successors = successors;
        this.locks = locks;
        this.cipher = cipher;
        this.clock = clock;
        this.lostTtl = lostTtl;
        this.subscriptions = subscriptions;
        this.fallbackPollMillis = fallbackPollMillis;
    }

    /**
     * Opens (creating when needed) the caches of one deployment.
     *
     * @param contextPath the application's context path, which names the caches
     * @param secret the {@code store-key}, or {@code null} for a random key shared through the cache
     * @throws CacheException when the caches cannot be created
     */
    public static JCacheRefreshStore open(CacheManager manager, String contextPath, String secret,
            TokenRefreshSettings settings, Clock clock) {
        return open(manager, contextPath, secret, settings, clock, FALLBACK_POLL_MILLIS);
    }

    /** The same, with another safety-net period for waiters (tests). */
    static JCacheRefreshStore open(CacheManager manager, String contextPath, String secret,
            TokenRefreshSettings settings, Clock clock, long fallbackPollMillis) {
        String base = CACHE_PREFIX + cacheSegment(contextPath);
        Duration grace = max(settings.rotationGrace(), settings.activityWindow());
        Subscriptions subscriptions = new Subscriptions();
        Cache<String, byte[]> markers = subscriptions.open(manager, base + ".markers", byte[].class,
                max(settings.reuseGuard(), grace).plus(MARGIN));
        Cache<String, byte[]> successors = subscriptions.open(manager, base + ".successors", byte[].class, grace.plus(MARGIN));
        Cache<String, String> locks = subscriptions.open(manager, base + ChangeListener.LOCKS_SUFFIX, String.class,
                settings.lockTimeout().plus(MARGIN));
        byte[] key;
        if (secret != null) {
            key = StoreCipher.deriveKey(secret, contextPath);
        } else {
            key = sharedKey(cache(manager, base + ".keys", String.class, null));
        }
        LOG.info("Token refresh store: JCache caches " + base + ".* (" + (secret != null ? "key from tokenrefresh.store-key"
                : "random key shared through the cache") + "); waits for other nodes " + (subscriptions.complete()
                ? "on entry events" : "by polling every " + POLL_MILLIS + " ms (the caches refused an entry listener)"));
        return new JCacheRefreshStore(markers, successors, locks, new StoreCipher(key), clock, settings.reuseGuard(),
                subscriptions, fallbackPollMillis);
    }

    /** The key every node of the deployment derives the same way: for the vouching MAC of refresh tokens. */
    public byte[] vouchingKey() {
        return cipher.subkey("vouching");
    }

    /** {@code /shop} gives {@code shop}, the root context {@code ROOT}; other characters become {@code _}. */
    static String cacheSegment(String contextPath) {
        String path = contextPath == null || contextPath.equals("/") ? "" : contextPath;
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? "ROOT" : path.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static <V> Cache<String, V> cache(CacheManager manager, String name, Class<V> type, Duration upperBound) {
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

    /** The first node's random key wins ({@code putIfAbsent}); every node then uses it. */
    static byte[] sharedKey(Cache<String, String> keys) {
        for (int attempt = 0; attempt < 3; attempt++) {
            keys.putIfAbsent(SHARED_KEY, Base64.getEncoder().encodeToString(StoreCipher.randomKey()));
            String agreed = keys.get(SHARED_KEY);
            if (agreed != null) {
                byte[] key = Base64.getDecoder().decode(agreed);
                if (key.length == StoreCipher.KEY_BYTES) {
                    return key;
                }
                keys.remove(SHARED_KEY, agreed); // not ours: replace it with a usable one
            }
        }
        throw new CacheException("No shared store key could be agreed on through cache " + keys.getName());
    }

    /** {@inheritDoc} A cache failure propagates: the engine then makes no call rather than risk a resend. */
    @Override
    public String marker(String key) {
        return read(markers, key);
    }

    @Override
    public void putMarker(String key, String marker, Duration ttl) {
        write(markers, key, marker, ttl);
    }

    /** {@inheritDoc} A cache failure propagates: the engine then makes no call rather than risk a resend. */
    @Override
    public String successor(String key) {
        return read(successors, key);
    }

    @Override
    public void putSuccessor(String key, String successor, Duration ttl) {
        write(successors, key, successor, ttl);
    }

    private String read(Cache<String, byte[]> cache, String key) {
        byte[] sealed = cache.get(key);
        if (sealed == null) {
            return null;
        }
        StoreCipher.Opened opened = cipher.open(key, sealed);
        if (opened == null) {
            LOG.fine(() -> "Session " + TokenHash.shortIdOfKey(key) + ": record in " + cache.getName() + " cannot be opened");
            return UNREADABLE; // fail closed: another node may have used this token
        }
        return opened.expiresAtMillis > clock.millis() ? opened.record : null;
    }

    /**
     * A cache failure is logged, not thrown: the tokens just obtained still reach the request that refreshed,
     * only the other nodes do not learn them.
     */
    private void write(Cache<String, byte[]> cache, String key, String value, Duration ttl) {
        try {
            cache.put(key, cipher.seal(key, clock.millis() + ttl.toMillis(), value));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Token refresh store: record of session " + TokenHash.shortIdOfKey(key)
                    + " could not be written to the cluster", e);
        }
    }

    @Override
    public boolean tryLock(String key, Duration ttl) {
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
        putMarker(key, LOST_MARKER, lostTtl);
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

    @Override
    public void unlock(String key) {
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

    /**
     * {@inheritDoc} Returns when this node hears (through {@link ChangeListener}) that another node wrote a record
     * for the key or released its lock, when that lock expires, or after {@value #FALLBACK_POLL_MILLIS} ms,
     * whichever comes first; without entry events, after {@value #POLL_MILLIS} ms.
     */
    @Override
    public void awaitChange(String key, Duration timeout) throws InterruptedException {
        long wait = Math.max(1L, timeout.toMillis());
        if (!subscriptions.complete()) {
            Thread.sleep(Math.min(wait, POLL_MILLIS));
            return;
        }
        ChangeSignals.Gate gate = ChangeSignals.enter(key);
        try {
            wait = Math.min(wait, fallbackPollMillis);
            String lock;
            try {
                lock = locks.get(key); // looked at after entering: a release from now on opens the gate
            } catch (RuntimeException e) {
                lock = ""; // the grid is in trouble: wait the safety-net period, the caller's own reads meet it
            }
            if (lock == null) {
                return; // released in between: the caller looks again at once
            }
            if (!lock.isEmpty()) {
                // the holder may have died: be there when its lock can be taken over
                wait = Math.min(wait, Math.max(0L, lockedUntil(lock) - clock.millis()) + 1);
            }
            gate.await(wait);
        } finally {
            ChangeSignals.leave(key, gate);
        }
    }

    /** Whether waiters are woken by entry events (else they poll). */
    boolean eventDriven() {
        return subscriptions.complete();
    }

    @Override
    public boolean clustered() {
        return true;
    }

    /** Releases the locks this node holds and removes its entry listeners; the caches belong to the container and stay. */
    @Override
    public void close() {
        for (Map.Entry<String, String> lock : held.entrySet()) {
            unlock(lock.getKey());
        }
        subscriptions.close();
    }

    /**
     * The {@link ChangeListener} of this node on each cache it listens to: registered when the cache did not
     * bring one along, and removed on close.
     */
    static final class Subscriptions {

        private final List<Cache<String, ?>> listened = new ArrayList<>();
        private boolean complete = true;

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

        boolean complete() {
            return complete;
        }

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

    /** Names of the caches this store uses (for logs and health). */
    public String describe() {
        return markers.getName() + ", " + successors.getName() + ", " + locks.getName();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "JCacheRefreshStore[" + describe() + "]";
    }
}
