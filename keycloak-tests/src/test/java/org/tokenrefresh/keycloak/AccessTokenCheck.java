package org.tokenrefresh.keycloak;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How the test application and the downstream API decide that a request's access token is currently valid, the
 * way a resource server does: Keycloak's userinfo endpoint accepts it (asked once per token, which checks the
 * signature, expiry and the live session), and on every request it has not expired by the machine's clock,
 * which Keycloak shares. As with a resource server that validates JWTs locally, a token of a session Keycloak
 * ended is refused when first seen, while one already accepted works until it expires.
 *
 * <p>Asking Keycloak once per token rather than once per request keeps a storm's 400 requests from queueing
 * 400 userinfo calls on a busy two-core machine, long enough for a 10 s token to expire while it waits.
 */
final class AccessTokenCheck {

    private final KeycloakApi keycloak;
    /** Keycloak's verdict per token; concurrent first sights of a token share one userinfo call. */
    private final ConcurrentMap<String, CompletableFuture<KeycloakApi.UserInfo>> verdicts = new ConcurrentHashMap<>();

    AccessTokenCheck(KeycloakApi keycloak) {
        this.keycloak = keycloak;
    }

    /** The user of a currently valid access token, or {@code null} when the token is missing or not valid now. */
    String user(String accessToken) {
        if (accessToken == null) {
            return null;
        }
        CompletableFuture<KeycloakApi.UserInfo> mine = new CompletableFuture<>();
        CompletableFuture<KeycloakApi.UserInfo> known = verdicts.putIfAbsent(accessToken, mine);
        KeycloakApi.UserInfo info;
        if (known == null) {
            try {
                info = keycloak.userinfo(accessToken);
            } catch (RuntimeException e) {
                verdicts.remove(accessToken, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            mine.complete(info);
            if (!info.valid()) {
                verdicts.remove(accessToken, mine); // a refusal is not remembered: ask again next time
            }
        } else {
            info = known.join();
        }
        if (!info.valid() || Instant.now().getEpochSecond() >= Tokens.claims(accessToken).path("exp").asLong()) {
            return null;
        }
        return info.user();
    }
}
