package org.tokenrefresh.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A Keycloak token pair with what the tests read from the access token's claims: the session ({@code sid}) and
 * its issue and expiry times (epoch seconds).
 */
record Tokens(String accessToken, String refreshToken, String sessionId, long issuedAt, long expiresAt) {

    static Tokens of(String accessToken, String refreshToken) {
        JsonNode claims = claims(accessToken);
        return new Tokens(accessToken, refreshToken, claims.path("sid").asText(), claims.path("iat").asLong(),
                claims.path("exp").asLong());
    }

    /**
     * When the library refreshes this access token ahead of time: {@code refresh-threshold} (10 min by default)
     * capped at half the token's lifetime (README, Configuration), so 5 s into a 10 s token.
     */
    Instant dueAt() {
        return Instant.ofEpochSecond(expiresAt - (expiresAt - issuedAt) / 2);
    }

    Instant expiry() {
        return Instant.ofEpochSecond(expiresAt);
    }

    /** The claims of a JWT, unverified (Keycloak verifies its own tokens; the tests only read them). */
    static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWT: " + id(jwt));
        }
        return KeycloakApi.read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** A short SHA-256 id of a token, for assertions and messages that must not print the token itself. */
    static String id(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
