package org.tokenrefresh.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tokenrefresh.bench.LoadClient.Exchange;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.testsupport.UnsignedJwt;

/**
 * Item 8, the flood (issue 9): for {@code duration}, a client sends {@code floodRate} requests per second, each with
 * a random refresh cookie nobody was ever issued (half without an access token, half with an expired one, so every
 * one of them wants a refresh). Meanwhile
 * <ul>
 * <li>{@code vouched} sessions the server refreshed before (they carry the library's MAC cookie) send one request
 * a second each, refreshing at every half-life of their access tokens: they must see no failure and no reuse;</li>
 * <li>{@code fresh} users sign in at the auth backend itself (their cookies were set outside the application, so
 * their first refresh is one the library cannot vouch for) with an access token that has just expired, and retry
 * as the answer's {@code Retry-After} says until they get 200, for at most {@code patience};</li>
 * <li>{@code fresh} more users sign in through the application's own login page (the library vouches for the
 * tokens the application writes) and use the application until their first refresh.</li>
 * </ul>
 * Reported: the flood's backend calls (calls for tokens of no known session), the vouched sessions' latency, the
 * fresh users' success and time to their first refreshed answer, refreshes whose answer was lost (a backend slower
 * than {@code response-timeout}), and the heap growth of the whole process (server, clients and mock backend) after
 * full GCs. The same run with the seed's design ({@link NaiveRefreshFilter}).
 */
final class FloodBenchmark {

    private static final int MAX_FLOOD_IN_FLIGHT = 512;
    private static final Pattern FAMILY = Pattern.compile("\"family\":\"([^\"]+)\"");

    /**
     * What to run: the flood's rate and length, the lifetime of the access tokens the backend issues, how many
     * vouched sessions and how many fresh users of each kind, how long a fresh user retries, and whether to measure
     * the heap (full GCs before and after: seconds on a busy machine).
     */
    record Plan(int floodRate, Duration duration, Duration accessLifetime, int vouched, int fresh, Duration patience,
            boolean measureHeap) {
    }

    /** One fresh user's first refresh: whether it came within the patience, after how long, in how many attempts. */
    record FirstRefresh(boolean succeeded, double millis, int attempts) {
    }

    /** What one flood came to. */
    record Result(AppServer.Mode mode, Plan plan, long floodSent, long floodSkipped, Map<Integer, Long> floodStatuses,
            double[] floodLatencyMillis, List<Exchange> vouched, long vouchedRefreshes, List<FirstRefresh> freshOutside,
            List<FirstRefresh> freshThroughApp, long floodBackendCalls, long sessionBackendCalls, long reuseDetections,
            long revokedFamilies, long lostResponses, long heapGrowthBytes, double loadBefore, double loadAfter) {

        double achievedFloodRate() {
            return floodSent / seconds();
        }

        double seconds() {
            return plan.duration().toNanos() / 1e9;
        }

        long vouchedFailed() {
            return vouched.stream().filter(e -> e.status() != 200).count();
        }

        /** The vouched sessions' answers by status (0: no answer within the client's 30 s). */
        Map<Integer, Long> vouchedStatuses() {
            Map<Integer, Long> byStatus = new TreeMap<>();
            vouched.forEach(e -> byStatus.merge(e.status(), 1L, Long::sum));
            return byStatus;
        }

        long vouchedCleared() {
            return vouched.stream().filter(e -> e.cookies() == BrowserSession.CookieChange.CLEARED).count();
        }

        double vouchedPercentile(double p) {
            return Stats.percentile(vouched.stream().mapToDouble(Exchange::latencyMillis).toArray(), p);
        }

        static long succeeded(List<FirstRefresh> users) {
            return users.stream().filter(FirstRefresh::succeeded).count();
        }

        static double percentile(List<FirstRefresh> users, double p) {
            return Stats.percentile(users.stream().filter(FirstRefresh::succeeded).mapToDouble(FirstRefresh::millis).toArray(), p);
        }
    }

    private FloodBenchmark() {
    }

