package org.tokenrefresh;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tokenrefresh.mockauth.Claims;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.testsupport.BearerApi;

/**
 * The API the application calls: a JDK HTTP server on 127.0.0.1 that accepts a Bearer token only when the
 * mock auth backend validates it (signature, expiry, live session), and tokens issued before
 * {@link #notBefore} (a server-side invalidation that only a refresh fixes). Answers 200 with what it saw,
 * or 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3.1).
 */
final class DownstreamApi extends BearerApi {

    /** What one request carried. */
    record Seen(String method, String path, String token, String body, Headers headers) {
    }

    private final MockAuthBackend backend;
    final AtomicLong notBefore = new AtomicLong();
    /** Requests after this many are dropped: the connection closes without an answer. */
    final AtomicInteger answerOnly = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger unauthorized = new AtomicInteger();
    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    /** Started, on 127.0.0.1 and a free port. */
    DownstreamApi(MockAuthBackend backend) throws IOException {
        super(128);
        this.backend = backend;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    protected void handle(HttpExchange exchange, String token) throws IOException {
        int attempt = requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
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
        Claims claims = ProtectedApiServlet.claimsOf(backend, token);
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
