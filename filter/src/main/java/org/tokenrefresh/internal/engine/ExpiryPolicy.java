package org.tokenrefresh.internal.engine;

import java.time.Duration;
import org.tokenrefresh.internal.token.CookieTokens;
import org.tokenrefresh.spi.TokenPair;

/**
 * The one place that decides whether an access token must be refreshed before use. A token is due when it
 * expires within {@code refresh-threshold}, capped at half its lifetime so that short-lived tokens are not
 * refreshed on every request. Times are epoch seconds; an unknown expiry is never due (the application's
 * 401 then triggers the refresh).
 */
public final class ExpiryPolicy {

    private final long thresholdSeconds;

    public ExpiryPolicy(Duration threshold) {
        this.thresholdSeconds = threshold.getSeconds();
    }

    /** Whether the token should be refreshed now. A missing access token is always due. */
    public boolean isDue(TokenPair pair, long nowSeconds) {
        if (pair.accessToken() == null) {
            return true;
        }
        if (!pair.hasExpiry()) {
            return false;
        }
        return isDue(pair.expiresAt(), pair.issuedAt(), nowSeconds);
    }

    /**
     * The same decision for a request's token cookies, read in place. The issue time is read only when the
     * token expires within the threshold: before that it cannot make the token due (the lead never exceeds the
     * threshold), so the usual request reads {@code exp} alone.
     */
    public boolean isDue(CookieTokens tokens, long nowSeconds) {
        if (!tokens.hasAccessToken()) {
            return true;
        }
        long expiresAt = tokens.expiresAt();
        if (expiresAt == TokenPair.UNKNOWN || nowSeconds < expiresAt - thresholdSeconds) {
            return false;
        }
        return isDue(expiresAt, tokens.issuedAt(), nowSeconds);
    }

    private boolean isDue(long expiresAt, long issuedAt, long nowSeconds) {
        long lead = thresholdSeconds;
        if (issuedAt != TokenPair.UNKNOWN) {
            lead = Math.min(lead, (expiresAt - issuedAt) / 2);
        }
        return nowSeconds >= expiresAt - lead;
    }

    /** Whether the access token can no longer be used. A missing one is expired; an unknown expiry is not. */
    public boolean isExpired(TokenPair pair, long nowSeconds) {
        return pair.accessToken() == null || (pair.hasExpiry() && nowSeconds >= pair.expiresAt());
    }
}
