package org.tokenrefresh.mockauth;

/**
 * An access token and refresh token issued together by {@link MockAuthBackend}. Its {@code toString()} never
 * shows a token value.
 *
 * @param accessToken  the HS256 JWT access token
 * @param refreshToken the opaque, single-use refresh token
 * @param expiresIn    lifetime of the access token in seconds
 * @param username     the user the tokens were issued to
 * @param familyId     the id of the token family (one login session, followed through every rotation)
 */
public record TokenSet(String accessToken, String refreshToken, long expiresIn, String username, String familyId) {

    @Override
    public String toString() {
        return "TokenSet[user=" + username + ", family=" + familyId + ", expiresIn=" + expiresIn + "]";
    }
}
