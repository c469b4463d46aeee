package org.tokenrefresh;

import com.sun.net.httpserver.Headers;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tokenrefresh.mockauth.Claims;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthException;

/**
 * The API the application calls: a JDK HTTP server on 127.0.0.1 that accepts a Bearer token only when the
 * mock auth backend validates it (signature, expiry, live session), and tokens issued before
 * {@link #notBefore} (a server-side invalidation that only a refresh fixes). Answers 200 with what it saw,
 * or 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3.1).
 */
final class DownstreamApi implements AutoCloseable {

    /** What one request carried. */
    record Seen(String method, String path, String token, String body, Headers headers) {
    }

    private final MockAuthBackend backend;
    private final ExecutorService threads = Executors.newFixedThreadPool(128);
    private HttpServer server;
    final AtomicLong notBefore = new AtomicLong();
    /** Requests after this many are dropped: the connection closes without an answer. */
    final AtomicInteger answerOnly = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger unauthorized = new AtomicInteger();
    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    DownstreamApi(MockAuthBackend backend) {
        this.backend = backend;
    }

    DownstreamApi start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int attempt = requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), token, body,
                    exchange.getRequestHeaders()));
            if (attempt > answerOnly.get()) {
                return; // closing before sendResponseHeaders closes the socket
            }
            if (exchange.getRequestURI().getPath().equals("/redirect")) {
                // to another origin, e.g. an attacker-controlled host named in the query
                exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getQuery().substring("to=".length()));
                send(exchange, 302, "{}");
                return;
            }
            Claims claims;
            try {
                claims = token == null ? null : backend.validateAccessToken(token);
            } catch (MockAuthException e) {
                claims = null;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Attempt", Integer.toString(attempt));
            if (claims == null || claims.issuedAt().getEpochSecond() < notBefore.get()) {
                unauthorized.incrementAndGet();
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                send(exchange, 401, "{\"error\":\"invalid_token\"}");
                return;
            }
            send(exchange, 200, "{\"user\":\"" + claims.subject() + "\",\"jti\":\"" + claims.jwtId() + "\",\"method\":\""
                    + exchange.getRequestMethod() + "\",\"body\":\"" + body.replace("\"", "'") + "\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }
}
