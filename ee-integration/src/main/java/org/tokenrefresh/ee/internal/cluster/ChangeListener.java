package org.tokenrefresh.ee.internal.cluster;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.tokenrefresh.internal.token.TokenHash;

/**
 * Wakes this node's waiters of a key the moment any node writes a marker or successor for it or releases its
 * lock: a JCache entry listener on the store's {@code .markers}, {@code .successors} and {@code .locks} caches.
 * Not for applications: public only because the cache creates it from its class name.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>The listener configuration ({@link #configuration()}) holds nothing but JSR-107 classes: a
 * {@link FactoryBuilder.ClassFactory} naming this class, no filter, asynchronous, no old value. Hazelcast adds
 * a registered configuration to the cache's configuration and sends it to every member, including members
 * that join later and members where this application is not deployed, deserialized by the grid's own class
 * loader: a factory of the application's own class would fail there
 * (<a href="https://github.com/payara/Payara/issues/1203">Payara issue 1203</a>).</li>
 * <li>The factory is resolved on the registering thread, with the application's context class loader. A
 * member that later opens the cache through its {@code CacheManager} registers the configurations it finds
 * (Hazelcast does), which creates one such listener on that member too; the store notices (see
 * {@link #created()}) and does not register a second one.</li>
 * <li>Every configuration made here is equal to every other, on every node, so that the cache configuration
 * holds it once.</li>
 * <li>Work per event is a map lookup: the listener runs on the grid's event threads. At {@code FINE}, the
 * store's logger shows each event (session id, cache, kind): what a node hears from the others.</li>
 * </ul>
 */
public final class ChangeListener implements CacheEntryCreatedListener<String, Object>,
        CacheEntryUpdatedListener<String, Object>, CacheEntryRemovedListener<String, Object>,
        CacheEntryExpiredListener<String, Object> {

    private static final Logger LOG = Logger.getLogger(JCacheRefreshStore.class.getName());
    private static final AtomicLong CREATED = new AtomicLong();
    /** Suffix of the locks cache: there only a release (removal, expiry) is news to a waiter. */
    static final String LOCKS_SUFFIX = ".locks";

    /** Created by the cache, through the factory of {@link #configuration()}. */
    public ChangeListener() {
        CREATED.incrementAndGet();
    }

    /** The listener configuration every node registers on the store's caches. */
    static <V> CacheEntryListenerConfiguration<String, V> configuration() {
        return new MutableCacheEntryListenerConfiguration<String, V>(FactoryBuilder.factoryOf(ChangeListener.class.getName()),
                null, false, false);
    }

    /** How many listeners of this class this class loader created so far. */
    static long created() {
        return CREATED.get();
    }

    /** A record was written; a lock taken is no news to a waiter (it found the lock taken already). */
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
        for (CacheEntryEvent<? extends String, ? extends Object> event : events) {
            log(event);
            if (!isLocks(event.getSource())) {
                ChangeSignals.signal(event.getKey());
            }
        }
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
        onCreated(events);
    }

    /** A record or lock went away: a lock released is what a waiter waits for. */
    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
        for (CacheEntryEvent<? extends String, ? extends Object> event : events) {
            log(event);
            ChangeSignals.signal(event.getKey());
        }
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
        onRemoved(events);
    }

    private static void log(CacheEntryEvent<? extends String, ? extends Object> event) {
        if (LOG.isLoggable(Level.FINE)) {
            Cache<?, ?> cache = event.getSource();
            LOG.fine("Token refresh store: change of session " + TokenHash.shortIdOfKey(event.getKey()) + " in "
                    + (cache != null ? cache.getName() : "?") + " (" + event.getEventType() + ")");
        }
    }

    private static boolean isLocks(Cache<?, ?> cache) {
        return cache != null && cache.getName() != null && cache.getName().endsWith(LOCKS_SUFFIX);
    }
}
