package org.tokenrefresh.ee.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.ee.testing.FakeCaches;
import org.tokenrefresh.ee.testing.RotatingBackend;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.Await;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * How a node waits for another node's refresh of the same token: woken by the other node's write or release
 * (entry events), looking again by itself when no event comes. The clock stands still, so a lock never expires
 * by itself here unless a test moves the clock; and the safety-net period is an hour wherever a test proves
 * that an event woke the waiter, so that nothing else can have.
 */
class CrossNodeWaitTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AtomicInteger KEYS = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeCaches grid = new FakeCaches();
    /** Long timeouts: the lock then lives for minutes, and only an event can end a wait within {@link #PATIENCE}. */
    private final TokenRefreshSettings settings = TokenRefreshSettings.of(Map.of(
            "backend-url", "http://127.0.0.1:9/refresh", "connect-timeout", "1s", "response-timeout", "60s",
            "max-retries", "0", "retry-delay", "0ms"));
    /** A key of its own per test: the waiters' registry is shared by the JVM. */
    private final String key = TokenHash.of("refresh-wait-" + KEYS.incrementAndGet());
    private final java.util.List<JCacheRefreshStore> opened = new java.util.ArrayList<>();

    private JCacheRefreshStore node(long fallbackPollMillis) {
        JCacheRefreshStore store = JCacheRefreshStore.open(grid.manager(), "/shop", null, settings, clock, fallbackPollMillis);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeNodes() {
        opened.forEach(JCacheRefreshStore::close);
    }

    private CompletableFuture<Void> awaitChangeOn(JCacheRefreshStore store, Duration timeout) {
        return CompletableFuture.runAsync(() -> {
            try {
                store.awaitChange(key, timeout);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The holder takes the key's lock for an hour; the waiter waits for it until its gate is set up. */
    private CompletableFuture<Void> waitingWhileLocked(JCacheRefreshStore holder, JCacheRefreshStore waiter) {
        assertTrue(holder.tryLock(key, Duration.ofHours(1)));
        CompletableFuture<Void> wait = awaitChangeOn(waiter, Duration.ofHours(1));
        assertTrue(Await.until(() -> ChangeSignals.waiting(key) == 1, PATIENCE), "the other node waits");
        return wait;
    }

    private void assertReturns(CompletableFuture<?> wait, String why) throws Exception {
        try {
            wait.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("the waiter did not return within " + PATIENCE.toSeconds() + " s: expected it to return " + why);
        }
        assertEquals(0, ChangeSignals.waiting(key), "the waiter left no gate behind");
    }

    @Test
    void waiterReturnsTheMomentTheOtherNodeWritesTheSuccessor() throws Exception {
        JCacheRefreshStore one = node(HOUR);
        JCacheRefreshStore two = node(HOUR);
        assertTrue(one.eventDriven() && two.eventDriven());
        CompletableFuture<Void> wait = waitingWhileLocked(one, two);
        one.putSuccessor(key, "S 1 2 3 access refresh", Duration.ofSeconds(30));
        assertReturns(wait, "the successor's event woke it, with the lock still held");
        assertTrue(grid.deliveredEvents.get() > 0);
    }

    @Test
    void waiterReturnsTheMomentTheOtherNodeReleasesTheLock() throws Exception {
        JCacheRefreshStore one = node(HOUR);
        JCacheRefreshStore two = node(HOUR);
        CompletableFuture<Void> wait = waitingWhileLocked(one, two);
        one.unlock(key);
        assertReturns(wait, "the release's event woke it");
        assertTrue(two.tryLock(key, Duration.ofSeconds(3)), "and the lock is free for it");
    }

    @Test
    void changesOfAnotherKeyDoNotEndTheWait() throws Exception {
        JCacheRefreshStore one = node(HOUR);
        JCacheRefreshStore two = node(HOUR);
        String other = TokenHash.of("refresh-other-" + KEYS.incrementAndGet());
        CompletableFuture<Void> wait = waitingWhileLocked(one, two);
        int before = grid.deliveredEvents.get();
        assertTrue(one.tryLock(other, Duration.ofHours(1)));
        one.putMarker(other, "U 1", Duration.ofHours(1));
        one.unlock(other);
        // the other key's lock taken, marker written, lock released: three events, each to both nodes' listeners
        assertTrue(Await.until(() -> grid.deliveredEvents.get() >= before + 6, PATIENCE), "the other key's events were delivered");
        assertEquals(1, ChangeSignals.waiting(key), "the waiter's gate is still closed");
        assertFalse(wait.isDone());
        one.unlock(key);
        assertReturns(wait, "its own key's release woke it");
    }

    @Test
    void waiterLooksAgainAfterTheSafetyNetPeriodWhenNoEventComes() throws Exception {
        grid.delivering = false;
        JCacheRefreshStore one = node(HOUR);
        JCacheRefreshStore two = node(50);
        assertTrue(one.tryLock(key, Duration.ofHours(1)));
        one.putSuccessor(key, "S 1 2 3 access refresh", Duration.ofSeconds(30));
        assertReturns(awaitChangeOn(two, Duration.ofHours(1)), "after 50 ms, with no event");
        assertEquals(0, grid.deliveredEvents.get());
        assertTrue(grid.lostEvents.get() > 0);
    }

    @Test
    void waiterDoesNotWaitForALockThatExpired() throws Exception {
        JCacheRefreshStore dead = node(HOUR);
        JCacheRefreshStore alive = node(HOUR);
        assertTrue(dead.tryLock(key, Duration.ofSeconds(3)));
        clock.advance(Duration.ofSeconds(3));
        assertReturns(awaitChangeOn(alive, Duration.ofHours(1)), "the lock can be taken over now: no event will come");
        assertTrue(alive.tryLock(key, Duration.ofSeconds(3)));
    }

    @Test
    void waiterReturnsAtOnceWhenTheLockWasReleasedBeforeItLooked() throws Exception {
        JCacheRefreshStore one = node(HOUR);
        JCacheRefreshStore two = node(HOUR);
        assertTrue(one.tryLock(key, Duration.ofHours(1)));
        grid.delivering = false; // the release's event is lost: only looking at the lock can tell
        one.unlock(key);
        assertReturns(awaitChangeOn(two, Duration.ofHours(1)), "it saw the lock gone");
    }

    @Test
    void engineWaitingOnTheOtherNodeGetsTheSuccessorTheMomentItIsWritten() throws Exception {
        CrossNodeRefresh run = new CrossNodeRefresh(HOUR);
        RefreshOutcome waited = run.secondNodeWaitsForTheFirst();
        assertEquals(RefreshOutcome.Source.SUCCESSOR, waited.source());
        assertEquals(run.first.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).tokens().refreshToken(), waited.tokens().refreshToken());
        assertEquals(1, run.backend.received().size(), "one backend call for both nodes");
        assertTrue(grid.deliveredEvents.get() > 0);
    }

    @Test
    void engineOnTheOtherNodeStillGetsTheSuccessorWhenEveryEventIsLost() throws Exception {
        grid.delivering = false;
        CrossNodeRefresh run = new CrossNodeRefresh(50);
        RefreshOutcome waited = run.secondNodeWaitsForTheFirst();
        assertEquals(RefreshOutcome.Source.SUCCESSOR, waited.source());
        assertEquals(1, run.backend.received().size());
        assertEquals(0, grid.deliveredEvents.get());
        assertTrue(grid.lostEvents.get() > 0);
    }

    @Test
    void everyNodeHasOneListenerPerCacheAndTheSharedConfigurationHoldsOne() {
        node(HOUR);
        node(HOUR); // opens caches that came with the first node's listener configuration (as on Hazelcast)
        for (String cache : new String[] {"markers", "successors", "locks"}) {
            assertEquals(2, grid.listeners("tokenrefresh.shop." + cache), cache);
            assertEquals(1, grid.sharedListenerConfigurations("tokenrefresh.shop." + cache).size(), cache);
        }
        assertEquals(0, grid.listeners("tokenrefresh.shop.keys"), "nobody waits for the key");
    }

    @Test
    void aNodeWhoseCachesBringNoListenerRegistersItsOwn() {
        grid.listenersCome = false; // a JCache provider that does not share listener configurations
        node(HOUR);
        node(HOUR);
        assertEquals(2, grid.listeners("tokenrefresh.shop.locks"));
    }

    @Test
    void closeRemovesTheNodesListeners() {
        JCacheRefreshStore one = node(HOUR);
        node(HOUR);
        one.close();
        assertEquals(1, grid.listeners("tokenrefresh.shop.successors"));
        assertEquals(1, grid.listeners("tokenrefresh.shop.locks"));
    }

    @Test
    void cachesThatRefuseListenersMakeWaitersPoll() throws Exception {
        grid.refusingListeners = true;
        JCacheRefreshStore one = node(HOUR);
        JCacheRefreshStore two = node(HOUR);
        assertFalse(two.eventDriven());
        assertTrue(one.tryLock(key, Duration.ofHours(1)));
        assertReturns(awaitChangeOn(two, Duration.ofHours(1)), "after the polling period");
        one.putSuccessor(key, "S 1 2 3 access refresh", Duration.ofSeconds(30));
        assertEquals("S 1 2 3 access refresh", two.successor(key), "the store works all the same");
    }

    @Test
    void listenerConfigurationTravelsToMembersThatDoNotHaveTheApplication() throws Exception {
        CacheEntryListenerConfiguration<String, byte[]> configuration = ChangeListener.configuration();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(configuration);
        }
        // a member's grid class loader: the JCache API, not this library
        URL jcacheApi = javax.cache.Cache.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader member = new URLClassLoader(new URL[] {jcacheApi}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> member.loadClass(ChangeListener.class.getName()));
            Object received;
            try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(bytes.toByteArray()), member)) {
                received = in.readObject();
            }
            assertEquals(member, received.getClass().getClassLoader(), "read with the JCache API alone");
            assertEquals(configuration.getClass().getName(), received.getClass().getName());
        }
        assertEquals(FactoryBuilder.factoryOf(ChangeListener.class.getName()), configuration.getCacheEntryListenerFactory());
        assertEquals(configuration, ChangeListener.<byte[]>configuration(), "every node's configuration is equal");
        assertFalse(configuration.isSynchronous(), "a write never waits for the listeners");
        assertFalse(configuration.isOldValueRequired(), "no old value travels with an event");
    }

    /** Resolves classes with one class loader only, as a grid member deserializing a configuration does. */
    private static final class LoaderInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
            return Class.forName(desc.getName(), false, loader);
        }
    }

    /** Node one refreshes (its backend call held until released); node two refreshes the same token meanwhile. */
    private final class CrossNodeRefresh {
        final RotatingBackend backend = new RotatingBackend(clock, 600);
        final CountDownLatch answer = new CountDownLatch(1);
        final CountDownLatch called = new CountDownLatch(1);
        final RefreshEngine one;
        final RefreshEngine two;
        final TokenPair tokens = backend.login("refresh-engine-" + KEYS.incrementAndGet());
        CompletableFuture<RefreshOutcome> first;

        CrossNodeRefresh(long fallbackPollMillis) {
            AuthBackend held = new AuthBackend() {
                @Override
                public BackendAnswer refresh(TokenPair current) {
                    called.countDown();
                    try {
                        answer.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return backend.refresh(current);
                }

                @Override
                public boolean probe() {
                    return true;
                }
            };
            one = RefreshEngine.builder(settings).clock(clock).backend(held).store(node(HOUR)).build();
            two = RefreshEngine.builder(settings).clock(clock).backend(held).store(node(fallbackPollMillis)).build();
        }

        RefreshOutcome secondNodeWaitsForTheFirst() throws Exception {
            String waitedKey = TokenHash.of(tokens.refreshToken());
            first = CompletableFuture.supplyAsync(() -> one.refresh(tokens, Trigger.PROACTIVE));
            assertTrue(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "node one calls the backend");
            CompletableFuture<RefreshOutcome> second = CompletableFuture.supplyAsync(() -> two.refresh(tokens, Trigger.PROACTIVE));
            assertTrue(Await.until(() -> ChangeSignals.waiting(waitedKey) == 1, PATIENCE), "node two waits for node one");
            answer.countDown();
            RefreshOutcome outcome = second.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(RefreshOutcome.Source.BACKEND, first.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).source());
            return outcome;
        }
    }
}