    static Result run(AppServer.Mode mode, Plan plan, long seed) throws Exception {
        Duration duration = plan.duration();
        Duration patience = plan.patience();
        int freshCount = plan.fresh();
        try (AppServer server = new AppServer(mode, Map.of(), plan.accessLifetime(), 200);
                LoadClient users = new LoadClient(server.apiUrl(), 4);
                LoadClient flooder = new LoadClient(server.apiUrl(), 4)) {
            List<BrowserSession> vouched = new ArrayList<>();
            for (int i = 0; i < plan.vouched(); i++) {
                vouched.add(refreshedOnce(server, users, i));
            }
            warmUpFloodPath(server, flooder, seed);
            server.backend.reset();
            long heapBefore = plan.measureHeap() ? MemoryBenchmark.usedAfterGc() : 0;
            double loadBefore = Stats.load();
            long epoch = System.nanoTime();
            users.markEpoch(epoch);
            long end = epoch + duration.toNanos();

            ConcurrentLinkedQueue<Exchange> vouchedExchanges = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < vouched.size(); i++) {
                long start = epoch + TimeUnit.MILLISECONDS.toNanos(1000L * i / vouched.size());
                running.add(everySecond(users, vouched.get(i), start, end, vouchedExchanges));
            }
            List<CompletableFuture<FirstRefresh>> outside = new ArrayList<>();
            List<CompletableFuture<FirstRefresh>> throughApp = new ArrayList<>();
            long spread = Math.max(0, duration.minus(patience).toNanos()) / Math.max(1, freshCount);
            for (int i = 0; i < freshCount; i++) {
                long at = epoch + i * spread;
                outside.add(at(at).thenCompose(x -> firstRefreshOutside(server, users, patience)));
                throughApp.add(at(at).thenCompose(x -> firstRefreshThroughApp(server, users, plan.accessLifetime().plus(patience))));
            }
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Double> floodLatencies = new ConcurrentLinkedQueue<>();
            long[] sentSkipped = flood(flooder, plan.floodRate(), epoch, end, statuses, floodLatencies, seed);

            CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).get(2, TimeUnit.MINUTES);
            List<FirstRefresh> outsideResults = joinAll(outside);
            List<FirstRefresh> appResults = joinAll(throughApp);
            double loadAfter = Stats.load();
            long heapAfter = plan.measureHeap() ? MemoryBenchmark.usedAfterGc() : 0;

