package org.tokenrefresh.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tokenrefresh.bench.LoadClient.Exchange;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;

/**
 * Item 5, the auth-backend outage on one node: the backend answers 503 with {@code Retry-After} for
 * {@code outage}, then recovers, while the clients send {@code rate} requests per second for
 * {@code total}, alternating between sessions whose access token is due but still valid and sessions whose
 * access token has expired. The library runs with its default settings.
 */
final class OutageBenchmark {

    static final String VALID = "valid";
    static final String EXPIRED = "expired";

    /** What the outage came to. Times in nanoseconds since the outage began. */
    record Result(Duration outage, Duration total, int rate, int retryAfterSeconds, List<Exchange> exchanges,
            List<RecordingAuthServer.Call> calls, double loadBefore, double loadAfter) {

        long outageNanos() {
            return outage.toNanos();
        }

        List<Exchange> during(String kind) {
            return exchanges.stream().filter(e -> e.kind().equals(kind) && e.startNanos() < outageNanos()).toList();
        }

        List<Exchange> after() {
            return exchanges.stream().filter(e -> e.startNanos() >= outageNanos()).toList();
        }

        /** Requests sent once the backend is back and its last Retry-After has passed. */
        List<Exchange> afterRecovery() {
            long settled = outageNanos() + TimeUnit.SECONDS.toNanos(retryAfterSeconds) + TimeUnit.MILLISECONDS.toNanos(500);
            return exchanges.stream().filter(e -> e.startNanos() >= settled).toList();
        }

        /** Backend refresh calls in each Retry-After window of the outage. */
        long[] callsPerWindow() {
            long window = TimeUnit.SECONDS.toNanos(retryAfterSeconds);
            int windows = (int) Math.ceil((double) outageNanos() / window);
            long[] counts = new long[windows];
            for (RecordingAuthServer.Call call : calls) {
                if (call.atNanos() >= 0 && call.atNanos() < outageNanos()) {
                    counts[(int) (call.atNanos() / window)]++;
                }
            }
            return counts;
        }

        long callsDuring() {
            return calls.stream().filter(c -> c.atNanos() < outageNanos()).count();
        }

        long callsAfter() {
            return calls.stream().filter(c -> c.atNanos() >= outageNanos()).count();
        }

        long cookiesCleared() {
            return exchanges.stream().filter(e -> e.cookies() == BrowserSession.CookieChange.CLEARED).count();
        }

        static long count(List<Exchange> exchanges, int status) {
            return exchanges.stream().filter(e -> e.status() == status).count();
        }
    }

    private OutageBenchmark() {
    }

    static Result run(Duration outage, Duration total, int rate, int retryAfterSeconds, int sessionsPerKind)
            throws Exception {
        try (AppServer server = new AppServer(AppServer.Mode.LIBRARY, Map.of(), Duration.ofHours(1), 200);
                LoadClient client = new LoadClient(server.apiUrl(), 8)) {
            warmUp(server, client);
            List<BrowserSession> expired = new ArrayList<>();
            List<BrowserSession> valid = new ArrayList<>();
            // issued 2 h ago with a 1 h lifetime: expired for an hour
            server.clock.advance(Duration.ofHours(-2));
            for (int i = 0; i < sessionsPerKind; i++) {
                expired.add(new BrowserSession(i, server.login()));
            }
            // issued 55 min ago: expires in 5 min, within the 10 min refresh threshold: due but still valid
            server.clock.reset();
            server.clock.advance(Duration.ofMinutes(-55));
            for (int i = 0; i < sessionsPerKind; i++) {
                valid.add(new BrowserSession(sessionsPerKind + i, server.login()));
            }
            server.clock.reset();
            server.backend.reset();
            server.backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(retryAfterSeconds));
            double loadBefore = Stats.load();
            long epoch = System.nanoTime();
            client.markEpoch(epoch);
            server.auth.markEpoch(epoch);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long requests = total.toNanos() / interval;
            boolean healed = false;
            List<CompletableFuture<Exchange>> pending = new ArrayList<>();
            for (long i = 0; i < requests; i++) {
                long due = epoch + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait); // pacing the load generator
                }
                if (!healed && System.nanoTime() - epoch >= outage.toNanos()) {
                    server.backend.setFault(FaultPlan.of(Fault.NONE));
                    healed = true;
                }
                boolean expiredKind = i % 2 == 0;
                List<BrowserSession> group = expiredKind ? expired : valid;
                BrowserSession browser = group.get((int) ((i / 2) % group.size()));
                pending.add(client.send(browser, expiredKind ? EXPIRED : VALID));
            }
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            List<Exchange> exchanges = pending.stream().map(CompletableFuture::join).toList();
            return new Result(outage, total, rate, retryAfterSeconds, exchanges, server.auth.calls(), loadBefore,
                    Stats.load());
        }
    }

    /** A running server's state: connections open, the request and the refresh paths warm. */
    private static void warmUp(AppServer server, LoadClient client) throws Exception {
        List<BrowserSession> browsers = new ArrayList<>();
        browsers.add(new BrowserSession(-1, server.login()));
        server.clock.advance(Duration.ofMinutes(-55));
        for (int i = 0; i < 20; i++) {
            browsers.add(new BrowserSession(-1, server.login())); // due: refreshed once each
        }
        server.clock.reset();
        List<CompletableFuture<Exchange>> pending = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            pending.add(client.send(browsers.get(r % browsers.size()), "warm-up"));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    }
}
