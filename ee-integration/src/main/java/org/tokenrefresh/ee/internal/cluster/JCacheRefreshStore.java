package org.tokenrefresh.ee.internal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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

    private final Cache<String, byte[]> markers;
    private final Cache<String, byte[]> successors;
    private final Cache<String, String> locks;
    private final StoreCipher cipher;
    private final Clock clock;
    private final Duration lostTtl;
    private final String node = UUID.randomUUID().toString();
    private final ConcurrentMap<String, String> held = new ConcurrentHashMap<>();

    JCacheRefreshStore(Cache<String, byte[]> markers, Cache<String, byte[]> successors, Cache<String, String> locks,
            StoreCipher cipher, Clock clock, Duration lostTtl) {
        this.markers = markers;
        this.successors = successors;
        this.locks = locks;
        this.cipher = cipher;
        this.clock = clock;
        this.lostTtl = lostTtl;
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
        String base = CACHE_PREFIX + cacheSegment(contextPath);
        Duration grace = max(settings.rotationGrace(), settings.activityWindow());
        Cache<String, byte[]> markers = cache(manager, base + ".markers", byte[].class, max(settings.reuseGuard(), grace).plus(MARGIN));
        Cache<String, byte[]> successors = cache(manager, base + ".successors", byte[].class, grace.plus(MARGIN));
        Cache<String, String> locks = cache(manager, base + ".locks", String.class, settings.lockTimeout().plus(MARGIN));
        byte[] key;
        if (secret != null) {
            key = StoreCipher.deriveKey(secret, contextPath);
        } else {
            key = sharedKey(cache(manager, base + ".keys", String.class, null));
        }
        LOG.info("Token refresh store: JCache caches " + base + ".* (" + (secret != null ? "key from tokenrefresh.store-key"
                : "random key shared through the cache") + ")");
        return new JCacheRefreshStore(markers, successors, locks, new StoreCipher(key), clock, settings.reuseGuard());
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

    @Override
    public boolean clustered() {
        return true;
    }

    /** Releases the locks this node holds; the caches belong to the container and stay. */
    @Override
    public void close() {
        for (Map.Entry<String, String> lock : held.entrySet()) {
            unlock(lock.getKey());
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
