package org.tokenrefresh.container;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tokenrefresh.testsupport.Loopback;

/**
 * A recording HTTP proxy on 127.0.0.1 in front of another loopback server (here the mock auth backend): every
 * exchange is forwarded as it came and kept, so that a test knows every value that crossed the wire, the
 * {@code Authorization} headers, the request bodies (refresh tokens, client credentials) and the answers
 * (issued tokens). An answer the target never gives (it dropped the connection) is dropped here too.
 */
final class Wiretap implements AutoCloseable {

    /** One forwarded exchange; {@code status} is -1 when the target gave no answer. */
    record Exchange(String method, String path, String authorization, String requestBody, int status, String responseBody) {
    }

    /** Headers the JDK client sets itself (and refuses), and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final String target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "wiretap");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpServer server;

    /** Starts forwarding to {@code target} ({@code http://127.0.0.1:<port>}, no trailing slash). */
    Wiretap(String target) {
        this.target = target;
        server = Loopback.httpServer(64, threads, this::forward);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every exchange so far, in the order they completed. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            String query = exchange.getRequestURI().getRawQuery();
            URI uri = URI.create(target + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String requestBody = new String(body, StandardCharsets.UTF_8);
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException dropped) {
                exchanges.add(new Exchange(exchange.getRequestMethod(), uri.getPath(), authorization, requestBody, -1, ""));
                return; // closing without an answer drops the caller's connection as the target dropped ours
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchanges.add(new Exchange(exchange.getRequestMethod(), uri.getPath(), authorization, requestBody,
                    answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8)));
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            Loopback.respond(exchange, answer.statusCode(), answer.body());
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
