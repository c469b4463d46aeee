package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.testsupport.UnsignedJwt;

/** The two switches that make the mock behave like other backends: no rotation, and reuse refused without revocation. */
class RotationAndReuseSwitchesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));

    @Test
    void withoutRotationARefreshAnswersTheSameRefreshTokenWhichStaysValid() {
        MockAuthBackend backend = MockAuthBackend.builder().clock(clock).rotation(false).build();
        TokenSet login = backend.login("demo", "demo");

        clock.advance(Duration.ofSeconds(5));
        TokenSet first = backend.refresh(login.refreshToken());
        TokenSet second = backend.refresh(login.refreshToken());

        assertEquals(login.refreshToken(), first.refreshToken());
        assertEquals(login.refreshToken(), second.refreshToken());
        assertNotEquals(login.accessToken(), first.accessToken(), "a new access token each time");
        assertEquals(clock.instant().plusSeconds(60), backend.validateAccessToken(second.accessToken()).expiresAt());
        assertEquals(2, backend.successfulRefreshes());
        assertEquals(0, backend.reuseDetections(), "sending a token that was never consumed is no reuse");
        assertFalse(backend.isFamilyRevoked(login.familyId()));
    }

    @Test
    void withoutReuseDetectionAReusedTokenIsRefusedAndCountedButTheSessionLivesOn() {
        MockAuthBackend backend = MockAuthBackend.builder().clock(clock).reuseDetection(false).build();
        TokenSet login = backend.login("demo", "demo");
        TokenSet next = backend.refresh(login.refreshToken());

        MockAuthException reuse = assertThrows(MockAuthException.class, () -> backend.refresh(login.refreshToken()));

        assertEquals(MockAuthException.INVALID_GRANT, reuse.error());
        assertEquals(1, backend.reuseDetections());
        assertEquals(0, backend.revokedFamilies());
        assertFalse(backend.isFamilyRevoked(login.familyId()));
        assertEquals("demo", backend.validateAccessToken(next.accessToken()).subject());
        assertEquals(login.familyId(), backend.refresh(next.refreshToken()).familyId(), "the successor still works");
    }

    @Test
    void bothSwitchesChangeAtRunTimeAndAreShownBySettings() {
        MockAuthBackend backend = MockAuthBackend.builder().clock(clock).build();
        assertEquals("true", backend.settings().get("rotation"));
        assertEquals("true", backend.settings().get("reuse-detection"));

        backend.configure(Map.of("rotation", "false", "reuse-detection", "FALSE"));
        TokenSet login = backend.login("demo", "demo");

        assertEquals("false", backend.settings().get("rotation"));
        assertEquals("false", backend.settings().get("reuse-detection"));
        assertEquals(login.refreshToken(), backend.refresh(login.refreshToken()).refreshToken());
    }

    @Test
    void controlApiSwitchesThemAndLogsAUserInOverHttp() {
        try (MockAuthHttpServer server = new MockAuthHttpServer(MockAuthBackend.builder().clock(clock).build()).start()) {
            MockAuthControl control = new MockAuthControl(server.baseUrl());

            Map<String, Object> config = control.configure(Map.of("rotation", "false", "reuseDetection", "false"));
            Map<String, Object> login = control.login("demo", "demo");

            assertEquals(false, config.get("rotation"));
            assertEquals(false, config.get("reuseDetection"));
            String refreshToken = (String) login.get("refreshToken");
            assertEquals(refreshToken, server.backend().refresh(refreshToken).refreshToken());
            assertEquals(60L, login.get("expiresIn"));
            IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> control.login("demo", "nope"));
            assertTrue(wrong.getMessage().contains("answered 401"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("nope"), "the password is not echoed: " + wrong.getMessage());
        }
    }

    @Test
    void unverifiedClaimsShowATokensExpiryAndFamilyWithoutTheKey() {
        MockAuthBackend backend = MockAuthBackend.builder().clock(clock).build();
        TokenSet login = backend.login("demo", "demo");

        Claims claims = Claims.unverified(login.accessToken());

        assertEquals(clock.instant().plusSeconds(60), claims.expiresAt());
        assertEquals(login.familyId(), claims.familyId());
        assertEquals("demo", claims.subject());
        assertThrows(Hs256Jwt.InvalidJwtException.class, () -> Claims.unverified("not-a-jwt"));
        assertThrows(IllegalArgumentException.class, () -> Claims.unverified(UnsignedJwt.of("{\"sub\":\"demo\"}")),
                "a JWT without the mock's claims");
    }
}
