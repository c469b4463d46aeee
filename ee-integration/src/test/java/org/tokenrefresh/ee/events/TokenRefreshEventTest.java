package org.tokenrefresh.ee.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.RefreshEvent.Type;
import org.tokenrefresh.internal.token.TokenHash;

class TokenRefreshEventTest {

    private static RefreshEvent event(Type type, Reason reason) {
        return new RefreshEvent(type, Trigger.BACKGROUND, reason, TokenHash.shortId("secret-refresh-token"),
                Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis(42), type == Type.REFRESHED
                        ? Instant.parse("2026-01-01T00:15:00Z") : null, type == Type.FAILED ? Duration.ofSeconds(5) : null);
    }

    @Test
    void eachOutcomeBecomesItsOwnPayloadType() {
        TokenRefreshed refreshed = assertInstanceOf(TokenRefreshed.class, TokenRefreshEvent.of(event(Type.REFRESHED, Reason.NONE)));
        assertEquals(Instant.parse("2026-01-01T00:15:00Z"), refreshed.expiresAt());
        assertEquals(Trigger.BACKGROUND, refreshed.trigger());
        assertEquals(Duration.ofMillis(42), refreshed.duration());
        RefreshFailed failed = assertInstanceOf(RefreshFailed.class, TokenRefreshEvent.of(event(Type.FAILED, Reason.RATE_LIMITED)));
        assertEquals(Reason.RATE_LIMITED, failed.reason());
        assertEquals(Duration.ofSeconds(5), failed.retryAfter());
        SessionExpired expired = assertInstanceOf(SessionExpired.class,
                TokenRefreshEvent.of(event(Type.SESSION_EXPIRED, Reason.INVALID_GRANT)));
        assertEquals(Reason.INVALID_GRANT, expired.reason());
    }

    @Test
    void payloadCarriesOnlyTheShortSessionId() {
        TokenRefreshEvent event = TokenRefreshEvent.of(event(Type.FAILED, Reason.BACKEND_UNAVAILABLE));
        assertEquals(TokenHash.shortId("secret-refresh-token"), event.sessionId());
        assertEquals(12, event.sessionId().length());
        assertFalse(event.toString().contains("secret"));
        assertEquals("RefreshFailed[session=" + event.sessionId() + ", trigger=BACKGROUND, took=42ms, reason=BACKEND_UNAVAILABLE, retryAfter=5s]",
                event.toString());
    }
}
