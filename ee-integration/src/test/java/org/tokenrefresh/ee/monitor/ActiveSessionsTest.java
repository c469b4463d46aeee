package org.tokenrefresh.ee.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.RefreshEvent;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.token.TokenHash;
import org.tokenrefresh.token.TokenPair;

class ActiveSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ActiveSessions sessions = new ActiveSessions(clock, Duration.ofMinutes(15), 3);

    private static TokenPair pair(String refresh) {
        return new TokenPair("a-" + refresh, refresh, 0, 0);
    }

    private static RefreshEvent event(RefreshEvent.Type type, String refresh) {
        return new RefreshEvent(type, RefreshEvent.Trigger.PROACTIVE, RefreshEvent.Reason.NONE, TokenHash.shortId(refresh),
                Instant.EPOCH, Duration.ZERO, null, null);
    }

    @Test
    void sessionSeenWithinTheWindowIsActiveAndIdleOneIsEvicted() {
        sessions.seen(pair("r1"));
        clock.advance(Duration.ofMinutes(10));
        sessions.seen(pair("r2"));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, sessions.active().size());
        assertEquals(TokenHash.of("r2"), sessions.active().get(0).key());
        assertEquals(1, sessions.evictIdle());
        assertFalse(sessions.isTracked("r1"));
        assertTrue(sessions.isTracked("r2"));
    }

    @Test
    void aNewRequestKeepsTheSessionActive() {
        sessions.seen(pair("r1"));
        clock.advance(Duration.ofMinutes(14));
        sessions.seen(pair("r1"));
        clock.advance(Duration.ofMinutes(14));
        assertEquals(0, sessions.evictIdle());
        assertEquals(1, sessions.size());
    }

    @Test
    void rotatedOrEndedTokenIsForgottenAndAFailedRefreshKeepsIt() {
        sessions.seen(pair("r1"));
        sessions.seen(pair("r2"));
        sessions.seen(pair("r3"));
        sessions.onEvent(event(RefreshEvent.Type.REFRESHED, "r1"));
        sessions.onEvent(event(RefreshEvent.Type.SESSION_EXPIRED, "r2"));
        sessions.onEvent(event(RefreshEvent.Type.FAILED, "r3"));
        assertFalse(sessions.isTracked("r1"));
        assertFalse(sessions.isTracked("r2"));
        assertTrue(sessions.isTracked("r3"));
        assertEquals(1, sessions.size());
    }

    @Test
    void successorInheritsTheLastSeenTimeOfItsSession() {
        sessions.seen(pair("r1"));
        ActiveSessions.Session session = sessions.active().get(0);
        clock.advance(Duration.ofMinutes(10));
        sessions.rotated(session, pair("r2"));
        assertFalse(sessions.isTracked("r1"));
        assertTrue(sessions.isTracked("r2"));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, sessions.evictIdle(), "the successor is as idle as its session was");
    }

    @Test
    void boundStopsTrackingNewSessionsButKeepsKnownOnes() {
        sessions.seen(pair("r1"));
        sessions.seen(pair("r2"));
        sessions.seen(pair("r3"));
        sessions.seen(pair("r4"));
        sessions.seen(pair("r1"));
        assertEquals(3, sessions.size());
        assertFalse(sessions.isTracked("r4"));
        assertEquals(1, sessions.untracked());
    }

    @Test
    void sessionNeverShowsItsTokens() {
        sessions.seen(pair("secret-refresh"));
        assertFalse(sessions.active().get(0).toString().contains("secret"));
    }
}
