package org.tokenrefresh.internal.engine;

import java.time.Duration;
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
        long lead = thresholdSeconds;
        if (pair.issuedAt() != TokenPair.UNKNOWN) {
            lead = Math.min(lead, (pair.expiresAt() - pair.issuedAt()) / 2);
        }
        return nowSeconds >= pair.expiresAt() - lead;
    }

    /** Whether the access token can no longer be used. A missing one is expired; an unknown expiry is not. */
    public boolean isExpired(TokenPair pair, long nowSeconds) {
        return pair.accessToken() == null || (pair.hasExpiry() && nowSeconds >= pair.expiresAt());
    }
}
