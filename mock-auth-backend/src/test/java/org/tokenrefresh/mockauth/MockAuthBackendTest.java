package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.MutableClock;

class MockAuthBackendTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final MockAuthBackend backend = MockAuthBackend.builder().clock(clock).build();

    @Test
    void loginIssuesSignedAccessTokenWithAllClaims() {
        TokenSet tokens = backend.login("demo", "demo");

        Claims claims = backend.validateAccessToken(tokens.accessToken());
        assertEquals("demo", claims.subject());
        assertEquals("mock-auth", claims.issuer());
        assertEquals(clock.instant(), claims.issuedAt());
        assertEquals(clock.instant().plusSeconds(60), claims.expiresAt());
        assertEquals(tokens.familyId(), claims.familyId());
        assertEquals(60, tokens.expiresIn());
        String header = new String(Base64.getUrlDecoder().decode(tokens.accessToken().split("\\.")[0]),
                StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", header);
        assertEquals(32, Base64.getUrlDecoder().decode(tokens.refreshToken()).length);
    }

    @Test
    void loginWithWrongPasswordIsRejected() {
        MockAuthException e = assertThrows(MockAuthException.class, () -> backend.login("demo", "wrong"));
        assertEquals(MockAuthException.INVALID_CREDENTIALS, e.error());
        assertThrows(MockAuthException.class, () -> backend.login("nobody", "demo"));
    }

    @Test
    void refreshRotatesTokensWithinTheSameFamily() {
        TokenSet first = backend.login("demo", "demo");

        TokenSet second = backend.refresh(first.refreshToken());

        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertNotEquals(first.accessToken(), second.accessToken());
        assertEquals(first.familyId(), second.familyId());
        assertEquals("demo", backend.validateAccessToken(second.accessToken()).subject());
        assertEquals(1, backend.successfulRefreshes());
        assertEquals(1, backend.refreshCalls(first.familyId()));
        assertEquals(second.familyId(), backend.refresh(second.refreshToken()).familyId());
    }

    @Test
    void reusingConsumedRefreshTokenRevokesFamily() {
        TokenSet first = backend.login("demo", "demo");
        TokenSet second = backend.refresh(first.refreshToken());
        TokenSet otherSession = backend.login("demo", "demo");

        MockAuthException reuse = assertThrows(MockAuthException.class, () -> backend.refresh(first.refreshToken()));

        assertEquals(MockAuthException.INVALID_GRANT, reuse.error());
        assertEquals(1, backend.reuseDetections());
        assertEquals(1, backend.revokedFamilies());
        assertTrue(backend.isFamilyRevoked(first.familyId()));
        assertEquals(MockAuthException.INVALID_GRANT,
                assertThrows(MockAuthException.class, () -> backend.refresh(second.refreshToken())).error());
        assertEquals(MockAuthException.INVALID_TOKEN,
                assertThrows(MockAuthException.class, () -> backend.validateAccessToken(second.accessToken())).error());
        assertEquals(3, backend.refreshCalls(first.familyId()));
        // another session of the same user is untouched
        assertEquals("demo", backend.validateAccessToken(otherSession.accessToken()).subject());
    }

    @Test
    void unknownRefreshTokenIsInvalidGrant() {
        MockAuthException e = assertThrows(MockAuthException.class, () -> backend.refresh("no-such-token"));
        assertEquals(MockAuthException.INVALID_GRANT, e.error());
        assertEquals(1, backend.totalRefreshCalls());
        assertEquals(0, backend.reuseDetections());
    }

    @Test
    void accessTokenExpiresWhenTheClockReachesExp() {
        TokenSet tokens = backend.login("demo", "demo");

        clock.advance(Duration.ofSeconds(59));
        assertEquals("demo", backend.validateAccessToken(tokens.accessToken()).subject());

        clock.advance(Duration.ofSeconds(1));
        MockAuthException e = assertThrows(MockAuthException.class,
                () -> backend.validateAccessToken(tokens.accessToken()));
        assertEquals("token expired", e.getMessage());
        // an expired access token does not stop the refresh
        assertEquals("demo", backend.validateAccessToken(backend.refresh(tokens.refreshToken()).accessToken())
                .subject());
    }

    @Test
    void refreshTokenExpiresAfterItsLifetime() {
        MockAuthBackend shortLived = MockAuthBackend.builder().clock(clock)
                .refreshTokenLifetime(Duration.ofMinutes(10)).build();
        TokenSet tokens = shortLived.login("demo", "demo");

        clock.advance(Duration.ofMinutes(10));

        MockAuthException e = assertThrows(MockAuthException.class, () -> shortLived.refresh(tokens.refreshToken()));
        assertEquals("refresh token expired", e.getMessage());
    }

    @Test
    void changedAccessTokenLifetimeAppliesToNewTokens() {
        backend.setAccessTokenLifetime(Duration.ofSeconds(5));

        TokenSet tokens = backend.login("demo", "demo");

        assertEquals(5, tokens.expiresIn());
        assertEquals(clock.instant().plusSeconds(5), backend.validateAccessToken(tokens.accessToken()).expiresAt());
    }

    @Test
    void tamperedOrForeignAccessTokensAreRejected() {
        TokenSet tokens = backend.login("demo", "demo");
        String[] parts = tokens.accessToken().split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"admin\",\"iss\":\"mock-auth\",\"iat\":1,\"exp\":9999999999,\"jti\":\"x\",\"fam\":\"y\"}"
                        .getBytes(StandardCharsets.UTF_8));
        String foreign = new Hs256Jwt("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8))
                .sign(Map.of("sub", "demo"));

        assertEquals("signature does not match", assertThrows(MockAuthException.class,
                () -> backend.validateAccessToken(parts[0] + "." + forgedPayload + "." + parts[2])).getMessage());
        assertThrows(MockAuthException.class, () -> backend.validateAccessToken(foreign));
        assertThrows(MockAuthException.class, () -> backend.validateAccessToken("not-a-jwt"));
    }

    @Test
    void revokeUserEndsEverySessionOfThatUserOnly() {
        MockAuthBackend twoUsers = MockAuthBackend.builder().clock(clock)
                .users(Map.of("demo", "demo", "alice", "secret")).build();
        TokenSet demo1 = twoUsers.login("demo", "demo");
        TokenSet demo2 = twoUsers.login("demo", "demo");
        TokenSet alice = twoUsers.login("alice", "secret");

        assertEquals(2, twoUsers.revokeUser("demo"));

        assertThrows(MockAuthException.class, () -> twoUsers.validateAccessToken(demo1.accessToken()));
        assertThrows(MockAuthException.class, () -> twoUsers.refresh(demo2.refreshToken()));
        assertEquals("alice", twoUsers.refresh(alice.refreshToken()).username());
        assertFalse(twoUsers.revokeFamily(demo1.familyId()), "already revoked");
        assertEquals(0, twoUsers.reuseDetections());
    }

    @Test
    void rateLimitRejectsCallsBeyondTheLimitUntilTheWindowEnds() {
        MockAuthBackend limited = MockAuthBackend.builder().clock(clock).rateLimit(2, Duration.ofMinutes(1)).build();
        TokenSet tokens = limited.refresh(limited.refresh(limited.login("demo", "demo").refreshToken()).refreshToken());

        MockAuthException e = assertThrows(MockAuthException.class, () -> limited.refresh(tokens.refreshToken()));
        assertEquals(MockAuthException.RATE_LIMITED, e.error());
        assertEquals(60, e.retryAfterSeconds());
        assertEquals(1, limited.rejectedCalls());

        clock.advance(Duration.ofSeconds(45));
        assertEquals(15, assertThrows(MockAuthException.class, () -> limited.refresh(tokens.refreshToken()))
                .retryAfterSeconds());

        clock.advance(Duration.ofSeconds(15));
        assertEquals(tokens.familyId(), limited.refresh(tokens.refreshToken()).familyId(), "rate limit did not consume");
    }

    @Test
    void countedFaultEndsAfterItsCalls() {
        backend.setFault(FaultPlan.of(Fault.ERROR_500).times(2));

        assertEquals(Fault.ERROR_500, backend.takeFault().mode());
        assertEquals(Fault.ERROR_500, backend.takeFault().mode());
        assertEquals(Fault.NONE, backend.takeFault().mode());
        assertEquals(Fault.NONE, backend.fault().mode());
    }

    @Test
    void resetZeroesCountersAndClearsTheFaultButKeepsSessions() {
        TokenSet tokens = backend.login("demo", "demo");
        TokenSet next = backend.refresh(tokens.refreshToken());
        assertThrows(MockAuthException.class, () -> backend.refresh(tokens.refreshToken()));
        TokenSet alive = backend.login("demo", "demo");
        backend.setFault(Fault.UNAVAILABLE_503);

        backend.reset();

        assertEquals(0, backend.totalRefreshCalls());
        assertEquals(0, backend.reuseDetections());
        assertEquals(0, backend.revokedFamilies());
        assertEquals(Map.of(), backend.refreshCallsPerFamily());
        assertEquals(Fault.NONE, backend.fault().mode());
        assertThrows(MockAuthException.class, () -> backend.refresh(next.refreshToken()), "revocation stays");
        assertEquals("demo", backend.refresh(alive.refreshToken()).username());
    }

    @Test
    void clearSessionsInvalidatesEveryToken() {
        TokenSet tokens = backend.login("demo", "demo");

        backend.clearSessions();

        assertThrows(MockAuthException.class, () -> backend.validateAccessToken(tokens.accessToken()));
        assertThrows(MockAuthException.class, () -> backend.refresh(tokens.refreshToken()));
    }

    @Test
    void configureReadsSettingsAndReportsEveryBadValueTogether() {
        Map<String, String> good = Map.of("access-ttl", "2m", "refresh-ttl", "P1D", "users", "alice:pw,bob:pw2",
                "rate-limit", "5/1m");
        MockAuthBackend configured = MockAuthBackend.builder().clock(clock).configure(good::get).build();
        assertEquals(Duration.ofMinutes(2), configured.accessTokenLifetime());
        assertEquals(120, configured.login("bob", "pw2").expiresIn());
        assertThrows(MockAuthException.class, () -> configured.login("demo", "demo"));

        Map<String, String> bad = Map.of("access-ttl", "soon", "hmac-secret", "short", "rate-limit", "many");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MockAuthBackend.builder().configure(bad::get));
        assertTrue(e.getMessage().contains("access-ttl='soon'"), e.getMessage());
        assertTrue(e.getMessage().contains("rate-limit='many'"), e.getMessage());
        assertTrue(e.getMessage().contains("hmac-secret=(hidden)"), e.getMessage());
        assertFalse(e.getMessage().contains("short"), "secret is never quoted");
    }
}
