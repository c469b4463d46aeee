package com.example.orders;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the access tokens the auth server issues: compact JWS with HS256 (RFC 7515, RFC 7518 §3.2),
 * the expected issuer, and {@code exp} in the future (RFC 7519 §4.1.4). Thread-safe.
 */
final class JwtVerifier {

    private final SecretKeySpec key;
    private final String issuer;
    private final Clock clock;

    JwtVerifier(byte[] secret, String issuer, Clock clock) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The verifier for this application's configuration. */
    static JwtVerifier fromConfig() {
        return new JwtVerifier(OrdersConfig.jwtSecret(), OrdersConfig.jwtIssuer(), Clock.systemUTC());
    }

    /** Returns the token's claims, or throws {@link InvalidTokenException} saying why it is not acceptable. */
    AccessToken verify(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("no access token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JWT");
        }
        JsonObject header = json(parts[0]);
        // RFC 8725 §3.1: accept only the algorithm we expect; "none" and others are refused
        if (!"HS256".equals(string(header, "alg"))) {
            throw new InvalidTokenException("unexpected algorithm");
        }
        if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), decode(parts[2]))) {
            throw new InvalidTokenException("bad signature");
        }
        JsonObject claims = json(parts[1]);
        if (!issuer.equals(string(claims, "iss"))) {
            throw new InvalidTokenException("unexpected issuer");
        }
        Instant expiresAt = Instant.ofEpochSecond(number(claims, "exp"));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new InvalidTokenException("token expired");
        }
        String subject = string(claims, "sub");
        if (subject == null || subject.isEmpty()) {
            throw new InvalidTokenException("no subject");
        }
        long issuedAt = claims.containsKey("iat") ? number(claims, "iat") : expiresAt.getEpochSecond();
        return new AccessToken(subject, Instant.ofEpochSecond(issuedAt), expiresAt, string(claims, "fam"));
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static JsonObject json(String part) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidTokenException("not a JSON object");
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("not base64url");
        }
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString ? ((JsonString) value).getString() : null;
    }

    private static long number(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (!(value instanceof JsonNumber) || !((JsonNumber) value).isIntegral()) {
            throw new InvalidTokenException("no numeric " + name);
        }
        try {
            return ((JsonNumber) value).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidTokenException("no numeric " + name);
        }
    }

    /** The token is missing, malformed, forged or expired. */
    static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
