package org.tokenrefresh.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load generator: JDK {@link HttpClient} (HTTP/1.1, loopback), one request per call, recording when it
 * started and ended relative to an epoch, its status and what it did to the session's cookies.
 */
final class LoadClient implements AutoCloseable {

    /**
     * One request as the client saw it. Status 0: no answer (connection error or timeout). {@code retryAfter}: the
     * answer's {@code Retry-After} in seconds, or -1.
     */
    record Exchange(int session, long startNanos, long endNanos, int status, BrowserSession.CookieChange cookies,
            String kind, long retryAfter) {
        double latencyMillis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private final ExecutorService executor;
    private final HttpClient http;
    private final URI target;
    private volatile long epochNanos = System.nanoTime();

    LoadClient(String url, int threads) {
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build();
        target = URI.create(url);
    }

    /** One blocking GET; the status, or 0 on an I/O error. For closed-loop throughput runs. */
    int get(URI to, String cookieHeader) {
        try {
            HttpRequest request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30)).header("Cookie", cookieHeader)
                    .header("Accept", "application/json").GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Sends one GET with these cookies and no session of its own; completes with the status (0 on an I/O error). */
    CompletableFuture<Integer> fire(String cookieHeader) {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).header("Cookie", cookieHeader)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error != null ? 0 : response.statusCode());
    }

    /** One blocking POST without a body (a login form); the response, whose cookies a session takes. */
    HttpResponse<String> post(URI to) throws java.io.IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void markEpoch(long nanos) {
        epochNanos = nanos;
    }

    long epochNanos() {
        return epochNanos;
    }

    /** Sends one GET with the session's current cookies; completes when the answer was applied to the jar. */
    CompletableFuture<Exchange> send(BrowserSession session, String kind) {
        return send(session, kind, target);
    }

    /** The same, to another target (a second node). */
    CompletableFuture<Exchange> send(BrowserSession session, String kind, URI to) {
        HttpRequest request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30))
                .header("Cookie", session.cookieHeader()).header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            long end = System.nanoTime();
            if (error != null) {
                return new Exchange(session.index, start - epochNanos, end - epochNanos, 0,
                        BrowserSession.CookieChange.NONE, kind, -1);
            }
            BrowserSession.CookieChange change = session.apply(response);
            long retryAfter = response.headers().firstValue("Retry-After").map(LoadClient::seconds).orElse(-1L);
            return new Exchange(session.index, start - epochNanos, end - epochNanos, response.statusCode(), change, kind,
                    retryAfter);
        });
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
