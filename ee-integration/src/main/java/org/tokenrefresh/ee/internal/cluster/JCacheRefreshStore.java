package org.tokenrefresh.ee.internal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.internal.config.TokenRefreshSettings;

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
    /** Caches outlive their longest entry by this much before the cache-wide expiry removes it. */
    private static final Duration MARGIN = Duration.ofMinutes(1);
    /** With entry events, a waiter looks again after this long all the same: the safety net for a lost event. */
    static final long FALLBACK_POLL_MILLIS = 250;
    /** Without entry events, a waiter looks again after this long (the SPI's default period). */
    static final long POLL_MILLIS = 25;

    private final SealedRecords markers;
    private final SealedRecords successors;
    private final ClusterLock locks;
    private final ChangeWaits waits;

    /** Opens the caches named {@code base}{@code .*}, see {@link #open}. */
    private JCacheRefreshStore(CacheManager manager, String base, String contextPath, String secret,
            TokenRefreshSettings settings, Clock clock, long fallbackPollMillis) {
        Duration grace = max(settings.rotationGrace(), settings.activityWindow());
        waits = new ChangeWaits(fallbackPollMillis);
        Cache<String, byte[]> markerCache = waits.open(manager, base + ".markers", byte[].class,
                max(settings.reuseGuard(), grace).plus(MARGIN));
        Cache<String, byte[]> successorCache = waits.open(manager, base + ".successors", byte[].class, grace.plus(MARGIN));
        Cache<String, String> lockCache = waits.open(manager, base + ChangeListener.LOCKS_SUFFIX, String.class,
                settings.lockTimeout().plus(MARGIN));
        StoreCipher cipher = new StoreCipher(SealedRecords.key(secret, contextPath,
                secret != null ? null : ChangeWaits.cache(manager, base + ".keys", String.class, null)));
        markers = new SealedRecords(markerCache, cipher, clock);
        successors = new SealedRecords(successorCache, cipher, clock);
        // a lock taken over: its node may have sent the token already, so it is never sent again
        locks = new ClusterLock(lockCache, clock, key -> markers.write(key, LOST_MARKER, settings.reuseGuard()));
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
        JCacheRefreshStore store = new JCacheRefreshStore(manager, base, contextPath, secret, settings, clock,
                fallbackPollMillis);
        LOG.info("Token refresh store: JCache caches " + base + ".* (" + (secret != null ? "key from tokenrefresh.store-key"
                : "random key shared through the cache") + "); waits for other nodes " + (store.eventDriven()
                ? "on entry events" : "by polling every " + POLL_MILLIS + " ms (the caches refused an entry listener)"));
        return store;
    }

    /** The key every node of the deployment derives the same way: for the vouching MAC of refresh tokens. */
    public byte[] vouchingKey() {
        return markers.subkey("vouching");
    }

    /** {@code /shop} gives {@code shop}, the root context {@code ROOT}; other characters become {@code _}. */
    static String cacheSegment(String contextPath) {
        String path = contextPath == null || contextPath.equals("/") ? "" : contextPath;
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? "ROOT" : path.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** {@inheritDoc} A cache failure propagates: the engine then makes no call rather than risk a resend. */
    @Override
    public String marker(String key) {
        return markers.read(key);
    }

    /** {@inheritDoc} A cache failure propagates, as for {@link #marker}. */
    @Override
    public String successor(String key) {
        return successors.read(key);
    }

    /** {@inheritDoc} A cache failure is logged, not thrown: the request that refreshed still gets its tokens. */
    @Override
    public void putMarker(String key, String marker, Duration ttl) {
        markers.write(key, marker, ttl);
    }

    @Override
    public void putSuccessor(String key, String successor, Duration ttl) {
        successors.write(key, successor, ttl);
    }

    @Override
    public boolean tryLock(String key, Duration ttl) {
        return locks.tryLock(key, ttl);
    }

    @Override
    public void unlock(String key) {
        locks.unlock(key);
    }

    /**
     * {@inheritDoc} Returns when this node hears (through {@link ChangeListener}) that another node wrote a record
     * for the key or released its lock, when that lock expires, or after {@value #FALLBACK_POLL_MILLIS} ms,
     * whichever comes first; without entry events, after {@value #POLL_MILLIS} ms.
     */
    @Override
    public void awaitChange(String key, Duration timeout) throws InterruptedException {
        waits.await(key, timeout, locks, POLL_MILLIS);
    }

    /** Whether waiters are woken by entry events (else they poll). */
    boolean eventDriven() {
        return waits.complete();
    }

    @Override
    public boolean clustered() {
        return true;
    }

    /** Releases the locks this node holds and removes its entry listeners; the caches belong to the container and stay. */
    @Override
    public void close() {
        locks.unlockAll();
        waits.close();
    }

    /** Names of the caches this store uses (for logs and health). */
    public String describe() {
        return markers.name() + ", " + successors.name() + ", " + locks.name();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "JCacheRefreshStore[" + describe() + "]";
    }
}
