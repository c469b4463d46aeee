package org.tokenrefresh.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.tokenrefresh.bench.LoadClient.Exchange;

/**
 * Item 3, the refresh storm: {@code sessions} login sessions (each refreshed through the server once before, so
 * vouched for) whose access tokens have all expired, and
 * {@code perSession} requests for each, all sent at once (interleaved) to a real Tomcat on 127.0.0.1. The
 * library should make exactly one backend call per session; the seed's design ({@link NaiveRefreshFilter})
 * makes one per request and trips the backend's reuse detection.
 */
final class StormBenchmark {

    /** What one storm came to. */
    record Result(AppServer.Mode mode, int sessions, int requests, long backendCalls, long maxCallsPerSession,
            long failed, long cookiesCleared, long revokedFamilies, long reuseDetections, double wallMillis,
            double p50Millis, double p99Millis, double loadBefore, double loadAfter, List<Exchange> exchanges,
            List<RecordingAuthServer.Call> calls) {
    }

    private StormBenchmark() {
    }

    static Result run(AppServer.Mode mode, int sessions, int perSession, long seed) throws Exception {
        try (AppServer server = new AppServer(mode, Map.of(), Duration.ofSeconds(60), 200);
                LoadClient client = new LoadClient(server.apiUrl(), 8)) {
            warmUp(server, client);
            List<BrowserSession> browsers = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                browsers.add(new BrowserSession(i, server.login()));
            }
            // The users have been on the site before: each session was refreshed through the server once, so the
            // library vouches for it (README, "Vouched tokens").
            server.clock.advance(Duration.ofSeconds(90));
            refreshOnce(client, browsers, URI.create(server.apiUrl()));
            // every access token is now expired (lifetime 60 s), so every request must be refreshed
            server.clock.advance(Duration.ofSeconds(90));
            server.backend.reset();
            List<BrowserSession> order = requestOrder(browsers, perSession, seed);
            double loadBefore = Stats.load();
            long epoch = System.nanoTime();
            client.markEpoch(epoch);
            server.auth.markEpoch(epoch);
            List<CompletableFuture<Exchange>> pending = new ArrayList<>(order.size());
            for (BrowserSession browser : order) {
                pending.add(client.send(browser, "storm"));
            }
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            double wall = (System.nanoTime() - epoch) / 1e6;
            List<Exchange> exchanges = pending.stream().map(CompletableFuture::join).toList();
            double[] latencies = exchanges.stream().mapToDouble(Exchange::latencyMillis).toArray();
            long maxPerSession = server.backend.refreshCallsPerFamily().values().stream()
                    .mapToLong(Long::longValue).max().orElse(0);
            return new Result(mode, sessions, order.size(), server.backend.totalRefreshCalls(), maxPerSession,
                    exchanges.stream().filter(e -> e.status() != 200).count(),
                    exchanges.stream().filter(e -> e.cookies() == BrowserSession.CookieChange.CLEARED).count(),
                    server.backend.revokedFamilies(), server.backend.reuseDetections(), wall,
                    Stats.percentile(latencies, 50), Stats.percentile(latencies, 99), loadBefore, Stats.load(),
                    exchanges, server.auth.calls());
        }
    }

    /**
     * One request per session through the nodes (in turns), eight at a time as first refreshes after a login run
     * (unvouched, {@code unvouched-concurrency}): each comes back with the library's MAC cookie, as the sessions of a
     * site's returning users have. Fails unless every one answers 200.
     */
    static void refreshOnce(LoadClient client, List<BrowserSession> browsers, URI... nodes) throws Exception {
        for (int from = 0; from < browsers.size(); from += 8) {
            List<CompletableFuture<Exchange>> first = new ArrayList<>();
            for (int i = from; i < Math.min(browsers.size(), from + 8); i++) {
                first.add(client.send(browsers.get(i), "first refresh", nodes[i % nodes.length]));
            }
            for (CompletableFuture<Exchange> exchange : first) {
                int status = exchange.get(60, TimeUnit.SECONDS).status();
                if (status != 200) {
                    throw new IllegalStateException("a session's first refresh answered " + status);
                }
            }
        }
    }

    /** Opens connections and warms the code paths with tokens that are not due. */
    private static void warmUp(AppServer server, LoadClient client) throws Exception {
        List<CompletableFuture<Exchange>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BrowserSession browser = new BrowserSession(-1, server.login());
            for (int r = 0; r < 40; r++) {
                pending.add(client.send(browser, "warm-up"));
            }
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    }

    /** Every session {@code perSession} times, in an order shuffled by the seed: the storm's requests. */
    static List<BrowserSession> requestOrder(List<BrowserSession> browsers, int perSession, long seed) {
        List<BrowserSession> order = new ArrayList<>(browsers.size() * perSession);
        for (int r = 0; r < perSession; r++) {
            order.addAll(browsers);
        }
        Collections.shuffle(order, new Random(seed));
        return order;
    }
}
