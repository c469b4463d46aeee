package org.tokenrefresh.mockauth;

import org.tokenrefresh.testsupport.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Issue 13: tokens padded with claims to a size, still HS256 JWTs that verify. */
class BigTokenTest {

    private static final byte[] SECRET = "a-test-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));

    @Test
    void accessTokenIsPaddedToExactly6000CharactersWithRolesAndGroupsAndStillVerifies() throws Exception {
        MockAuthBackend backend = backend(6_000, 0);

        TokenSet tokens = backend.login("demo", "demo");

        assertEquals(6_000, tokens.accessToken().length());
        assertTrue(signatureMatches(tokens.accessToken()), "an independent HMAC-SHA256 check accepts it");
        String payload = payload(tokens.accessToken());
        assertTrue(payload.matches("\\{\"sub\":\"demo\",\"iss\":\"mock-auth\",\"iat\":\\d+,\"exp\":\\d+,\"jti\":\"[^\"]+\","
                + "\"fam\":\"[^\"]+\",\"roles\":\\[\"[^\\]]+\\],\"groups\":\\[\"[^\\]]+\\]}"), payload);
        Claims claims = backend.validateAccessToken(tokens.accessToken());
        assertEquals("demo", claims.subject());
        assertEquals(tokens.familyId(), claims.familyId());
        assertEquals(43, tokens.refreshToken().length(), "refresh tokens stay opaque unless sized");
    }

    @Test
    void refreshTokenBecomesA12000CharacterJwtThatRotatesAndDetectsReuse() throws Exception {
        MockAuthBackend backend = backend(6_000, 12_000);
        TokenSet login = backend.login("demo", "demo");

        TokenSet next = backend.refresh(login.refreshToken());

        assertEquals(12_000, login.refreshToken().length());
        assertEquals(12_000, next.refreshToken().length());
        assertEquals(6_000, next.accessToken().length());
        assertTrue(signatureMatches(next.refreshToken()));
        assertTrue(payload(next.refreshToken()).startsWith("{\"typ\":\"Refresh\",\"sub\":\"demo\""));
        assertEquals(MockAuthException.INVALID_TOKEN, assertThrows(MockAuthException.class,
                () -> backend.validateAccessToken(next.refreshToken())).error(), "a refresh token is no access token");
        assertThrows(MockAuthException.class, () -> backend.refresh(login.refreshToken()));
        assertEquals(1, backend.reuseDetections());
    }

    @Test
    void everyTargetIsMetExactlyOrOneOverWhereBase64CannotFormIt() {
        Hs256Jwt jwt = new Hs256Jwt(SECRET);
        Map<String, Object> claims = Map.of("sub", "demo", "exp", 1_735_725_600L);
        int plain = jwt.sign(claims).length();
        for (int target = plain + 16; target < plain + 2_000; target++) {
            int length = ClaimPadding.sign(jwt, claims, target).length();
            boolean formable = (target - 81) % 4 != 1; // 36-character header, two dots, 43-character signature
            assertEquals(formable ? target : target + 1, length, "target " + target);
        }
        for (int target = 0; target <= plain; target += 7) {
            assertEquals(plain, ClaimPadding.sign(jwt, claims, target).length(), "a short target leaves it as is");
        }
        for (int target = plain + 1; target < plain + 16; target++) {
            int length = ClaimPadding.sign(jwt, claims, target).length();
            assertTrue(length >= target && length <= target + 12, "target " + target + " gave " + length);
        }
    }

    @Test
    void paddedClaimsParseAsListsButRequestBodiesStayFlat() {
        Map<String, Object> claims = new Hs256Jwt(SECRET).verify(ClaimPadding.sign(new Hs256Jwt(SECRET),
                Map.of("sub", "demo"), 400));

        assertTrue(claims.get("roles") instanceof List, claims.toString());
        assertEquals("offline_access", ((List<?>) claims.get("roles")).get(0));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"roles\":[\"a\"]}"));
    }

    @Test
    void sizesComeFromSettingsAndChangeAtRunTimeForLaterTokens() {
        MockAuthBackend backend = MockAuthBackend.builder().clock(clock)
                .configure(Map.of("access-token-size", "6000", "refresh-token-size", "12000")::get).build();
        TokenSet big = backend.login("demo", "demo");

        backend.configure(Map.of("access-token-size", "0", "refresh-token-size", "0"));
        TokenSet small = backend.refresh(big.refreshToken());

        assertEquals(6_000, big.accessToken().length());
        assertEquals(12_000, big.refreshToken().length());
        assertNotEquals(6_000, small.accessToken().length());
        assertEquals(43, small.refreshToken().length());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> backend.configure(Map.of("access-token-size", "huge")));
        assertTrue(bad.getMessage().contains("access-token-size='huge'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MockAuthBackend.builder().accessTokenSize(-1));
    }

    private MockAuthBackend backend(int accessSize, int refreshSize) {
        return MockAuthBackend.builder().clock(clock).hmacSecret(SECRET).accessTokenSize(accessSize)
                .refreshTokenSize(refreshSize).build();
    }

    /** Checks the signature with the JDK's HMAC alone, not with the mock's own code. */
    private static boolean signatureMatches(String jwt) throws Exception {
        int lastDot = jwt.lastIndexOf('.');
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
