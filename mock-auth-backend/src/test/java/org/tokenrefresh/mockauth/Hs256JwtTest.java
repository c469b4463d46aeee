package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Hs256JwtTest {

    private final Hs256Jwt jwt = new Hs256Jwt("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void signedClaimsVerifyToTheSameClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "démo \"quoted\"");
        claims.put("exp", 1735725600L);
        claims.put("admin", false);

        assertEquals(claims, jwt.verify(jwt.sign(claims)));
    }

    @Test
    void matchesAnIndependentlyComputedSignature() throws Exception {
        // RFC 7515 §A.1 style check against javax.crypto directly
        String token = jwt.sign(Map.of("sub", "demo"));
        int lastDot = token.lastIndexOf('.');
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, token.substring(lastDot + 1));
    }

    @Test
    void rejectsAlgNoneAndTamperedTokens() {
        String token = jwt.sign(Map.of("sub", "demo"));
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8));
        String admin = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"admin\"}".getBytes(
                StandardCharsets.UTF_8));

        assertTrue(assertThrows(Hs256Jwt.InvalidJwtException.class, () -> jwt.verify(none + "." + parts[1] + "."))
                .getMessage().contains("none"));
        assertThrows(Hs256Jwt.InvalidJwtException.class, () -> jwt.verify(parts[0] + "." + admin + "." + parts[2]));
        assertThrows(Hs256Jwt.InvalidJwtException.class, () -> jwt.verify(token + "="));
        assertThrows(Hs256Jwt.InvalidJwtException.class, () -> jwt.verify(parts[0] + "." + parts[1]));
    }

    @Test
    void refusesSecretsShorterThan32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new Hs256Jwt(new byte[31]));
    }
}
