package org.tokenrefresh.mockauth;

import org.tokenrefresh.testsupport.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 14's time control: an access token made to expire now, or in N seconds, without waiting. */
class TimeControlTest {

    private static final byte[] SECRET = "a-test-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final MockAuthBackend backend = MockAuthBackend.builder().clock(clock).hmacSecret(SECRET).build();

    @Test
    void reissuedWithZeroSecondsTheTokenIsExpiredNowButStillOfTheSameSession() {
        TokenSet tokens = backend.login("demo", "demo");
        clock.advance(Duration.ofSeconds(10));

        String expired = backend.reissueAccessToken(tokens.accessToken(), Duration.ZERO);

        MockAuthException e = assertThrows(MockAuthException.class, () -> backend.validateAccessToken(expired));
        assertEquals("token expired", e.getMessage());
        Claims original = backend.validateAccessToken(tokens.accessToken());
        Claims reissued = signedClaims(expired);
        assertEquals(original.subject(), reissued.subject());
        assertEquals(original.familyId(), reissued.familyId());
        assertEquals(Instant.parse("2025-01-01T10:00:10Z"), reissued.expiresAt());
        assertEquals(Instant.parse("2025-01-01T09:59:10Z"), reissued.issuedAt(), "as if 60 s had passed: its lifetime kept");
        assertNotEquals(original.jwtId(), reissued.jwtId());
        assertEquals(0, backend.totalRefreshCalls(), "no refresh call, the refresh token is untouched");
        assertEquals("demo", backend.refresh(tokens.refreshToken()).username());
    }

    @Test
    void reissuedWithNSecondsTheTokenExpiresThenWithItsLifetimeKept() {
        TokenSet tokens = backend.login("demo", "demo");

        String shortLived = backend.reissueAccessToken(tokens.accessToken(), Duration.ofSeconds(5));

        assertEquals(clock.instant().plusSeconds(5), backend.validateAccessToken(shortLived).expiresAt());
        assertEquals(clock.instant().minusSeconds(55), backend.validateAccessToken(shortLived).issuedAt(),
                "55 of its 60 s gone: due for a refresh at half-life, still valid");
        clock.advance(Duration.ofSeconds(5));
        assertThrows(MockAuthException.class, () -> backend.validateAccessToken(shortLived));
    }

    @Test
    void anExpiredTokenCanBeGivenNewLifeAndANegativeOffsetKeepsItsLifetime() {
        TokenSet tokens = backend.login("demo", "demo");
        clock.advance(Duration.ofMinutes(5));

        String revived = backend.reissueAccessToken(tokens.accessToken(), Duration.ofSeconds(60));
        String longGone = backend.reissueAccessToken(tokens.accessToken(), Duration.ofMinutes(-10));

        assertEquals("demo", backend.validateAccessToken(revived).subject());
        Claims past = signedClaims(longGone);
        assertEquals(Instant.parse("2025-01-01T09:55:00Z"), past.expiresAt());
        assertEquals(Instant.parse("2025-01-01T09:54:00Z"), past.issuedAt());
    }

    @Test
    void aRevokedSessionsTokenIsReissuedAndStaysRefusedButAForeignTokenIsNot() {
        TokenSet tokens = backend.login("demo", "demo");
        backend.revokeFamily(tokens.familyId());

        String reissued = backend.reissueAccessToken(tokens.accessToken(), Duration.ofSeconds(60));

        assertEquals(tokens.familyId(), signedClaims(reissued).familyId());
        assertEquals("session revoked", assertThrows(MockAuthException.class,
                () -> backend.validateAccessToken(reissued)).getMessage());
        assertEquals(MockAuthException.INVALID_TOKEN, assertThrows(MockAuthException.class,
                () -> backend.reissueAccessToken("not.a.jwt", Duration.ZERO)).error());
        String foreign = MockAuthBackend.builder().clock(clock).build().login("demo", "demo").accessToken();
        assertEquals(MockAuthException.INVALID_TOKEN, assertThrows(MockAuthException.class,
                () -> backend.reissueAccessToken(foreign, Duration.ZERO)).error(), "signed with another key");
    }

    /** The claims of a token with a good signature, whatever its expiry. */
    private static Claims signedClaims(String token) {
        return Claims.of(new Hs256Jwt(SECRET).verify(token));
    }
}
