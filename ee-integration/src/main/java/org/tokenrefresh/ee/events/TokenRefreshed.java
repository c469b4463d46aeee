package org.tokenrefresh.ee.events;

import java.time.Instant;
import org.tokenrefresh.spi.RefreshEvent;

/** New tokens were obtained from the auth backend: proactive, reactive, endpoint, background or client. */
public final class TokenRefreshed extends TokenRefreshEvent {

    private final Instant expiresAt;

    TokenRefreshed(RefreshEvent source) {
        super(source);
        this.expiresAt = source.expiresAt();
    }

    /** Expiry of the new access token, or {@code null} when unknown. */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    String details() {
        return expiresAt == null ? "" : ", expiresAt=" + expiresAt;
    }
}
