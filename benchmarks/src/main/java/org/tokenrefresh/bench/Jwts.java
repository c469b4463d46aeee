package org.tokenrefresh.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signed HS256 access tokens of realistic shapes, for the hot path and the memory benchmarks. */
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
        LARGE_LATE,
        /** The Keycloak shape with an enterprise's group memberships: about 6,000 characters, more than one cookie holds. */
        HUGE
    }

    /** About 3,500 characters of group paths: what turns a Keycloak token into a 6 KB one. */
    private static final String GROUPS = groups(3_560);

    private Jwts() {
    }

    static String token(Shape shape, long issuedAt, long expiresAt, int serial) {
        String payload;
        if (shape != Shape.SMALL) {
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
                    + ",\"family_name\":\"Example\",\"email\":\"jane.example@example.com\""
                    + (shape == Shape.HUGE ? ",\"groups\":[" + GROUPS + "]" : "");
            String times = "\"exp\":" + expiresAt + ",\"iat\":" + issuedAt;
            payload = shape != Shape.LARGE_LATE ? "{" + times + "," + payload.substring(1) + "}" : payload + "," + times + "}";
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

    /**
     * A Keycloak-shaped refresh token: a signed JWT of type {@code Refresh} (about 600 characters), where the mock's
     * are 43-character opaque strings.
     */
    static String keycloakRefreshToken(int serial) {
        String header = "{\"alg\":\"HS512\",\"typ\":\"JWT\",\"kid\":\"8d2f61b4-3c7e-4a95-b0d1-6e2c9f7a5b13\"}";
        String payload = "{\"exp\":1795933200,\"iat\":1795931400,\"jti\":\"" + String.format("9c1d7e2a-40b3-4f8e-a6d5-%012d", serial)
                + "\",\"iss\":\"https://sso.example.com/realms/acme\",\"aud\":\"https://sso.example.com/realms/acme\""
                + ",\"sub\":\"f2b1c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d\",\"typ\":\"Refresh\",\"azp\":\"acme-web\""
                + ",\"sid\":\"a1b2c3d4-e5f6-4711-8899-aabbccddeeff\",\"scope\":\"openid web-origins acr profile roles basic email\"}";
        String input = encode(header) + "." + encode(payload);
        byte[] signature = new byte[64];
        System.arraycopy(hmac(input), 0, signature, 0, 32);
        System.arraycopy(hmac(input + serial), 0, signature, 32, 32);
        return input + "." + B64.encodeToString(signature);
    }

    private static String groups(int length) {
        StringBuilder groups = new StringBuilder();
        for (int i = 0; groups.length() < length; i++) {
            groups.append(i == 0 ? "" : ",").append(String.format("\"/acme/division-%02d/department-%02d/team-%02d\"", i / 25, i % 25, i % 7));
        }
        return groups.toString();
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
