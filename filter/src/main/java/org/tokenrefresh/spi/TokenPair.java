package org.tokenrefresh.spi;

import java.util.Objects;

/**
 * An access token and the refresh token that renews it, with the access token's validity window in epoch
 * seconds ({@link #UNKNOWN} when it cannot be read). Immutable. {@link #toString()} never shows a token.
 */
public final class TokenPair {

    /** Marks an unknown time. */
    public static final long UNKNOWN = 0L;

    private final String accessToken;
    private final String refreshToken;
    private final long expiresAt;
    private final long issuedAt;

    public TokenPair(String accessToken, String refreshToken, long expiresAt, long issuedAt) {
        this.accessToken = accessToken;
        this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
    }

    /** The access token, or {@code null} when the client only holds a refresh token. */
    public String accessToken() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }

    /** Expiry of the access token in epoch seconds, or {@link #UNKNOWN}. */
    public long expiresAt() {
        return expiresAt;
    }

    /** Issue time of the access token in epoch seconds, or {@link #UNKNOWN}. */
    public long issuedAt() {
        return issuedAt;
    }

    /** Whether the expiry is known. */
    public boolean hasExpiry() {
        return expiresAt != UNKNOWN;
    }

    @Override
    public String toString() {
        return "TokenPair[expiresAt=" + expiresAt + ", issuedAt=" + issuedAt + "]";
    }
}
