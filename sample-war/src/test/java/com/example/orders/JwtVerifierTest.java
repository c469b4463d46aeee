package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.mockauth.Hs256Jwt;

/** The API's token check, against tokens signed the way the auth server signs them. */
class JwtVerifierTest {

    private static final byte[] SECRET = "unit-test-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_700_000_000L;

    private final Hs256Jwt signer = new Hs256Jwt(SECRET);
    private final JwtVerifier verifier = new JwtVerifier(SECRET, "mock-auth",
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void acceptsTokenSignedWithTheSharedKeyBeforeItsExpiry() {
        AccessToken token = verifier.verify(signer.sign(claims("mock-auth", NOW - 10, NOW + 50)));
        assertEquals("demo", token.subject());
        assertEquals(60, token.lifetimeSeconds());
        assertEquals("fam-1", token.sessionId());
    }

    @Test
    void rejectsTokenAtAndAfterItsExpiry() {
        assertRejected(signer.sign(claims("mock-auth", NOW - 60, NOW)), "token expired");
        assertRejected(signer.sign(claims("mock-auth", NOW - 120, NOW - 60)), "token expired");
    }

    @Test
    void rejectsTokenSignedWithAnotherKey() {
        Hs256Jwt other = new Hs256Jwt("another-key-the-api-does-not-trust-at-all".getBytes(StandardCharsets.UTF_8));
        assertRejected(other.sign(claims("mock-auth", NOW, NOW + 60)), "bad signature");
    }

    @Test
    void rejectsUnsignedAndTamperedTokens() {
        String valid = signer.sign(claims("mock-auth", NOW, NOW + 60));
        String[] parts = valid.split("\\.");
        String none = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertRejected(none, "unexpected algorithm");
        String longer = encode("{\"sub\":\"admin\",\"iss\":\"mock-auth\",\"exp\":" + (NOW + 9999) + "}");
        assertRejected(parts[0] + "." + longer + "." + parts[2], "bad signature");
    }

    @Test
    void rejectsWrongIssuerAndGarbage() {
        assertRejected(signer.sign(claims("someone-else", NOW, NOW + 60)), "unexpected issuer");
        assertRejected(null, "no access token");
        assertRejected("", "no access token");
        assertRejected("a.b", "not a JWT");
        assertRejected("%%%.e30.sig", "not base64url");
        assertRejected(encode("[1]") + ".e30.c2ln", "not a JSON object");
    }

    private void assertRejected(String token, String reason) {
        JwtVerifier.InvalidTokenException e = assertThrows(JwtVerifier.InvalidTokenException.class, () -> verifier.verify(token));
        assertEquals(reason, e.getMessage());
    }

    private static Map<String, Object> claims(String issuer, long issuedAt, long expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "demo");
        claims.put("iss", issuer);
        claims.put("iat", issuedAt);
        claims.put("exp", expiresAt);
        claims.put("fam", "fam-1");
        return claims;
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
