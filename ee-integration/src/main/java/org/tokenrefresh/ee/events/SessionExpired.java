package org.tokenrefresh.ee.events;

import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Reason;

/** The auth backend ended the session (its refresh token is dead): the user must log in again. */
public final class SessionExpired extends TokenRefreshEvent {

    private final Reason reason;

    SessionExpired(RefreshEvent source) {
        super(source);
        this.reason = source.reason();
    }

    /** Usually {@code INVALID_GRANT}. */
    public Reason reason() {
        return reason;
    }

    @Override
    String details() {
        return ", reason=" + reason;
    }
}
