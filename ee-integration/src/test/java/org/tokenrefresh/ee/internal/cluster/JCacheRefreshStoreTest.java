package org.tokenrefresh.ee.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.LogCapture;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.ee.testing.FakeCaches;
import org.tokenrefresh.ee.testing.RotatingBackend;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.TokenPair;

class JCacheRefreshStoreTest {

    private static final String KEY = TokenHash.of("refresh-0");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeCaches grid = new FakeCaches();
    private final TokenRefreshSettings settings = TokenRefreshSettings.of(Map.of(
            "backend-url", "http://127.0.0.1:9/refresh", "connect-timeout", "1s", "response-timeout", "2s",
            "max-retries", "0", "retry-delay", "0ms"));

    private JCacheRefreshStore node(String secret) {
        return JCacheRefreshStore.open(grid.manager(), "/shop", secret, settings, clock);
    }

    @Test
    void cachesAreNamedAfterTheContextPath() {
        node(null);
        assertTrue(grid.content("tokenrefresh.shop.markers") != null);
        assertTrue(grid.content("tokenrefresh.shop.successors") != null);
        assertTrue(grid.content("tokenrefresh.shop.locks") != null);
        assertTrue(grid.content("tokenrefresh.shop.keys") != null);
        assertEquals("ROOT", JCacheRefreshStore.cacheSegment(""));
        assertEquals("a_b", JCacheRefreshStore.cacheSegment("/a/b"));
    }

    @Test
    void recordWrittenOnOneNodeIsReadOnAnotherWithTheSharedRandomKey() {
        JCacheRefreshStore one = node(null);
        JCacheRefreshStore two = node(null);
        one.putSuccessor(KEY, "S 1 2 3 access refresh", Duration.ofSeconds(30));
        assertEquals("S 1 2 3 access refresh", two.successor(KEY));
        one.putMarker(KEY, "U 1", Duration.ofHours(1));
        assertEquals("U 1", two.marker(KEY));
        assertEquals(1, grid.content("tokenrefresh.shop.keys").size(), "one key agreed on");
    }

