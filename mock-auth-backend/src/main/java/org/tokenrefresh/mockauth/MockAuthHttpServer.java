package org.tokenrefresh.mockauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Serves the {@link AuthProtocolHandler} protocol with the JDK HTTP server, on 127.0.0.1 only.
 *
 * <h2>Usage</h2>
 * <pre>
 * try (MockAuthHttpServer server = new MockAuthHttpServer(MockAuthBackend.builder().build()).start()) {
 *     String refreshUrl = server.baseUrl() + "/api/auth/refresh";
 *     ...
 *     assertEquals(0, server.backend().reuseDetections());
 * }
 * </pre>
 * Standalone: {@code java -cp mock-auth-backend.jar org.tokenrefresh.mockauth.MockAuthHttpServer [port]},
 * configured by {@code mockauth.*} system properties (see {@link MockAuthBackendBuilder#configure}).
 *
 * <h2>Behaviour</h2>
 * Port 0 (the default) takes an ephemeral port. Up to {@value #MAX_THREADS} requests are served
 * concurrently; more wait in a queue. {@link Fault#RESET} and {@link Fault#LOST_RESPONSE} close the connection
 * without an answer.
 */
public final class MockAuthHttpServer implements AutoCloseable {

    /** Worker threads; enough for 200 concurrent requests, several of them possibly delayed. */
    public static final int MAX_THREADS = 256;

    private static final Logger LOG = Logger.getLogger(MockAuthHttpServer.class.getName());
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final AuthProtocolHandler handler;
    private final int requestedPort;
    private HttpServer server; // guarded by this
    private ThreadPoolExecutor executor; // guarded by this

    /** A server on an ephemeral port. */
    public MockAuthHttpServer(MockAuthBackend backend) {
        this(backend, 0);
    }

    /** A server on the given port of 127.0.0.1; 0 for an ephemeral port. */
    public MockAuthHttpServer(MockAuthBackend backend, int port) {
        this.handler = new AuthProtocolHandler(backend);
        this.requestedPort = port;
    }

    /** Binds and starts serving; returns this. */
    public synchronized MockAuthHttpServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            HttpServer created = HttpServer.create(new InetSocketAddress(loopback, requestedPort), MAX_THREADS);
            executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), runnable -> {
                        Thread thread = new Thread(runnable, "mock-auth-http-" + THREAD_IDS.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            executor.allowCoreThreadTimeOut(true);
            created.setExecutor(executor);
            created.createContext("/", this::exchange);
            created.start();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind mock auth backend to 127.0.0.1:" + requestedPort, e);
        }
        LOG.info("Mock auth backend listening on " + baseUrl());
        return this;
    }

    /** Stops serving immediately; in-flight requests are abandoned. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            LOG.info("Mock auth backend stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound address; the server must be started. */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress();
    }

    /** For example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + address().getPort();
    }

    public MockAuthBackend backend() {
        return handler.backend();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!header.getValue().isEmpty()) {
                    headers.put(header.getKey(), header.getValue().get(0));
                }
            }
            AuthResponse response = handler.handle(new AuthRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers, body));
            if (response.dropConnection()) {
                return; // closing an exchange before sendResponseHeaders closes the socket
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] bytes = response.body();
            boolean noBody = bytes.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
            if (!noBody) {
                exchange.getResponseBody().write(bytes);
            }
        } finally {
            exchange.close();
        }
    }

    /** Runs the server standalone until the JVM is stopped; the optional argument is the port. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MockAuthBackend backend = MockAuthBackend.builder()
                .configure(key -> System.getProperty("mockauth." + key)).build();
        MockAuthHttpServer server = new MockAuthHttpServer(backend, port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mock-auth-shutdown"));
        System.out.println("Mock auth backend listening on " + server.baseUrl());
    }
}
