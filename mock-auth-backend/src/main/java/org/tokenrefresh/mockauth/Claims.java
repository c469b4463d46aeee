package org.tokenrefresh.mockauth;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The verified claims of an access token issued by {@link MockAuthBackend}. Immutable. */
public final class Claims {

    private final String subject;
    private final String issuer;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String jwtId;
    private final String familyId;
    private final Map<String, Object> all;

    private Claims(Map<String, Object> claims) {
        this.all = Collections.unmodifiableMap(claims);
        this.subject = text(claims, "sub");
        this.issuer = text(claims, "iss");
        this.issuedAt = Instant.ofEpochSecond(seconds(claims, "iat"));
        this.expiresAt = Instant.ofEpochSecond(seconds(claims, "exp"));
        this.jwtId = text(claims, "jti");
        this.familyId = text(claims, "fam");
    }

    /** Reads the claims, a map the caller hands over, or throws {@link IllegalArgumentException} naming the first missing one. */
    static Claims of(Map<String, Object> claims) {
        return new Claims(claims);
    }

    /**
     * The claims of an access token this backend issued, read without checking its signature: for a test that
     * looks at a token it holds (its expiry, its family). Throws {@link IllegalArgumentException} (or
     * {@link Hs256Jwt.InvalidJwtException}) when the token is not one of the mock's access tokens.
     */
    public static Claims unverified(String accessToken) {
        return new Claims(Hs256Jwt.unverifiedClaims(accessToken));
    }

    private static String text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("claim " + name + " is missing or not a string");
        }
        return (String) value;
    }

    private static long seconds(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException("claim " + name + " is missing or not an integer");
        }
        return (Long) value;
    }

    /** {@code sub}: the username. */
    public String subject() {
        return subject;
    }

    /** {@code iss}. */
    public String issuer() {
        return issuer;
    }

    /** {@code iat}. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@code exp}: the token is valid strictly before this instant (RFC 7519 §4.1.4). */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@code jti}. */
    public String jwtId() {
        return jwtId;
    }

    /** {@code fam}: the token family (login session) the token belongs to. */
    public String familyId() {
        return familyId;
    }

    /** A copy of every claim in the token's order, padding included. */
    Map<String, Object> all() {
        return new LinkedHashMap<>(all);
    }

    /** Whether the token has the claim. */
    boolean has(String name) {
        return all.containsKey(name);
    }

    @Override
    public String toString() {
        return "Claims[sub=" + subject + ", fam=" + familyId + ", exp=" + expiresAt + "]";
    }
}
