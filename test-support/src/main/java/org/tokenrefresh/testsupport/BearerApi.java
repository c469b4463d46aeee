package org.tokenrefresh.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An API that an application calls with its user's token: a JDK HTTP server on 127.0.0.1 and a free port, started
 * at construction, that hands each request to {@link #handle} with its Bearer token (RFC 6750 section 2.1).
 */
public abstract class BearerApi implements AutoCloseable {

    private final ExecutorService threads;
    private final HttpServer server;

    /** @param threads how many requests it serves at once */
    protected BearerApi(int threads) throws IOException {
        this.threads = Executors.newFixedThreadPool(threads);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 2 * threads);
        server.setExecutor(this.threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                handle(exchange, authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null);
            }
        });
        server.start();
    }

    /** Answers a request that carried this Bearer token, {@code null} when none; the exchange is closed afterwards. */
    protected abstract void handle(HttpExchange exchange, String token) throws IOException;

    /** Sends the status and the body, as UTF-8; the headers set before are sent with them. */
    protected static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
