package org.tokenrefresh.ee.events;

import org.tokenrefresh.spi.RefreshEvent;

/**
 * A refresh token that was already used came back after its grace period: the classic sign of a stolen
 * refresh token (RFC 9700 section 4.14.2). The library did not send it; the request got nothing from it. The
 * same is logged as a WARNING with the session id. Observe it to alert, or to end the user's other sessions
 * at the identity provider.
 */
public final class ReplayDetected extends TokenRefreshEvent {

    ReplayDetected(RefreshEvent source) {
        super(source);
    }

    @Override
    String details() {
        return "";
    }
}
