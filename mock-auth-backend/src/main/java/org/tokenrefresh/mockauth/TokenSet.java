package org.tokenrefresh.mockauth;

/**
 * An access token and refresh token issued together by {@link MockAuthBackend}. Immutable. Its
 * {@code toString()} never shows a token value.
 */
public final class TokenSet {

    private final String accessToken;
    private final String refreshToken;
    private final long expiresIn;
    /** The session the tokens belong to: its id and user (both final). */
    private final TokenFamily family;

    TokenSet(String accessToken, String refreshToken, long expiresIn, TokenFamily family) {
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        this.expiresIn = expiresIn;
        this.family = family;
    }

    /** The HS256 JWT access token. */
    public String accessToken() {
        return accessToken;
    }

    /** The opaque, single-use refresh token. */
    public String refreshToken() {
        return refreshToken;
    }

    /** Lifetime of the access token in seconds. */
    public long expiresIn() {
        return expiresIn;
    }

    /** The user the tokens were issued to. */
    public String username() {
        return family.username;
    }

    /** The id of the token family (one login session, followed through every rotation). */
    public String familyId() {
        return family.id;
    }

    @Override
    public String toString() {
        return "TokenSet[user=" + family.username + ", family=" + family.id + ", expiresIn=" + expiresIn + "]";
    }
}