            long sessionCalls = server.backend.refreshCallsPerFamily().values().stream().mapToLong(Long::longValue).sum();
            Map<Integer, Long> floodStatuses = new TreeMap<>();
            statuses.forEach((status, count) -> floodStatuses.put(status, count.get()));
            List<Exchange> vouchedList = new ArrayList<>(vouchedExchanges);
            long refreshes = vouchedList.stream().filter(e -> e.cookies() == BrowserSession.CookieChange.REWRITTEN).count();
            return new Result(mode, plan, sentSkipped[0], sentSkipped[1], floodStatuses,
                    floodLatencies.stream().mapToDouble(Double::doubleValue).toArray(), vouchedList, refreshes,
                    outsideResults, appResults, server.backend.totalRefreshCalls() - sessionCalls, sessionCalls,
                    server.backend.reuseDetections(), server.backend.revokedFamilies(),
                    server.engine == null ? -1 : server.engine.metrics().failures(Reason.LOST_RESPONSE), heapAfter - heapBefore,
                    loadBefore, loadAfter);
        }
    }

    /** A session signed in at the backend whose expired token the server refreshed once: the library's MAC now comes with it. */
    private static BrowserSession refreshedOnce(AppServer server, LoadClient client, int index) throws Exception {
        TokenSet login = server.login();
        BrowserSession browser = new BrowserSession(index, login.familyId(),
                server.backend.reissueAccessToken(login.accessToken(), Duration.ZERO), login.refreshToken());
        Exchange first = client.send(browser, "prepare").get(30, TimeUnit.SECONDS);
        if (first.status() != 200 || first.cookies() != BrowserSession.CookieChange.REWRITTEN) {
            throw new IllegalStateException("session " + index + " was not refreshed before the flood: " + first);
        }
        if (server.engine != null && browser.cookie("refreshToken-mac") == null) {
            throw new IllegalStateException("the library wrote no MAC cookie for session " + index);
        }
        return browser;
    }

    /** The flood's code path once, before the heap is measured: class loading and connections are not the flood's cost. */
    private static void warmUpFloodPath(AppServer server, LoadClient flooder, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<CompletableFuture<Integer>> warm = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            warm.add(flooder.fire(floodCookies(random, i, server.clock.epochSecond())));
        }
        CompletableFuture.allOf(warm.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    }

    /**
     * Sends the flood, paced, at most {@value #MAX_FLOOD_IN_FLIGHT} in flight; records the statuses and the latency of
     * every tenth request; returns {sent, skipped}.
     */
    private static long[] flood(LoadClient flooder, int rate, long epoch, long end, Map<Integer, AtomicLong> statuses,
            ConcurrentLinkedQueue<Double> latencies, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Semaphore inFlight = new Semaphore(MAX_FLOOD_IN_FLIGHT);
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long sent = 0;
        long skipped = 0;
        for (long i = 0; ; i++) {
            long due = epoch + i * interval;
            if (due >= end) {
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                skipped++; // the client cannot keep up: counted, not sent
                continue;
            }
            sent++;
            long started = System.nanoTime();
            boolean sampled = i % 10 == 0;
            pending.add(flooder.fire(floodCookies(random, i, System.currentTimeMillis() / 1000)).whenComplete((status, error) -> {
                inFlight.release();
                statuses.computeIfAbsent(status == null ? 0 : status, s -> new AtomicLong()).incrementAndGet();
                if (sampled) {
                    latencies.add((System.nanoTime() - started) / 1e6);
                }
            }));
            if (pending.size() > 10_000) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(2, TimeUnit.MINUTES);
        return new long[] {sent, skipped};
    }

    /** A random refresh cookie nobody was issued; every other one with an access token that expired an hour ago. */
    static String floodCookies(SplittableRandom random, long i, long now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String refresh = "refreshToken=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return i % 2 == 0 ? refresh : "authToken=" + UnsignedJwt.withTimes(now - 7200, now - 3600, "flood-" + i) + "; " + refresh;
    }

    /** One request a second for the session, each after the previous one was answered, from {@code start} to {@code end}. */
    private static CompletableFuture<Void> everySecond(LoadClient client, BrowserSession browser, long start, long end,
            ConcurrentLinkedQueue<Exchange> exchanges) {
        return at(start).thenCompose(x -> client.send(browser, "vouched")).thenCompose(exchange -> {
            exchanges.add(exchange);
            long next = start + TimeUnit.SECONDS.toNanos(1);
            return next >= end ? CompletableFuture.completedFuture(null) : everySecond(client, browser, next, end, exchanges);
        });
    }

    /**
     * A user signed in at the auth backend (the application did not write the cookies), whose access token has just
     * expired: retries as {@code Retry-After} says until the first 200, for at most {@code patience}.
     */
    private static CompletableFuture<FirstRefresh> firstRefreshOutside(AppServer server, LoadClient client, Duration patience) {
        TokenSet login = server.login();
        BrowserSession browser = new BrowserSession(-2, login.familyId(),
                server.backend.reissueAccessToken(login.accessToken(), Duration.ZERO), login.refreshToken());
        long started = System.nanoTime();
        return untilAnswered(client, browser, started, started + patience.toNanos(), 1);
    }

    private static CompletableFuture<FirstRefresh> untilAnswered(LoadClient client, BrowserSession browser, long started, long deadline,
            int attempt) {
        return client.send(browser, "fresh-outside").thenCompose(exchange -> {
            double millis = (System.nanoTime() - started) / 1e6;
            if (exchange.status() == 200) {
                return CompletableFuture.completedFuture(new FirstRefresh(true, millis, attempt));
            }
            long retryAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, exchange.retryAfter()));
            if (exchange.status() != 503 || retryAt > deadline) {
                return CompletableFuture.completedFuture(new FirstRefresh(false, millis, attempt));
            }
            return at(retryAt).thenCompose(x -> untilAnswered(client, browser, started, deadline, attempt + 1));
        });
    }

    /**
     * A user signed in through the application's login page, using the application once a second until the first
     * refresh: success when that refresh came (cookies rewritten, 200) within {@code within} of the login.
     */
    private static CompletableFuture<FirstRefresh> firstRefreshThroughApp(AppServer server, LoadClient client, Duration within) {
        HttpResponse<String> login;
        try {
            login = client.post(URI.create(server.loginUrl()));
        } catch (Exception e) {
            return CompletableFuture.completedFuture(new FirstRefresh(false, 0, 0));
        }
        Matcher family = FAMILY.matcher(login.body());
        BrowserSession browser = new BrowserSession(-3, family.find() ? family.group(1) : "?", null, null);
        browser.apply(login);
        long signedIn = System.nanoTime();
        return usedUntilRefreshed(client, browser, signedIn, signedIn + within.toNanos(), 1);
    }

    private static CompletableFuture<FirstRefresh> usedUntilRefreshed(LoadClient client, BrowserSession browser, long signedIn,
            long deadline, int attempt) {
        long sent = System.nanoTime();
        return client.send(browser, "fresh-app").thenCompose(exchange -> {
            if (exchange.status() != 200) {
                return CompletableFuture.completedFuture(new FirstRefresh(false, exchange.latencyMillis(), attempt));
            }
            if (exchange.cookies() == BrowserSession.CookieChange.REWRITTEN) {
                return CompletableFuture.completedFuture(new FirstRefresh(true, exchange.latencyMillis(), attempt));
            }
            long next = sent + TimeUnit.SECONDS.toNanos(1);
            if (next > deadline) {
                return CompletableFuture.completedFuture(new FirstRefresh(false, exchange.latencyMillis(), attempt));
            }
            return at(next).thenCompose(x -> usedUntilRefreshed(client, browser, signedIn, deadline, attempt + 1));
        });
    }

    /** Completes at the given {@link System#nanoTime()} (at once when it has passed). */
    private static CompletableFuture<Void> at(long nanoTime) {
        long delay = Math.max(0, nanoTime - System.nanoTime());
        Executor later = CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS);
        return CompletableFuture.runAsync(() -> { }, later);
    }

    private static List<FirstRefresh> joinAll(List<CompletableFuture<FirstRefresh>> futures) throws Exception {
        List<FirstRefresh> results = new ArrayList<>();
        for (CompletableFuture<FirstRefresh> future : futures) {
            results.add(future.get(2, TimeUnit.MINUTES));
        }
        return results;
    }
}
