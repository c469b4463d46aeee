package org.tokenrefresh.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tokenrefresh.mockauth.AuthProtocolHandler;
import org.tokenrefresh.mockauth.AuthRequest;
import org.tokenrefresh.mockauth.AuthResponse;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.testsupport.Loopback;

/**
 * The mock auth backend's protocol ({@link AuthProtocolHandler}, the same one {@code MockAuthHttpServer}
 * serves) on 127.0.0.1, recording the time and status of every refresh call for the timelines.
 */
final class RecordingAuthServer implements AutoCloseable {

    /** One refresh call as the backend saw it: nanoseconds since {@link #epochNanos}, and its status. */
    record Call(long atNanos, int status) { }

    private final AuthProtocolHandler handler;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private volatile long epochNanos = System.nanoTime();

    RecordingAuthServer(MockAuthBackend backend) {
        this.handler = new AuthProtocolHandler(backend);
        executor = Executors.newFixedThreadPool(256, r -> {
            Thread t = new Thread(r, "bench-auth");
            t.setDaemon(true);
            return t;
        });
        server = Loopback.httpServer(1024, executor, this::exchange);
    }

    String refreshUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/auth/refresh";
    }

    MockAuthBackend backend() {
        return handler.backend();
    }

    /** Starts the timeline now and forgets earlier calls. */
    void markEpoch(long nanos) {
        epochNanos = nanos;
        calls.clear();
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.get(0));
                }
            });
            String path = exchange.getRequestURI().getPath();
            AuthResponse response = handler.handle(new AuthRequest(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), headers, body));
            if (path.startsWith("/api/auth/refresh")) {
                calls.add(new Call(System.nanoTime() - epochNanos, response.status()));
            }
            if (response.dropConnection()) {
                return;
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            Loopback.respond(exchange, response.status(), response.body());
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
