package org.tokenrefresh.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.tokenrefresh.testsupport.BearerApi;

/**
 * The API the application calls with its user's token: a JDK HTTP server on 127.0.0.1 and a free port that
 * accepts a Bearer token only when it is a currently valid Keycloak access token ({@link AccessTokenCheck}). Answers
 * 200 {@code {"user":..}}, or 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3.1).
 */
final class DownstreamApi extends BearerApi {

    /** One request: the short id of the token it carried (or null) and the status it got. */
    record Seen(String tokenId, int status) {
    }

    private final AccessTokenCheck check;
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    DownstreamApi(KeycloakApi keycloak) throws IOException {
        super(16);
        this.check = new AccessTokenCheck(keycloak);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    protected void handle(HttpExchange exchange, String token) throws IOException {
        String user = check.user(token);
        ObjectNode body = KeycloakApi.JSON.createObjectNode();
        int status;
        if (user != null) {
            status = 200;
            body.put("user", user);
        } else {
            status = 401;
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            body.put("error", "invalid_token");
        }
        seen.add(new Seen(token == null ? null : Tokens.id(token), status));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, body.toString());
    }
}
