package org.tokenrefresh.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tokenrefresh.bench.LoadClient.Exchange;

/**
 * Item 7, the soak: {@code users} simulated browsers for {@code duration} against a real Tomcat with the
 * library (default settings) and the mock auth backend issuing short-lived access tokens. Each user thinks
 * for a random time (mostly short, sometimes longer than the token's lifetime), then sends one request or
 * a parallel burst with its current cookies, and takes the answers' cookies as a browser does.
 */
final class SoakBenchmark {

    /** What the soak came to. */
    record Result(Duration duration, int users, Duration tokenLifetime, long requests, long bursts, long failed,
            long spuriousLogouts, long backendCalls, long successfulRefreshes, long reuseDetections,
            long revokedFamilies, double p50Millis, double p99Millis, double maxMillis, double loadBefore,
            double loadAfter) {
    }

    private SoakBenchmark() {
    }

    /** The soak against an in-process Tomcat 11 with the library. */
    static Result run(Duration duration, int users, Duration tokenLifetime, long seed) throws Exception {
        try (AppServer server = new AppServer(AppServer.Mode.LIBRARY, Map.of(), tokenLifetime, 200);
                LoadClient client = new LoadClient(server.apiUrl(), 8)) {
            return run(client, server.backend, duration, users, tokenLifetime, seed);
        }
    }

    /** The soak against whatever {@code client} targets, with tokens from {@code backend}. */
    static Result run(LoadClient client, org.tokenrefresh.mockauth.MockAuthBackend backend, Duration duration, int users,
            Duration tokenLifetime, long seed) throws Exception {
        {
            List<BrowserSession> browsers = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                browsers.add(new BrowserSession(i, backend.login("demo", "demo")));
            }
            backend.reset();
            ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
            long[] bursts = new long[users];
            double loadBefore = Stats.load();
            long epoch = System.nanoTime();
            client.markEpoch(epoch);
            long deadline = epoch + duration.toNanos();
            long lifetimeMillis = tokenLifetime.toMillis();
            ClosedLoop.run(users, duration.plusSeconds(120), user -> {
                Random random = new Random(seed * 1_000 + user);
                while (System.nanoTime() < deadline) {
                    double dice = random.nextDouble();
                    // think time: mostly short, sometimes past the access token's lifetime
                    long think = dice < 0.75 ? random.nextInt(1_500)
                            : dice < 0.95 ? 1_500 + random.nextInt(4_000)
                            : lifetimeMillis + random.nextInt((int) lifetimeMillis);
                    long wakeUp = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(think));
                    long wait;
                    while ((wait = wakeUp - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait); // pacing the simulated user
                    }
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    BrowserSession browser = browsers.get(user);
                    int burst = random.nextDouble() < 0.6 ? 1 : 2 + random.nextInt(7);
                    List<CompletableFuture<Exchange>> pending = new ArrayList<>(burst);
                    for (int b = 0; b < burst; b++) {
                        pending.add(client.send(browser, burst > 1 ? "burst" : "single"));
                    }
                    bursts[user]++;
                    for (CompletableFuture<Exchange> future : pending) {
                        exchanges.add(future.join());
                    }
                }
            });
            List<Exchange> all = new ArrayList<>(exchanges);
            double[] latencies = all.stream().mapToDouble(Exchange::latencyMillis).toArray();
            long logouts = all.stream().filter(e -> e.cookies() == BrowserSession.CookieChange.CLEARED
                    || e.status() == 401).count();
            long totalBursts = 0;
            for (long b : bursts) {
                totalBursts += b;
            }
            return new Result(duration, users, tokenLifetime, all.size(), totalBursts,
                    all.stream().filter(e -> e.status() != 200).count(), logouts, backend.totalRefreshCalls(),
                    backend.successfulRefreshes(), backend.reuseDetections(),
                    backend.revokedFamilies(), Stats.percentile(latencies, 50), Stats.percentile(latencies, 99),
                    Stats.max(latencies), loadBefore, Stats.load());
        }
    }
}
