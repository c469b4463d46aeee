package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

/** What every deployment must do when the administrator ends a signed-in user's session at the backend. */
final class RevokedSession {

    private RevokedSession() {
    }

    /**
     * Revokes {@code username}'s one session at {@code auth} and lets the access token expire: the next call to
     * {@code orders} ends with 401 {@code session_expired} and the refresh cookie cleared.
     */
    static void assertEndsWith401SessionExpired(TestUser user, MockAuth auth, String username) {
        assertEquals(1, auth.revokeSessions(username));
        user.expireAccessTokenNow();

        HttpResponse<String> orders = user.get("orders");

        assertEquals(401, orders.statusCode());
        assertTrue(orders.body().contains("\"error\":\"session_expired\""), orders.body());
        assertNull(user.refreshToken(), "cookies cleared");
    }
}