    @Test
    void recordsAreEncryptedInTheCache() {
        node(null).putSuccessor(KEY, "S 1 2 3 the-access-token the-refresh-token", Duration.ofSeconds(30));
        byte[] raw = (byte[]) grid.content("tokenrefresh.shop.successors").get(KEY);
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("the-refresh-token"));
    }

    @Test
    void nodesWithTheSameStoreKeyShareRecordsAndOthersFailClosed() {
        String secret = "0123456789abcdef0123456789abcdef";
        node(secret).putMarker(KEY, "D", Duration.ofSeconds(30));
        assertEquals("D", node(secret).marker(KEY));
        assertEquals(RefreshStore.UNREADABLE, node("another-secret-another-secret-xx").marker(KEY),
                "a record that exists but cannot be opened is never taken for 'absent'");
        assertNull(grid.content("tokenrefresh.shop.keys"), "no random key shared when store-key is set");
    }

    @Test
    void recordExpiresByItsOwnTimeToLive() {
        JCacheRefreshStore store = node(null);
        store.putMarker(KEY, "D", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertEquals("D", store.marker(KEY));
        clock.advance(Duration.ofSeconds(1));
        assertNull(store.marker(KEY));
    }

    @Test
    void lockIsExclusiveAcrossNodesUntilReleased() {
        JCacheRefreshStore one = node(null);
        JCacheRefreshStore two = node(null);
        assertTrue(one.tryLock(KEY, Duration.ofSeconds(3)));
        assertFalse(two.tryLock(KEY, Duration.ofSeconds(3)));
        two.unlock(KEY); // not its lock: no effect
        assertFalse(two.tryLock(KEY, Duration.ofSeconds(3)));
        one.unlock(KEY);
        assertTrue(two.tryLock(KEY, Duration.ofSeconds(3)));
    }

    @Test
    void expiredLockOfADeadNodeIsTakenOverAndTheTokenRecordedAsLost() {
        JCacheRefreshStore dead = node(null);
        JCacheRefreshStore alive = node(null);
        assertTrue(dead.tryLock(KEY, Duration.ofSeconds(3)));
        clock.advance(Duration.ofMillis(2999));
        assertFalse(alive.tryLock(KEY, Duration.ofSeconds(3)));
        clock.advance(Duration.ofMillis(1));
        assertTrue(alive.tryLock(KEY, Duration.ofSeconds(3)));
        assertEquals(RefreshStore.LOST_MARKER, alive.marker(KEY));
        dead.unlock(KEY); // the lock is no longer its own
        assertFalse(dead.tryLock(KEY, Duration.ofSeconds(3)));
    }

    @Test
    void engineNeverResendsATokenWhoseRefreshDiedOnAnotherNode() {
        RotatingBackend backend = new RotatingBackend(clock, 600);
        JCacheRefreshStore deadNode = node(null);
        RefreshEngine survivor = RefreshEngine.builder(settings).clock(clock).backend(backend).store(node(null)).build();
        TokenPair tokens = new TokenPair("access-0", "refresh-0", clock.epochSecond() + 60, clock.epochSecond() - 600);
        assertTrue(deadNode.tryLock(KEY, settings.lockTimeout())); // and never unlocks
        clock.advance(settings.lockTimeout());
        RefreshOutcome outcome = survivor.refresh(tokens, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Status.SESSION_EXPIRED, outcome.status());
        assertEquals(Reason.LOST_RESPONSE, outcome.reason());
        assertTrue(backend.received().isEmpty(), "the token was not sent again");
    }

    @Test
    void successorRecordMadeOnOneNodeServesTheOtherWithoutABackendCall() {
        RotatingBackend backend = new RotatingBackend(clock, 600);
        RefreshEngine one = RefreshEngine.builder(settings).clock(clock).backend(backend).store(node(null)).build();
        RefreshEngine two = RefreshEngine.builder(settings).clock(clock).backend(backend).store(node(null)).build();
        TokenPair tokens = backend.login("refresh-0");
        RefreshOutcome first = one.refresh(tokens, Trigger.PROACTIVE);
        RefreshOutcome second = two.refresh(tokens, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Source.BACKEND, first.source());
        assertEquals(RefreshOutcome.Source.SUCCESSOR, second.source());
        assertEquals(first.tokens().refreshToken(), second.tokens().refreshToken());
        assertEquals(1, backend.received().size());
    }

    @Test
    void gridFailureOnWriteDoesNotLoseTheNewTokensOfTheRefreshingRequest() {
        JCacheRefreshStore store = node(null);
        grid.failing = true;
        store.putMarker(KEY, "D", Duration.ofSeconds(30)); // logged, not thrown
        assertThrows(javax.cache.CacheException.class, () -> store.marker(KEY), "a failed read is not mistaken for 'absent'");
    }

    @Test
    void successorTokensLeaveTheGridSoonAfterTheirGraceNotAfterTheReuseGuard() {
        node(null);
        long successorLife = grid.expiryMillis("tokenrefresh.shop.successors");
        long markerLife = grid.expiryMillis("tokenrefresh.shop.markers");
        // default activity window 15 min (the longest grace) + 1 min; markers: reuse-guard 1 h + 1 min
        assertEquals(Duration.ofMinutes(16).toMillis(), successorLife);
        assertEquals(Duration.ofMinutes(61).toMillis(), markerLife);
    }

    @Test
    void everyNodeDerivesTheSameVouchingKeyAndItIsNotTheRecordsKey() {
        String secret = "0123456789abcdef0123456789abcdef";
        assertArrayEquals(node(secret).vouchingKey(), node(secret).vouchingKey());
        assertArrayEquals(node(null).vouchingKey(), node(null).vouchingKey(), "the shared random key");
        assertFalse(java.util.Arrays.equals(node(secret).vouchingKey(), StoreCipher.deriveKey(secret, "/shop")));
    }

    @Test
    void nodeWithAnotherStoreKeyFailsClosedAndTellsTheOperator() {
        RotatingBackend backend = new RotatingBackend(clock, 600);
        RefreshEngine one = RefreshEngine.builder(settings).clock(clock).backend(backend)
                .store(node("0123456789abcdef0123456789abcdef")).build();
        RefreshEngine other = RefreshEngine.builder(settings).clock(clock).backend(backend)
                .store(node("another-secret-another-secret-xx")).build();
        TokenPair tokens = backend.login("refresh-0");
        assertTrue(one.refresh(tokens, Trigger.PROACTIVE).isRefreshed());
        try (LogCapture log = LogCapture.of(RefreshEngine.class.getName(), null)) {
            RefreshOutcome misconfigured = other.refresh(tokens, Trigger.PROACTIVE);
            assertEquals(RefreshOutcome.Status.UNAVAILABLE, misconfigured.status(), "the session is kept, not ended");
            assertEquals(Reason.STORE_UNREADABLE, misconfigured.reason());
            assertEquals(1, backend.received().size(), "the token the first node used is never sent again");
            assertEquals(1, log.messages(java.util.logging.Level.WARNING).size());
            assertTrue(log.messages(java.util.logging.Level.WARNING).get(0).contains("another tokenrefresh.store-key"),
                    log.messages(java.util.logging.Level.WARNING).get(0));
        }
    }

    @Test
    void closeReleasesTheLocksThisNodeHolds() {
        JCacheRefreshStore one = node(null);
        assertTrue(one.tryLock(KEY, Duration.ofSeconds(3)));
        one.close();
        assertTrue(node(null).tryLock(KEY, Duration.ofSeconds(3)));
    }
}
