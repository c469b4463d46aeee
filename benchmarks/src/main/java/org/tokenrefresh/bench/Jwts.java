package org.tokenrefresh.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signed HS256 access tokens of two realistic shapes, for the hot path and the memory benchmarks. */
final class Jwts {

    private static final byte[] SECRET = "benchmark-secret-benchmark-secret-benchmark-secret".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** Token shapes. */
    enum Shape {
        /** What the mock auth backend issues: sub, iss, iat, exp, jti, fam (about 250 characters). */
        SMALL,
        /** An identity provider's token in Keycloak's shape and claim order: audiences, roles, scopes, names (about 1 KB). */
        LARGE,
        /** The same claims with {@code exp} and {@code iat} last: the worst case for a reader that stops early. */
        LARGE_LATE
    }

    private Jwts() {
    }

    static String token(Shape shape, long issuedAt, long expiresAt, int serial) {
        String payload;
        if (shape == Shape.LARGE || shape == Shape.LARGE_LATE) {
            payload = "{\"auth_time\":" + (issuedAt - 120)
                    + ",\"jti\":\"4f6c1b2e-8d3a-4c1e-9b7f-" + String.format("%012d", serial) + "\""
                    + ",\"iss\":\"https://sso.example.com/realms/acme\",\"aud\":[\"orders-api\",\"billing-api\",\"account\"]"
                    + ",\"sub\":\"f2b1c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d\",\"typ\":\"Bearer\",\"azp\":\"acme-web\""
                    + ",\"sid\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"acr\":\"1\""
                    + ",\"allowed-origins\":[\"https://orders.example.com\"]"
                    + ",\"realm_access\":{\"roles\":[\"offline_access\",\"uma_authorization\",\"default-roles-acme\","
                    + "\"order-clerk\",\"order-approver\"]}"
                    + ",\"resource_access\":{\"account\":{\"roles\":[\"manage-account\",\"manage-account-links\",\"view-profile\"]}}"
                    + ",\"scope\":\"openid email profile orders:read orders:write\",\"email_verified\":true"
                    + ",\"name\":\"Jane Q. Example\",\"preferred_username\":\"jane.example\",\"given_name\":\"Jane\""
                    + ",\"family_name\":\"Example\",\"email\":\"jane.example@example.com\"";
            String times = "\"exp\":" + expiresAt + ",\"iat\":" + issuedAt;
            payload = shape == Shape.LARGE ? "{" + times + "," + payload.substring(1) + "}" : payload + "," + times + "}";
        } else {
            payload = "{\"sub\":\"demo\",\"iss\":\"mock-auth\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt
                    + ",\"jti\":\"" + String.format("jti-%018d", serial) + "\",\"fam\":\"" + String.format("fam%09d", serial) + "\"}";
        }
        String header = shape != Shape.SMALL ? "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"Zx9mQ2k7bW1vY2stcmVhbG0\"}"
                : "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String input = encode(header) + "." + encode(payload);
        return input + "." + B64.encodeToString(hmac(input));
    }

    /** A 32-byte random-looking refresh token, base64url, as the mock backend issues them. */
    static String refreshToken(int serial) {
        byte[] bytes = new byte[32];
        long x = 0x9E3779B97F4A7C15L * (serial + 1);
        for (int i = 0; i < bytes.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return B64.encodeToString(bytes);
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
