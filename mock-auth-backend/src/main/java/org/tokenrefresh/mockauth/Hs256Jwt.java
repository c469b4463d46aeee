package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies compact JWS tokens with HMAC SHA-256 (RFC 7515, RFC 7518 §3.2).
 *
 * <h2>Usage</h2>
 * <pre>
 * Hs256Jwt jwt = new Hs256Jwt(secret);
 * String token = jwt.sign(Map.of("sub", "demo", "exp", 1700000000L));
 * Map&lt;String, Object&gt; claims = jwt.verify(token); // throws InvalidJwtException
 * </pre>
 *
 * <h2>Behaviour</h2>
 * {@link #verify} checks the structure, that the header says {@code "alg":"HS256"} (so {@code none} and
 * algorithm confusion are refused) and the signature, compared in constant time. It does not check
 * {@code exp} or any other claim: that is the caller's policy. Claims are a JSON object whose values are
 * scalars or arrays of scalars (such as {@code roles} and {@code groups}).
 * Instances are immutable and thread-safe.
 */
public final class Hs256Jwt {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
            .getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;

    /**
     * @param secret the shared key; at least 32 bytes, as RFC 7518 §3.2 requires for HS256
     */
    public Hs256Jwt(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("HS256 secret must be at least 32 bytes (RFC 7518 §3.2)");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** Returns a signed token whose payload holds the claims in their iteration order. */
    public String sign(Map<String, ?> claims) {
        String signingInput = HEADER + "." + encode(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + encode(mac(signingInput));
    }

    /** Verifies the token's header and signature and returns its claims; never checks expiry. */
    public Map<String, Object> verify(String token) {
        String[] parts = parts(token);
        Map<String, Object> header = decodeJson(parts[0], "header", false);
        if (!"HS256".equals(header.get("alg"))) {
            throw new InvalidJwtException("unsupported algorithm " + header.get("alg"));
        }
        byte[] expected = mac(parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, decode(parts[2], "signature"))) {
            throw new InvalidJwtException("signature does not match");
        }
        return new LinkedHashMap<>(decodeJson(parts[1], "payload", true));
    }

    /** The claims of a compact JWS as they are, signature unchecked: for a test looking at a token it holds. */
    static Map<String, Object> unverifiedClaims(String token) {
        return new LinkedHashMap<>(decodeJson(parts(token)[1], "payload", true));
    }

    private static String[] parts(String token) {
        if (token == null) {
            throw new InvalidJwtException("token is missing");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidJwtException("token is not a compact JWS with three parts");
        }
        return parts;
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Map<String, Object> decodeJson(String part, String name, boolean claims) {
        try {
            String json = Json.utf8(decode(part, name));
            return claims ? Json.parseClaims(json) : Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException(name + " is not a JSON object: " + e.getMessage());
        }
    }

    private static byte[] decode(String part, String name) {
        // RFC 7515 §2: base64url without padding
        if (part.isEmpty() || part.indexOf('=') >= 0) {
            throw new InvalidJwtException(name + " is not unpadded base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException(name + " is not unpadded base64url");
        }
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Thrown when a token is malformed, uses another algorithm, or its signature does not match. */
    public static final class InvalidJwtException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidJwtException(String message) {
            super(message);
        }
    }
}
