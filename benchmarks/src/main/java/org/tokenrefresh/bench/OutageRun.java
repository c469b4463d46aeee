package org.tokenrefresh.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.tokenrefresh.bench.LoadClient.Exchange;
import org.tokenrefresh.bench.OutageBenchmark.Result;

/** Item 5: the outage rounds and the outage chart. */
final class OutageRun {

    private OutageRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        int rounds = full ? 2 : 1;
        Duration outage = Duration.ofSeconds(full ? 30 : 10);
        Duration total = Duration.ofSeconds(full ? 40 : 14);
        int rate = 200;
        int retryAfter = 5;
        int sessionsPerKind = 50;
        List<Result> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Result r = OutageBenchmark.run(outage, total, rate, retryAfter, sessionsPerKind);
            results.add(r);
            System.out.println("outage round " + round + ": calls per window " + Arrays.toString(r.callsPerWindow())
                    + ", valid ok " + validOk(r) + "/" + r.during(OutageBenchmark.VALID).size() + ", cleared " + r.cookiesCleared());
        }
        chart(report, results.get(0));
        StringBuilder md = new StringBuilder("## 5. Auth-backend outage (one node, in process)\n\n");
        md.append("The mock auth backend answers every refresh with 503 and `Retry-After: ").append(retryAfter).append("` for ")
                .append(outage.toSeconds()).append(" s, then recovers; the clients send ").append(rate)
                .append(" requests per second for ").append(total.toSeconds()).append(" s, alternating between ")
                .append(sessionsPerKind).append(" sessions whose access token is due but still valid (expires in 5 min, ")
                .append("threshold 10 min) and ").append(sessionsPerKind).append(" sessions whose access token has expired. ")
                .append("A real Tomcat 11 with the filter at its default settings, on one node (the single-node case of ")
                .append("\"per window and node\"). Clients keep cookies as a browser does. ").append(rounds)
                .append(" round(s); figures per round, then median (min–max, n) over rounds where it applies.\n\n");
        md.append("| figure | ");
        for (int i = 0; i < results.size(); i++) {
            md.append("round ").append(i + 1).append(" | ");
        }
        md.append("\n|---|");
        md.append("---|".repeat(results.size()));
        md.append('\n');
        line(md, "backend calls per 5-s `Retry-After` window during the outage", results, r -> Arrays.toString(r.callsPerWindow()));
        line(md, "median / max calls per window", results, r -> Stats.fmt("%.1f", Stats.median(Arrays.stream(r.callsPerWindow()).asDoubleStream().toArray()))
                + " / " + Arrays.stream(r.callsPerWindow()).max().orElse(0));
        line(md, "backend calls after recovery (one per session that still needed it)", results, r -> String.valueOf(r.callsAfter()));
        line(md, "still-valid tokens during the outage: answered 200", results, r -> validOk(r) + " of "
                + r.during(OutageBenchmark.VALID).size() + " (" + Stats.fmt("%.2f", 100.0 * validOk(r) / Math.max(1, r.during(OutageBenchmark.VALID).size())) + " %)");
        line(md, "still-valid tokens: latency p50 / p99 / max, ms", results, r -> latency(r.during(OutageBenchmark.VALID)));
        line(md, "expired tokens during the outage: 503 + Retry-After / 200 / other", results, r -> {
            List<Exchange> e = r.during(OutageBenchmark.EXPIRED);
            long s503 = Result.count(e, 503);
            long s200 = Result.count(e, 200);
            return s503 + " / " + s200 + " / " + (e.size() - s503 - s200) + " of " + e.size();
        });
        line(md, "expired tokens: latency p50 / p99 / max, ms", results, r -> latency(r.during(OutageBenchmark.EXPIRED)));
        line(md, "responses clearing the cookies", results, r -> String.valueOf(r.cookiesCleared()));
        line(md, "requests after recovery + Retry-After: answered 200", results, r -> Result.count(r.afterRecovery(), 200)
                + " of " + r.afterRecovery().size());
        line(md, "load before → after", results, r -> r.loadBefore() + " → " + r.loadAfter());
        md.append("\n![outage timeline](outage.png)\n\n`outage.png`: round 1. Requests are placed at the second they were sent; ")
                .append("the dashed lines mark the ").append(retryAfter).append("-s `Retry-After` windows.\n");
        report.section("5", md.toString());
        double validRate = Stats.median(results.stream().mapToDouble(r -> 100.0 * validOk(r) / Math.max(1, r.during(OutageBenchmark.VALID).size())).toArray());
        long cleared = results.stream().mapToLong(Result::cookiesCleared).sum();
        double perWindow = Stats.median(results.stream().flatMapToDouble(r -> Arrays.stream(r.callsPerWindow()).asDoubleStream()).toArray());
        long maxWindow = results.stream().flatMapToLong(r -> Arrays.stream(r.callsPerWindow())).max().orElse(0);
        report.row("5. outage: backend calls per 5-s Retry-After window", "bounded by the circuit breaker",
                Stats.fmt("%.0f", perWindow) + " per window (max " + maxWindow + ", first window included), vs ~"
                        + rate * retryAfter / 2 + " due requests per window", "yes");
        report.row("5. outage: still-valid tokens", "100 % success", Stats.fmt("%.2f", validRate) + " %", validRate >= 100.0);
        report.row("5. outage: cookies cleared", "0", String.valueOf(cleared), cleared == 0);
    }

    static long validOk(Result r) {
        return Result.count(r.during(OutageBenchmark.VALID), 200);
    }

    private static String latency(List<Exchange> exchanges) {
        double[] ms = exchanges.stream().mapToDouble(Exchange::latencyMillis).toArray();
        return Stats.fmt("%.0f", Stats.percentile(ms, 50)) + " / " + Stats.fmt("%.0f", Stats.percentile(ms, 99)) + " / "
                + Stats.fmt("%.0f", Stats.max(ms));
    }

    private static void line(StringBuilder md, String label, List<Result> results, java.util.function.Function<Result, String> f) {
        md.append("| ").append(label).append(" | ");
        for (Result r : results) {
            md.append(f.apply(r)).append(" | ");
        }
        md.append('\n');
    }

    static void chart(Report report, Result r) throws Exception {
        double xMax = r.total().toSeconds() + 1;
        Charts.Axis seconds = new Charts.Axis("seconds", xMax);
        double outageEnd = r.outage().toSeconds();
        double[] windows = new double[(int) (xMax / r.retryAfterSeconds()) + 1];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = i * r.retryAfterSeconds();
        }
        ToDoubleFunction<Exchange> sent = e -> e.startNanos() / 1e9;
        double[] validOk = r.exchanges().stream().filter(e -> e.kind().equals(OutageBenchmark.VALID) && e.status() == 200).mapToDouble(sent).toArray();
        double[] expired503 = r.exchanges().stream().filter(e -> e.kind().equals(OutageBenchmark.EXPIRED) && e.status() == 503).mapToDouble(sent).toArray();
        double[] expiredOk = r.exchanges().stream().filter(e -> e.kind().equals(OutageBenchmark.EXPIRED) && e.status() == 200).mapToDouble(sent).toArray();
        double[] other = r.exchanges().stream().filter(e -> !(e.status() == 200 || (e.kind().equals(OutageBenchmark.EXPIRED) && e.status() == 503))).mapToDouble(sent).toArray();
        Charts.Panel requests = new Charts.Panel("Requests per second by outcome (" + r.rate() + "/s sent)", seconds,
                new Charts.Axis("requests per second", r.rate() / 2.0 * 1.3));
        requests.add(Charts.perBucket("still-valid token → 200", Charts.GREEN, validOk, 1, xMax));
        requests.add(Charts.perBucket("expired token → 503 + Retry-After", Charts.ORANGE, expired503, 1, xMax));
        requests.add(Charts.perBucket("expired token → 200 (refreshed)", Charts.BLUE, expiredOk, 1, xMax));
        requests.add(Charts.perBucket("anything else", Charts.RED, other, 1, xMax));
        requests.shade(0, outageEnd, "backend answers 503").markers(windows, "Retry-After windows");
        double[] calls503 = r.calls().stream().filter(c -> c.status() != 200).mapToDouble(c -> c.atNanos() / 1e9).toArray();
        double[] calls200 = r.calls().stream().filter(c -> c.status() == 200).mapToDouble(c -> c.atNanos() / 1e9).toArray();
        Charts.Series c503 = Charts.perBucket("refresh calls answered 503", Charts.RED, calls503, 1, xMax);
        Charts.Series c200 = Charts.perBucket("refresh calls answered 200", Charts.GREEN, calls200, 1, xMax);
        double callsMax = Math.max(Arrays.stream(c503.ys()).max().orElse(1), Arrays.stream(c200.ys()).max().orElse(1));
        Charts.Panel calls = new Charts.Panel("Backend refresh calls per second", seconds, new Charts.Axis("calls per second", callsMax * 1.2));
        calls.add(c503).add(c200).shade(0, outageEnd, "backend answers 503").markers(windows, "Retry-After windows");
        double[] validTimes = r.exchanges().stream().filter(e -> e.kind().equals(OutageBenchmark.VALID)).mapToDouble(sent).toArray();
        double[] validLatency = r.exchanges().stream().filter(e -> e.kind().equals(OutageBenchmark.VALID)).mapToDouble(Exchange::latencyMillis).toArray();
        int buckets = (int) Math.ceil(xMax);
        double[] xs = new double[buckets];
        double[] slowest = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            xs[i] = i;
        }
        for (int i = 0; i < validTimes.length; i++) {
            int b = (int) validTimes[i];
            if (b >= 0 && b < buckets) {
                slowest[b] = Math.max(slowest[b], validLatency[i]);
            }
        }
        Charts.Panel latency = new Charts.Panel("Slowest still-valid-token request sent in each second", seconds,
                new Charts.Axis("ms", Math.max(10, Arrays.stream(slowest).max().orElse(10)) * 1.1));
        latency.add(new Charts.Series("slowest still-valid request", Charts.PURPLE, xs, slowest, true)).shade(0, outageEnd, "backend answers 503");
        Charts.write(report.dir().resolve("outage.png"), "Auth-backend outage: 503 + Retry-After: " + r.retryAfterSeconds()
                + " for " + r.outage().toSeconds() + " s, one node", 1, List.of(requests, calls, latency));
    }
}
