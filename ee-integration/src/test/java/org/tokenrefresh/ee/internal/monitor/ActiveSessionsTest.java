package org.tokenrefresh.ee.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.spi.TokenPair;

class ActiveSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ActiveSessions sessions = new ActiveSessions(clock, Duration.ofMinutes(15), 3, 1024 * 1024);

    private static TokenPair pair(String refresh) {
        return new TokenPair("a-" + refresh, refresh, 2000, 1000);
    }

    /** A session the library refreshed: the only way in. */
    private void issued(String refresh) {
        sessions.refreshed(pair("before-" + refresh), pair(refresh));
    }

    @Test
    void requestsNeverAddSessionsOnlyRefreshesTheLibraryMadeDo() {
        for (int i = 0; i < 1000; i++) {
            sessions.seen(pair("forged-" + i));
        }
        assertEquals(0, sessions.size(), "a cookie the library did not issue is not tracked");
        assertEquals(0, sessions.bytes());
        issued("r1");
        assertTrue(sessions.isTracked("r1"));
        assertEquals(ActiveSessions.ENTRY_OVERHEAD + 2, sessions.bytes());
    }

    @Test
    void sessionSeenWithinTheWindowIsActiveAndIdleOneIsEvicted() {
        issued("r1");
        clock.advance(Duration.ofMinutes(10));
        issued("r2");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, sessions.active().size());
        assertEquals(2000, sessions.active().get(0).expiresAt());
        assertEquals(1, sessions.evictIdle());
        assertFalse(sessions.isTracked("r1"));
        assertTrue(sessions.isTracked("r2"));
    }

    @Test
    void aNewRequestKeepsTheSessionActive() {
        issued("r1");
        clock.advance(Duration.ofMinutes(14));
        sessions.seen(pair("r1"));
        clock.advance(Duration.ofMinutes(14));
        assertEquals(0, sessions.evictIdle());
        assertEquals(1, sessions.size());
    }

    @Test
    void aRefreshReplacesTheSessionUnderItsNewTokenKeepingItsLastSeenTime() {
        issued("r1");
        clock.advance(Duration.ofMinutes(10));
        sessions.refreshed(pair("r1"), pair("r2")); // a background refresh: the user was not seen meanwhile
        assertFalse(sessions.isTracked("r1"));
        assertTrue(sessions.isTracked("r2"));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, sessions.evictIdle(), "the successor is as idle as its session was");
        assertEquals(0, sessions.bytes());
    }

    @Test
    void successorFromAnotherNodeInheritsTheLastSeenTimeOfItsSession() {
        issued("r1");
        ActiveSessions.Session session = sessions.active().get(0);
        clock.advance(Duration.ofMinutes(10));
        sessions.rotated(session, pair("r2"));
        assertFalse(sessions.isTracked("r1"));
        assertTrue(sessions.isTracked("r2"));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, sessions.evictIdle());
    }

    @Test
    void endedSessionIsForgotten() {
        issued("r1");
        assertTrue(sessions.remove("r1") != null);
        assertNull(sessions.remove("r1"));
        assertEquals(0, sessions.size());
    }

    @Test
    void boundsInEntriesAndInBytesStopTrackingNewSessionsButKeepKnownOnes() {
        issued("r1");
        issued("r2");
        issued("r3");
        issued("r4");
        sessions.seen(pair("r1"));
        assertEquals(3, sessions.size());
        assertFalse(sessions.isTracked("r4"));
        assertEquals(1, sessions.untracked());
        ActiveSessions small = new ActiveSessions(clock, Duration.ofMinutes(15), 1000, 2 * ActiveSessions.ENTRY_OVERHEAD + 99);
        small.refreshed(pair("x"), pair("a".repeat(50)));
        small.refreshed(pair("y"), pair("b".repeat(50)));
        assertEquals(1, small.size(), "the second 50-character token would pass the byte budget");
    }

    @Test
    void sessionNeverShowsItsTokensAndHoldsNoAccessToken() {
        issued("secret-refresh");
        ActiveSessions.Session session = sessions.active().get(0);
        assertFalse(session.toString().contains("secret"));
        assertNull(session.tokens().accessToken(), "the monitor keeps only what a background refresh needs");
        assertEquals("secret-refresh", session.tokens().refreshToken());
    }
}
