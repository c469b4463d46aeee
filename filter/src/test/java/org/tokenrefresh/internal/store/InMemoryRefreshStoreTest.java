package org.tokenrefresh.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.testsupport.MutableClock;

class InMemoryRefreshStoreTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_800_000_000L);
    private final InMemoryRefreshStore store = new InMemoryRefreshStore(clock, 1_000);

    @Test
    void recordsComeBackExactlyAsWrittenWhateverTheirShape() {
        String digest = TokenHash.of("r1");
        String[] keys = {digest, digest.toUpperCase(), "not-a-digest", digest.substring(1) + "g", ""};
        String[] markers = {"U 1800000030000", "U 007", "U -5", "U ", "U x", "D", "L", "E", "?"};
        for (String key : keys) {
            for (String marker : markers) {
                store.putMarker(key, marker, Duration.ofHours(1));
                assertEquals(marker, store.marker(key), key + " / " + marker);
            }
        }
    }

    @Test
    void digestsThatDifferOnlyBeyondTheirFirst128BitsShareARecordOtherKeysNever() {
        String digest = TokenHash.of("r2");
        store.putMarker(digest, "D", Duration.ofHours(1));
        assertNull(store.marker(digest.toUpperCase()), "an upper-case string is not a digest the engine writes: kept apart");
        assertNull(store.marker(TokenHash.of("r3")));
        // 128 bits of SHA-256 identify a token; the tail is not kept (a collision needs 2^64 tokens)
        String sameHead = digest.substring(0, 32) + "0".repeat(32);
        assertEquals("D", store.marker(sameHead));
    }

    @Test
    void successorsExpireAfterTheirGraceWhileMarkersStay() {
        String key = TokenHash.of("r4");
        store.putSuccessor(key, "S tokens", Duration.ofSeconds(30));
        store.putMarker(key, "U 1800000030000", Duration.ofHours(1));
        assertEquals(2, store.size());
        clock.advance(Duration.ofSeconds(31));
        store.cleanUp();
        assertNull(store.successor(key));
        assertEquals("U 1800000030000", store.marker(key));
        assertEquals(1, store.size());
    }

    @Test
    void aLockIsExclusiveUntilReleasedOrExpired() {
        assertTrue(store.tryLock("k", Duration.ofSeconds(10)));
        assertFalse(store.tryLock("k", Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(11));
        assertTrue(store.tryLock("k", Duration.ofSeconds(10)), "an expired lock is taken over");
        store.unlock("k");
        assertTrue(store.tryLock("k", Duration.ofSeconds(10)));
    }
}
