package org.tokenrefresh.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.tokenrefresh.bench.AppServer.Mode;
import org.tokenrefresh.bench.FloodBenchmark.FirstRefresh;
import org.tokenrefresh.bench.FloodBenchmark.Result;

/** Item 8: the flood of random refresh cookies, with the library and with the seed's design, alternating. */
final class FloodRun {

    static final int VOUCHED = 100;
    static final int FRESH = 20;
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private FloodRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        int rounds = full ? 3 : 1;
        int rate = 2_000;
        Duration duration = Duration.ofSeconds(full ? 40 : 15);
        FloodBenchmark.Plan plan = new FloodBenchmark.Plan(rate, duration, Duration.ofSeconds(10), VOUCHED, FRESH, PATIENCE, true);
        List<Result> library = new ArrayList<>();
        List<Result> naive = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            library.add(FloodBenchmark.run(Mode.LIBRARY, plan, round));
            System.out.println("flood round " + round + ", library: " + summary(library.get(round)));
            naive.add(FloodBenchmark.run(Mode.NAIVE, plan, round));
            System.out.println("flood round " + round + ", seed's design: " + summary(naive.get(round)));
        }
        StringBuilder md = new StringBuilder("## 8. Flood of random refresh cookies\n\n");
        md.append("For ").append(duration.toSeconds()).append(" s a client sends ").append(rate)
                .append(" requests per second (open loop, at most 512 in flight; what it could not send is counted) to a real ")
                .append("Tomcat 11 (200 worker threads) on 127.0.0.1, each with a random `refreshToken` cookie nobody was ever ")
                .append("issued, half of them without an access token and half with one that expired an hour ago, so that each ")
                .append("one asks for a refresh. Meanwhile ").append(VOUCHED).append(" vouched sessions (refreshed by the server ")
                .append("once before, so they carry the library's `refreshToken-mac` cookie; 10-s access tokens, refreshed at ")
                .append("half-life) send one request a second each; ").append(FRESH).append(" users sign in at the auth backend ")
                .append("itself (cookies set outside the application: their first refresh is unvouched) with an access token that ")
                .append("has just expired, and retry as `Retry-After` says for at most ").append(PATIENCE.toSeconds())
                .append(" s; ").append(FRESH).append(" more sign in through the application's own login page (the library ")
                .append("vouches for the tokens the application writes) and use the application once a second until their first ")
                .append("refresh. The mock auth backend over HTTP on 127.0.0.1 answers 401 for unknown tokens. `library`: the ")
                .append("filter with default settings (`unvouched-concurrency` 8, `unvouched-rate` 50/s). `seed's design`: ")
                .append("`NaiveRefreshFilter`. Heap: growth of the used heap of the whole process (server, clients, mock backend) ")
                .append("after full GCs, from before the flood to after it. ").append(rounds)
                .append(" round(s) each, alternating; median (min–max, n).\n\n");
        md.append("| figure | library | seed's design |\n|---|---|---|\n");
        Stats.compareRow(md, "flood requests sent per second (achieved)", library, naive, Result::achievedFloodRate, "%.0f");
        Stats.compareRow(md, "flood requests the client could not send (512 in flight)", library, naive, r -> r.floodSkipped(), "%.0f");
        text(md, "flood answers by status (last round)", library, naive, r -> r.floodStatuses().toString());
        Stats.compareRow(md, "flood requests: latency p50, ms", library, naive, r -> Stats.percentile(r.floodLatencyMillis(), 50), "%.1f");
        Stats.compareRow(md, "flood requests: latency p99, ms", library, naive, r -> Stats.percentile(r.floodLatencyMillis(), 99), "%.1f");
        Stats.compareRow(md, "backend calls caused by the flood", library, naive, r -> r.floodBackendCalls(), "%.0f");
        Stats.compareRow(md, "... per second of flood", library, naive, r -> r.floodBackendCalls() / r.seconds(), "%.1f");
        Stats.compareRow(md, "vouched sessions: requests", library, naive, r -> r.vouched().size(), "%.0f");
        Stats.compareRow(md, "vouched sessions: failed (not 200)", library, naive, r -> r.vouchedFailed(), "%.0f");
        Stats.compareRow(md, "vouched sessions: cookies cleared", library, naive, r -> r.vouchedCleared(), "%.0f");
        Stats.compareRow(md, "vouched sessions: refreshes during the flood", library, naive, r -> r.vouchedRefreshes(), "%.0f");
        Stats.compareRow(md, "vouched sessions: latency p50, ms", library, naive, r -> r.vouchedPercentile(50), "%.1f");
        Stats.compareRow(md, "vouched sessions: latency p99, ms", library, naive, r -> r.vouchedPercentile(99), "%.1f");
        Stats.compareRow(md, "reuse detections at the backend", library, naive, r -> r.reuseDetections(), "%.0f");
        text(md, "refreshes whose answer was lost (backend slower than `response-timeout`), last round", library, naive,
                r -> r.lostResponses() < 0 ? "(not counted)" : String.valueOf(r.lostResponses()));
        Stats.compareRow(md, "fresh logins outside the application: first refresh within " + PATIENCE.toSeconds() + " s, of " + FRESH,
                library, naive, r -> Result.succeeded(r.freshOutside()), "%.0f");
        Stats.compareRow(md, "... time to the first 200, p50, ms", library, naive, r -> Result.percentile(r.freshOutside(), 50), "%.0f");
        Stats.compareRow(md, "... time to the first 200, max, ms", library, naive, r -> Result.percentile(r.freshOutside(), 100), "%.0f");
        Stats.compareRow(md, "... attempts, mean", library, naive, r -> r.freshOutside().stream().mapToInt(FirstRefresh::attempts).average()
                .orElse(Double.NaN), "%.1f");
        Stats.compareRow(md, "fresh logins through the application: first refresh succeeded, of " + FRESH, library, naive,
                r -> Result.succeeded(r.freshThroughApp()), "%.0f");
        Stats.compareRow(md, "... latency of the refreshing request, p50, ms", library, naive, r -> Result.percentile(r.freshThroughApp(), 50), "%.1f");
        Stats.compareRow(md, "heap growth over the flood, MiB", library, naive, r -> r.heapGrowthBytes() / 1048576.0, "%.1f");
        Stats.compareRow(md, "load before", library, naive, Result::loadBefore, "%.2f");
        report.section("8", md.toString());

        boolean invariants = library.stream().allMatch(r -> r.vouchedFailed() == 0 && r.reuseDetections() == 0 && r.vouchedCleared() == 0);
        report.row("8. flood: 100 vouched sessions, library", "0 failures, 0 reuse", Stats.fmt("%.0f",
                Stats.median(Stats.values(library, r -> r.vouchedFailed()))) + " failed, " + Stats.fmt("%.0f",
                Stats.median(Stats.values(library, r -> r.reuseDetections()))) + " reuse, p50/p99 " + Stats.fmt("%.1f",
                Stats.median(Stats.values(library, r -> r.vouchedPercentile(50)))) + "/" + Stats.fmt("%.1f",
                Stats.median(Stats.values(library, r -> r.vouchedPercentile(99)))) + " ms (all " + rounds + " rounds)", invariants);
        report.row("8. flood: backend calls caused, library vs seed's design", "bounded by `unvouched-rate`", Stats.fmt("%.1f",
                Stats.median(Stats.values(library, r -> r.floodBackendCalls() / r.seconds()))) + "/s vs "
                + Stats.fmt("%.0f", Stats.median(Stats.values(naive, r -> r.floodBackendCalls() / r.seconds()))) + "/s",
                "n/a");
        report.row("8. flood: fresh logins' first refresh (outside / through the app), library", "succeeds, if more slowly",
                Stats.fmt("%.0f", Stats.median(Stats.values(library, r -> Result.succeeded(r.freshOutside())))) + "/" + FRESH + " within "
                        + PATIENCE.toSeconds() + " s (p50 " + Stats.fmt("%.0f", Stats.median(Stats.values(library,
                        r -> Result.percentile(r.freshOutside(), 50)))) + " ms) / " + Stats.fmt("%.0f", Stats.median(Stats.values(library,
                        r -> Result.succeeded(r.freshThroughApp())))) + "/" + FRESH, "n/a");
    }

    private static String summary(Result r) {
        return Stats.fmt("%.0f", r.achievedFloodRate()) + " flood req/s (" + r.floodSkipped() + " skipped, p50/p99 "
                + Stats.fmt("%.1f", Stats.percentile(r.floodLatencyMillis(), 50)) + "/"
                + Stats.fmt("%.1f", Stats.percentile(r.floodLatencyMillis(), 99)) + " ms), flood backend calls "
                + r.floodBackendCalls() + ", vouched " + r.vouched().size() + " requests " + r.vouchedStatuses() + " / " + r.vouchedFailed()
                + " failed / " + r.vouchedCleared() + " cleared / p50 "
                + Stats.fmt("%.1f", r.vouchedPercentile(50)) + " p99 " + Stats.fmt("%.1f", r.vouchedPercentile(99)) + " ms, "
                + r.vouchedRefreshes() + " refreshes, reuse " + r.reuseDetections() + ", lost answers " + r.lostResponses() + ", fresh outside "
                + Result.succeeded(r.freshOutside()) + "/" + r.freshOutside().size() + ", fresh via app " + Result.succeeded(r.freshThroughApp())
                + "/" + r.freshThroughApp().size() + ", heap +" + r.heapGrowthBytes() / 1024 + " KiB, statuses " + r.floodStatuses();
    }


    private static void text(StringBuilder md, String label, List<Result> a, List<Result> b, Function<Result, String> f) {
        md.append("| ").append(label).append(" | ").append(f.apply(a.get(a.size() - 1))).append(" | ")
                .append(f.apply(b.get(b.size() - 1))).append(" |\n");
    }

}
