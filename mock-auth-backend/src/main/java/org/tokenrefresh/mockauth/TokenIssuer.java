package org.tokenrefresh.mockauth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mints and checks the tokens: HS256 access tokens with {@code sub, iss, iat, exp, jti, fam}, and refresh
 * tokens that are 32 random bytes in base64url, or, when a refresh token size is set, HS256 JWTs with
 * {@code "typ":"Refresh"} whose {@code jti} holds those random bytes. A size pads the token with
 * {@code roles} and {@code groups} claims ({@link ClaimPadding}). Lifetimes and sizes may change at run
 * time and apply to tokens issued afterwards. Thread-safe.
 */
final class TokenIssuer {

    /** Largest size a token may be padded to, in characters. */
    static final int MAX_TOKEN_SIZE = 1_000_000;

    private final Hs256Jwt jwt;
    private final String issuer;
    private final SecureRandom random = new SecureRandom();
    private volatile Duration accessTokenLifetime;
    private volatile Duration refreshTokenLifetime;
    private volatile int accessTokenSize;
    private volatile int refreshTokenSize;

    TokenIssuer(Hs256Jwt jwt, String issuer) {
        this.jwt = jwt;
        this.issuer = issuer;
    }

    /** Issues a pair for the family at {@code now}; the refresh token is valid strictly before the instant. */
    TokenSet issue(TokenFamily family, Instant now, Instant refreshExpiresAt) {
        return issue(family, now, refreshToken(family, now, refreshExpiresAt));
    }

    /** Issues a new access token for the family at {@code now}, paired with the given refresh token. */
    TokenSet issue(TokenFamily family, Instant now, String refreshToken) {
        Duration lifetime = accessTokenLifetime;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", family.username);
        claims.put("iss", issuer);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + lifetime.getSeconds());
        claims.put("jti", randomId(16));
        claims.put("fam", family.id);
        String accessToken = ClaimPadding.sign(jwt, claims, accessTokenSize);
        return new TokenSet(accessToken, refreshToken, lifetime.getSeconds(), family.username, family.id);
    }

    private String refreshToken(TokenFamily family, Instant now, Instant expiresAt) {
        int size = refreshTokenSize;
        if (size <= 0) {
            return randomId(32);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("typ", "Refresh");
        claims.put("sub", family.username);
        claims.put("iss", issuer);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", randomId(32));
        claims.put("fam", family.id);
        return ClaimPadding.sign(jwt, claims, size);
    }

    /**
     * Checks an access token's signature, claims and issuer; its expiry and session are the caller's
     * business. Throws {@link MockAuthException#INVALID_TOKEN}.
     */
    Claims verify(String accessToken) {
        Claims claims;
        try {
            claims = Claims.of(jwt.verify(accessToken));
        } catch (Hs256Jwt.InvalidJwtException | IllegalArgumentException e) {
            throw MockAuthException.invalidToken(e.getMessage());
        }
        if (!issuer.equals(claims.issuer())) {
            throw MockAuthException.invalidToken("wrong issuer");
        }
        if (claims.has("typ")) {
            throw MockAuthException.invalidToken("not an access token");
        }
        return claims;
    }

    /**
     * Signs the verified claims again with a new {@code jti} and {@code exp} = {@code now} + the given
     * seconds (0 or negative: already expired); {@code iat} moves with {@code exp}, so that the token keeps
     * its lifetime, as if the clock had moved on until that much of it is left.
     */
    String reissue(Claims claims, Instant now, long expiresInSeconds) {
        Map<String, Object> next = claims.all();
        long exp = now.getEpochSecond() + expiresInSeconds;
        long lifetime = Math.max(0, claims.expiresAt().getEpochSecond() - claims.issuedAt().getEpochSecond());
        next.put("iat", exp - lifetime);
        next.put("exp", exp);
        next.put("jti", randomId(16));
        return jwt.sign(next);
    }

    /** {@code bytes} random bytes in unpadded base64url. */
    String randomId(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Hs256Jwt.encode(buffer);
    }

    Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = Durations.atLeastOneSecond(lifetime, "access token lifetime");
    }

    Duration refreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    void refreshTokenLifetime(Duration lifetime) {
        this.refreshTokenLifetime = Durations.atLeastOneSecond(lifetime, "refresh token lifetime");
    }

    int accessTokenSize() {
        return accessTokenSize;
    }

    void accessTokenSize(int characters) {
        this.accessTokenSize = checkSize(characters, "access token size");
    }

    int refreshTokenSize() {
        return refreshTokenSize;
    }

    void refreshTokenSize(int characters) {
        this.refreshTokenSize = checkSize(characters, "refresh token size");
    }

    /** Returns the size when it is 0 (no padding) to {@value #MAX_TOKEN_SIZE}, else throws naming it. */
    static int checkSize(int characters, String name) {
        if (characters < 0 || characters > MAX_TOKEN_SIZE) {
            throw new IllegalArgumentException(name + " must be 0 to " + MAX_TOKEN_SIZE + " characters, was "
                    + characters);
        }
        return characters;
    }
}
