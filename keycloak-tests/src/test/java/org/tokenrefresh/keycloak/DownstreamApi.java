package org.tokenrefresh.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The API the application calls with its user's token: a JDK HTTP server on 127.0.0.1 and a free port that
 * accepts a Bearer token only when it is a currently valid Keycloak access token ({@link AccessTokenCheck}). Answers 200 {@code {"user":..}}, or
 * 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3.1).
 */
final class DownstreamApi implements AutoCloseable {

    /** One request: the short id of the token it carried (or null) and the status it got. */
    record Seen(String tokenId, int status) {
    }

    private final AccessTokenCheck check;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    DownstreamApi(KeycloakApi keycloak) throws IOException {
        this.check = new AccessTokenCheck(keycloak);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
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
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
