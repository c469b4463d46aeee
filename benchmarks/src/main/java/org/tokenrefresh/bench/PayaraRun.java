package org.tokenrefresh.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.tokenrefresh.bench.LoadClient.Exchange;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.testsupport.DataGrid;
import org.tokenrefresh.testsupport.FileTrees;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.testsupport.PayaraMicro;

/**
 * Items 2 and 4 on Payara Micro with the sample WAR (library + ee-integration in WEB-INF/lib, configured by
 * properties only). One mock auth backend in this JVM on 127.0.0.1 serves every node; it signs with the
 * sample's key so that the sample's API accepts its tokens.
 *
 * <ul>
 * <li>Item 2: two single-node Payara Micros run the same WAR, one with the filter and one with
 * {@code -Dtokenrefresh.enabled=false}; one closed-loop load generator drives them in alternating rounds
 * with valid tokens ({@code GET /api/orders}); the ratio is taken per round.</li>
 * <li>Item 4: two Payara Micros in one data grid (the cluster-wide JCache store of ee-integration); the
 * storm of item 3 sent to one node, and spread over both nodes (every other request to the other node), in
 * alternating rounds.</li>
 * </ul>
 */
final class PayaraRun {

    static final String SAMPLE_SECRET = "acme-orders-demo-signing-key-change-me-0123456789";

    private PayaraRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        run(report, full, true);
    }

    /** Item 4 alone (the {@code cluster} part). */
    static void runCluster(Report report, boolean full) throws Exception {
        run(report, full, false);
    }

    private static void run(Report report, boolean full, boolean withThroughput) throws Exception {
        Path micro = locate("bench.payara.micro", "sample-war/target/payara-micro.jar");
        Path war = locate("bench.sample.war", "sample-war/target/token-refresh-sample.war");
        if (micro == null || war == null) {
            String why = "the sample WAR or the Payara Micro jar was not found (" + (war == null ? "sample WAR" : "")
                    + (micro == null ? " payara-micro.jar" : "") + "); run the documented command, which builds sample-war";
            if (withThroughput) {
                report.section("2", "## 2. Throughput on Payara Micro\n\nNot measured: " + why + ".\n");
                report.row("2. throughput filter ÷ no filter (Payara Micro)", "≥ 0.97", "not measured: " + why, "missing");
            }
            report.section("4", "## 4. Two nodes\n\nNot measured: " + why + ".\n");
            report.row("4. two-node storm (Payara Micro)", "exactly 100 refresh calls", "not measured", "missing");
            return;
        }
        Path work = Files.createTempDirectory("token-refresh-bench-payara-");
        try {
            // copies: other builds in the work tree may rewrite target/ during the run
            Path microCopy = Files.copy(micro, work.resolve("payara-micro.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path warCopy = Files.copy(war, work.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
            if (withThroughput) {
                throughput(report, full, microCopy, warCopy, work);
            }
            twoNodeStorm(report, full, microCopy, warCopy, work);
        } finally {
            FileTrees.delete(work);
        }
    }

    static Path locate(String property, String relative) {
        String value = System.getProperty(property);
        if (value != null && Files.isRegularFile(Path.of(value))) {
            return Path.of(value);
        }
        Path module = Path.of(System.getProperty("bench.output", ".")).toAbsolutePath();
        Path candidate = module.resolveSibling(relative);
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    static MockAuthBackend backend(MutableClock clock, Duration lifetime) {
        return MockAuthBackend.builder().clock(clock).accessTokenLifetime(lifetime)
                .hmacSecret(SAMPLE_SECRET.getBytes(StandardCharsets.UTF_8)).issuer("mock-auth").build();
    }

    /**
     * A node of the sample WAR at the root context, loopback only (test-support's launcher). Unlike the tests, the
     * JIT is left at its default (no {@code TieredStopAtLevel=1}): this is a throughput measurement.
     */
    static PayaraMicro.Builder node(String name, Path micro, Path war, Path work, List<String> systemProperties) {
        List<String> jvm = new ArrayList<>(List.of("-Xms512m", "-Xmx512m",
                // deep stacks, so that a CPU profile taken during a run can see the filter under Payara's frames
                "-XX:FlightRecorderOptions=stackdepth=2048"));
        jvm.addAll(systemProperties);
        // e.g. -Dbench.payara.jvm-args="-XX:StartFlightRecording=filename=/tmp/{name}.jfr" to profile the nodes
        String extra = System.getProperty("bench.payara.jvm-args", "").trim();
        if (!extra.isEmpty()) {
            for (String arg : extra.split("\\s+")) {
                jvm.add(arg.replace("{name}", name));
            }
        }
        return PayaraMicro.builder(micro).name(name).workDir(work).jvmOptions(jvm).deploy(war, "/");
    }

    static List<String> nodeProperties(RecordingAuthServer auth) {
        String base = auth.refreshUrl().replace("/api/auth/refresh", "");
        return new ArrayList<>(List.of("-Dorders.auth-server=" + base, "-Dorders.jwt-secret=" + SAMPLE_SECRET,
                "-Dtokenrefresh.backend-url=" + auth.refreshUrl()));
    }

    // ---- item 2 ---------------------------------------------------------------------------------------------

    static void throughput(Report report, boolean full, Path micro, Path war, Path work) throws Exception {
        int rounds = full ? 10 : 2;
        int slices = 4;
        Duration settle = Duration.ofMillis(500);
        Duration sliceTime = Duration.ofSeconds(full ? 2 : 1);
        // few users: the sample's API serializes its threads on a class loader lock (see the report), more
        // users only add contention and noise
        int users = 4;
        MutableClock clock = MutableClock.followingSystemTime();
        MockAuthBackend backend = backend(clock, Duration.ofHours(1));
        try (RecordingAuthServer auth = new RecordingAuthServer(backend)) {
            List<String> on = nodeProperties(auth);
            List<String> off = nodeProperties(auth);
            off.add("-Dtokenrefresh.enabled=false");
            try (PayaraMicro withFilter = node("with-filter", micro, war, work, on).start();
                    PayaraMicro without = node("without-filter", micro, war, work, off).start();
                    LoadClient client = new LoadClient(withFilter.baseUrl() + "/api/orders", 4)) {
                withFilter.awaitReady(Duration.ofSeconds(300));
                without.awaitReady(Duration.ofSeconds(300));
                List<String> cookies = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    cookies.add(new BrowserSession(i, backend.login("demo", "demo")).cookieHeader());
                }
                URI uriOn = URI.create(withFilter.baseUrl() + "/api/orders");
                URI uriOff = URI.create(without.baseUrl() + "/api/orders");
                // both must answer 200 with these tokens, else the comparison means nothing
                for (URI uri : List.of(uriOn, uriOff)) {
                    int status = client.get(uri, cookies.get(0));
                    if (status != 200) {
                        throw new IllegalStateException(uri + " answered " + status);
                    }
                }
                // JIT warm-up of both servers, in turns: on 2 shared cores Payara's throughput keeps climbing for
                // minutes (a first full run still saw it rise through its 10 rounds after 90 s of warm-up)
                for (int i = 0; i < (full ? 6 : 1); i++) {
                    load(client, uriOn, cookies, users, Duration.ofSeconds(full ? 20 : 5));
                    load(client, uriOff, cookies, users, Duration.ofSeconds(full ? 20 : 5));
                }
                List<double[]> results = new ArrayList<>(); // {on req/s, off req/s, load}
                List<double[]> latencies = new ArrayList<>(); // per round, ms: {on p50, off p50, on p99, off p99}
                long errorsOn = 0;
                long errorsOff = 0;
                for (int round = 0; round < rounds; round++) {
                    // each round alternates short slices (A B A B ..., B A B A ... in the next round), so that
                    // drift (JIT, other builds) hits both servers alike
                    double[] r = new double[3];
                    double loadBefore = Stats.load();
                    List<Double> latencyOn = java.util.Collections.synchronizedList(new ArrayList<>());
                    List<Double> latencyOff = java.util.Collections.synchronizedList(new ArrayList<>());
                    for (int slice = 0; slice < 2 * slices; slice++) {
                        boolean filter = (slice + round) % 2 == 0;
                        URI uri = filter ? uriOn : uriOff;
                        load(client, uri, cookies, users, settle);
                        long[] counted = load(client, uri, cookies, users, sliceTime, filter ? latencyOn : latencyOff);
                        r[filter ? 0 : 1] += counted[0] / (double) (sliceTime.toMillis() * slices) * 1000;
                        if (filter) {
                            errorsOn += counted[1];
                        } else {
                            errorsOff += counted[1];
                        }
                    }
                    r[2] = (loadBefore + Stats.load()) / 2;
                    results.add(r);
                    double[] withMs = latencyOn.stream().mapToDouble(Double::doubleValue).toArray();
                    double[] withoutMs = latencyOff.stream().mapToDouble(Double::doubleValue).toArray();
                    latencies.add(new double[] {Stats.percentile(withMs, 50), Stats.percentile(withoutMs, 50),
                            Stats.percentile(withMs, 99), Stats.percentile(withoutMs, 99)});
                    System.out.println("throughput round " + round + ": with filter " + Math.round(r[0]) + " req/s, without "
                            + Math.round(r[1]) + " req/s, ratio " + Stats.fmt("%.3f", r[0] / r[1]));
                }
                // the profile is taken afterwards, not during the rounds: the recorder costs the profiled server
                CpuProfile.start(withFilter.pid());
                String keepJfr = System.getProperty("bench.keep-jfr", "").trim();
                if (!keepJfr.isEmpty()) {
                    CpuProfile.start(without.pid());
                    load(client, uriOff, cookies, users, Duration.ofSeconds(full ? 20 : 5));
                }
                load(client, uriOn, cookies, users, Duration.ofSeconds(full ? 20 : 5));
                CpuProfile.Share share = CpuProfile.stop(withFilter.pid(), work.resolve("with-filter.jfr"));
                if (!keepJfr.isEmpty()) {
                    // -Dbench.keep-jfr=DIR keeps both servers' recordings for a closer look
                    Path keep = Path.of(keepJfr);
                    Files.createDirectories(keep);
                    Files.copy(work.resolve("with-filter.jfr"), keep.resolve("with-filter.jfr"), StandardCopyOption.REPLACE_EXISTING);
                    CpuProfile.stop(without.pid(), keep.resolve("without-filter.jfr"));
                }
                double[] ratios = results.stream().mapToDouble(r -> r[0] / r[1]).toArray();
                double[] withRate = results.stream().mapToDouble(r -> r[0]).toArray();
                double[] withoutRate = results.stream().mapToDouble(r -> r[1]).toArray();
                StringBuilder md = new StringBuilder("## 2. Throughput on Payara Micro\n\n");
                md.append("The sample WAR (`sample-war`: servlets, JSP and a JAX-RS API that verifies its HS256 JWT; the library ")
                        .append("and ee-integration in `WEB-INF/lib`, configured by properties only) on two Payara Micro ")
                        .append("6.2025.10 processes (loopback only, `-Xmx512m`, default JIT), one with the filter and one ")
                        .append("with `-Dtokenrefresh.enabled=false`. One closed-loop load generator in the benchmark JVM: ")
                        .append(users).append(" concurrent users, `GET /api/orders` with valid tokens (100 sessions, ")
                        .append("tokens valid for an hour, plus the unrelated cookies of item 1). Both servers warmed up for ")
                        .append(full ? 120 : 5).append(" s each, in turns; then ").append(rounds).append(" rounds of ")
                        .append(2 * slices).append(" alternating slices (").append(sliceTime.toSeconds())
                        .append(" s counted after ").append(settle.toMillis()).append(" ms not counted, A B A B ... then B A B A ...), ")
                        .append("so that drift hits both alike. All processes share the 2 cores with other engineers' builds: ")
                        .append("the ratio per round is the figure, median (min–max, n); the JFR share below does not depend ")
                        .append("on the noise.\n\n");
                md.append("| figure | value |\n|---|---|\n");
                md.append("| with the filter, requests/s | ").append(Stats.spread(withRate, "%.0f")).append(" |\n");
                md.append("| without the filter, requests/s | ").append(Stats.spread(withoutRate, "%.0f")).append(" |\n");
                md.append("| ratio with ÷ without, per round | ").append(Stats.spread(ratios, "%.3f")).append(" |\n");
                double[] addedP50 = latencies.stream().mapToDouble(l -> l[0] - l[1]).toArray();
                double[] addedP99 = latencies.stream().mapToDouble(l -> l[2] - l[3]).toArray();
                md.append("| latency p50 with / without the filter, ms, per round | ")
                        .append(Stats.spread(latencies.stream().mapToDouble(l -> l[0]).toArray(), "%.2f")).append(" / ")
                        .append(Stats.spread(latencies.stream().mapToDouble(l -> l[1]).toArray(), "%.2f")).append(" |\n");
                md.append("| latency p99 with / without the filter, ms, per round | ")
                        .append(Stats.spread(latencies.stream().mapToDouble(l -> l[2]).toArray(), "%.2f")).append(" / ")
                        .append(Stats.spread(latencies.stream().mapToDouble(l -> l[3]).toArray(), "%.2f")).append(" |\n");
                md.append("| added latency (with − without, same round), p50 / p99, ms | ")
                        .append(Stats.spread(addedP50, "%.2f")).append(" / ").append(Stats.spread(addedP99, "%.2f")).append(" |\n");
                md.append("| non-200 answers with / without | ").append(errorsOn).append(" / ").append(errorsOff).append(" |\n");
                md.append("| backend refresh calls (none expected) | ").append(backend.totalRefreshCalls()).append(" |\n");
                md.append("| library's share of the with-filter server's CPU samples (JFR `profile`, ").append(full ? 20 : 5)
                        .append(" s of load after the rounds) | ")
                        .append(Stats.fmt("%.2f", share.percent())).append(" % (").append(share.library()).append(" of ")
                        .append(share.samples()).append(" samples; top: ").append(share.top()).append(") |\n");
                md.append("| contended monitor enters (≥ 10 ms, JFR) in the with-filter server / of them under `JsonProvider.provider()` | ")
                        .append(share.contended()).append(" / ").append(share.contendedJsonProvider()).append(" (")
                        .append(Stats.fmt("%.0f", share.contendedSeconds())).append(" s of waiting in all) |\n");
                md.append("| load during the rounds | ").append(Stats.spread(results.stream().mapToDouble(r -> r[2]).toArray(), "%.2f"))
                        .append(" |\n");
                md.append("\nThe sample's API is bound by its own lock contention, not by CPU: every `jakarta.json.Json.create*` ")
                        .append("call (in its `JwtVerifier` and resources) runs `JsonProvider.provider()`, a `ServiceLoader` scan of ")
                        .append("the WAR's class path under the class loader's jar locks, on every request; the two servers show ")
                        .append("it alike, and it makes the per-round ratio swing. Caching the provider (`JsonProvider.provider()` ")
                        .append("once, in a static field) is a fix for the sample, not the library. The library's own cost is the ")
                        .append("JFR share above.\n");
                TomcatThroughput.Result tomcat = TomcatThroughput.run(full ? 9 : 2, Duration.ofSeconds(2),
                        Duration.ofSeconds(1), users);
                md.append("\nThe same comparison in process on Tomcat 11 (item 3's application, no JAX-RS, tokens of the ")
                        .append("mock backend; the Payara nodes idle meanwhile), ").append(tomcat.ratios().length)
                        .append(" rounds of 8 alternating 1-s slices:\n\n");
                md.append("| figure | value |\n|---|---|\n");
                md.append("| with the filter, requests/s | ").append(Stats.spread(tomcat.with(), "%.0f")).append(" |\n");
                md.append("| without the filter, requests/s | ").append(Stats.spread(tomcat.without(), "%.0f")).append(" |\n");
                md.append("| ratio with ÷ without, per round | ").append(Stats.spread(tomcat.ratios(), "%.3f")).append(" |\n");
                md.append("| load during the rounds | ").append(Stats.spread(tomcat.loads(), "%.2f")).append(" |\n");
                report.section("2", md.toString());
                report.row("2. library's share of the server's CPU (Payara Micro, JFR)", "(headline: cost of the filter)",
                        Stats.fmt("%.2f", share.percent()) + " % (" + share.library() + " of " + share.samples() + " samples)", "n/a");
                report.row("2. added latency per request, p50 / p99 (Payara Micro, with − without, same rounds)",
                        "(headline: cost of the filter)", Stats.spread(addedP50, "%.2f") + " ms / " + Stats.spread(addedP99, "%.2f")
                                + " ms", "n/a");
                report.row("2. throughput with ÷ without the filter (in-process Tomcat)", "≥ 0.97",
                        Stats.fmt("%.3f", Stats.median(tomcat.ratios())) + " (" + Stats.fmt("%.3f", Stats.min(tomcat.ratios())) + "–"
                                + Stats.fmt("%.3f", Stats.max(tomcat.ratios())) + ", " + tomcat.ratios().length + " rounds)",
                        Stats.median(tomcat.ratios()) >= 0.97);
                double ratio = Stats.median(ratios);
                report.row("2. throughput with ÷ without the filter (Payara Micro, valid tokens)", "≥ 0.97",
                        Stats.fmt("%.3f", ratio) + " (" + Stats.fmt("%.3f", Stats.min(ratios)) + "–" + Stats.fmt("%.3f", Stats.max(ratios))
                                + ", " + rounds + " rounds)", ratio >= 0.97);
            }
        }
    }

    /** Closed loop: {@code users} threads send one request after another; returns {200s, others}. */
    static long[] load(LoadClient client, URI uri, List<String> cookies, int users, Duration duration)
            throws Exception {
        return load(client, uri, cookies, users, duration, null);
    }

    /** The same, adding the latency in ms of every counted request to {@code latencies} (when not {@code null}). */
    static long[] load(LoadClient client, URI uri, List<String> cookies, int users, Duration duration, List<Double> latencies)
            throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder other = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        ClosedLoop.run(users, duration.plusSeconds(60), user -> {
            int i = user;
            while (System.nanoTime() < deadline) {
                long sent = System.nanoTime();
                int status = client.get(uri, cookies.get(i++ % cookies.size()));
                long answered = System.nanoTime();
                if (answered > deadline) {
                    break; // finished after the window: not counted
                }
                (status == 200 ? ok : other).increment();
                if (latencies != null) {
                    latencies.add((answered - sent) / 1e6);
                }
            }
        });
        return new long[] {ok.sum(), other.sum()};
    }

    // ---- item 4 ---------------------------------------------------------------------------------------------

    /**
     * Two Payara Micros in one data grid. The storm of item 3 goes in turns to one node only and spread over both
     * nodes (every other request to the other node), alternating round by round (one node first, then two
     * nodes first), so that both see the same machine, JIT state, grid and store: the only difference is whether
     * a node has to wait for the other node's refresh.
     */
    static void twoNodeStorm(Report report, boolean full, Path micro, Path war, Path work) throws Exception {
        int rounds = full ? 5 : 1;
        int sessions = 100;
        int perSession = 10;
        MutableClock clock = MutableClock.followingSystemTime();
        MockAuthBackend backend = backend(clock, Duration.ofSeconds(60));
        try (RecordingAuthServer auth = new RecordingAuthServer(backend)) {
            DataGrid grid = DataGrid.onLoopback("bench-two", 2);
            List<String> props = nodeProperties(auth);
            try (PayaraMicro node1 = node("node1", micro, war, work, props).member(grid, 0).start();
                    PayaraMicro node2 = node("node2", micro, war, work, props).member(grid, 1).start();
                    LoadClient client = new LoadClient(node1.baseUrl() + "/api/orders", 8)) {
                node1.awaitReady(Duration.ofSeconds(300));
                node2.awaitReady(Duration.ofSeconds(300));
                node1.await(DataGrid.sizeReached(2), Duration.ofSeconds(120));
                node2.await(DataGrid.sizeReached(2), Duration.ofSeconds(120));
                boolean clustered = node1.log().contains("cluster-wide") || node2.log().contains("cluster-wide");
                URI uri1 = URI.create(node1.baseUrl() + "/api/orders");
                URI uri2 = URI.create(node2.baseUrl() + "/api/orders");
                URI[] both = {uri1, uri2};
                // warm-up: a few sessions, each refreshed once, on each node alone and on both
                storm(client, backend, clock, new URI[] {uri1}, 10, 4, 97);
                storm(client, backend, clock, new URI[] {uri2}, 10, 4, 98);
                storm(client, backend, clock, both, 10, 4, 99);
                List<StormBenchmark.Result> one = new ArrayList<>();
                List<StormBenchmark.Result> two = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    URI[] single = {round % 2 == 0 ? uri1 : uri2};
                    for (int turn = 0; turn < 2; turn++) {
                        boolean spread = (turn + round) % 2 == 1; // one node first in even rounds
                        StormBenchmark.Result r = storm(client, backend, clock, spread ? both : single, sessions, perSession,
                                2L * round + turn);
                        (spread ? two : one).add(r);
                        System.out.println((spread ? "two-node" : "one-node") + " storm round " + round + ": " + r.backendCalls()
                                + " calls, " + r.failed() + " failed, " + r.revokedFamilies() + " revoked, p50 "
                                + Math.round(r.p50Millis()) + " ms, p99 " + Math.round(r.p99Millis()) + " ms, wall "
                                + Math.round(r.wallMillis()) + " ms, load " + Stats.fmt("%.2f", r.loadBefore())
                                + (r.failed() > 0 ? ", failed by status: " + failures(r) : ""));
                    }
                }
                double[] p99Ratios = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    p99Ratios[round] = two.get(round).p99Millis() / one.get(round).p99Millis();
                }
                StringBuilder md = new StringBuilder("## 4. Two nodes\n\n");
                md.append("The storm of item 3 (").append(sessions * perSession).append(" requests at once over ").append(sessions)
                        .append(" sessions with expired access tokens) on two Payara Micro nodes running the sample WAR in one ")
                        .append("data grid (`DG Size: 2`, loopback TCP/IP members; ee-integration's JCache store on Payara's ")
                        .append("Hazelcast").append(clustered ? ", reported as \"cluster-wide\" in the node logs" : "")
                        .append("), both nodes refreshing against one mock auth backend. *One node*: every request to the same ")
                        .append("node (node 1 and node 2 in turn); *two nodes*: every other request to the other node, so that ")
                        .append("each session is refreshed by one node while the other node's requests wait for it. ")
                        .append(rounds).append(" rounds of each, alternating (one node first, then two nodes first) on the ")
                        .append("same two processes; median (min–max, n).\n\n");
                md.append("| figure | one node | two nodes |\n|---|---|---|\n");
                stormRow(md, "backend refresh calls", one, two, StormBenchmark.Result::backendCalls);
                stormRow(md, "most calls for one session", one, two, StormBenchmark.Result::maxCallsPerSession);
                stormRow(md, "failed requests (not 200)", one, two, StormBenchmark.Result::failed);
                stormRow(md, "responses clearing the cookies", one, two, StormBenchmark.Result::cookiesCleared);
                stormRow(md, "reuse detections", one, two, StormBenchmark.Result::reuseDetections);
                stormRow(md, "revoked families", one, two, StormBenchmark.Result::revokedFamilies);
                stormRow(md, "storm wall time, ms", one, two, r -> (long) r.wallMillis());
                stormRow(md, "request latency p50, ms", one, two, r -> (long) r.p50Millis());
                stormRow(md, "request latency p99, ms", one, two, r -> (long) r.p99Millis());
                md.append("| load before | ").append(Stats.spread(loads(one), "%.2f")).append(" | ")
                        .append(Stats.spread(loads(two), "%.2f")).append(" |\n");
                md.append("\nTwo-node p99 ÷ one-node p99, per round: ").append(Stats.spread(p99Ratios, "%.2f")).append(".\n");
                md.append("Failed requests by status over all rounds (0: no answer within the client's 30 s; `/cleared`: ")
                        .append("the answer cleared the cookies): one node ").append(failures(one)).append(", two nodes ")
                        .append(failures(two)).append(".\n");
                report.section("4", md.toString());
                boolean exact = two.stream().allMatch(r -> r.backendCalls() == sessions && r.failed() == 0
                        && r.revokedFamilies() == 0 && r.reuseDetections() == 0);
                report.row("4. two-node storm (Payara Micro, one data grid)", "exactly 100 refresh calls, 0 failed, 0 reuse",
                        median(two, StormBenchmark.Result::backendCalls) + " calls, " + median(two, StormBenchmark.Result::failed)
                                + " failed, " + median(two, StormBenchmark.Result::reuseDetections) + " reuse (" + rounds
                                + " rounds)", exact);
                double ratio = Stats.median(p99Ratios);
                report.row("4. two-node p99 ÷ one-node p99 (same grid, alternating)", "≤ 2",
                        Stats.fmt("%.2f", ratio) + " (" + median(two, r -> (long) r.p99Millis()) + " ms vs "
                                + median(one, r -> (long) r.p99Millis()) + " ms)", ratio <= 2);
            }
        }
    }

    private static void stormRow(StringBuilder md, String label, List<StormBenchmark.Result> one, List<StormBenchmark.Result> two,
            java.util.function.ToLongFunction<StormBenchmark.Result> f) {
        md.append("| ").append(label).append(" | ").append(Stats.spread(one.stream().mapToDouble(f::applyAsLong).toArray(), "%.0f"))
                .append(" | ").append(Stats.spread(two.stream().mapToDouble(f::applyAsLong).toArray(), "%.0f")).append(" |\n");
    }

    private static String median(List<StormBenchmark.Result> results, java.util.function.ToLongFunction<StormBenchmark.Result> f) {
        return Stats.fmt("%.0f", Stats.median(results.stream().mapToDouble(f::applyAsLong).toArray()));
    }

    /** The failed requests by status (0: no answer within the client's timeout), e.g. {@code {503=12, 401/cleared=3}}. */
    static java.util.Map<String, Long> failures(StormBenchmark.Result result) {
        return result.exchanges().stream().filter(e -> e.status() != 200).collect(java.util.stream.Collectors.groupingBy(
                e -> e.status() + (e.cookies() == BrowserSession.CookieChange.CLEARED ? "/cleared" : ""),
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private static java.util.Map<String, Long> failures(List<StormBenchmark.Result> results) {
        java.util.Map<String, Long> all = new java.util.TreeMap<>();
        results.forEach(r -> failures(r).forEach((status, count) -> all.merge(status, count, Long::sum)));
        return all;
    }

    private static double[] loads(List<StormBenchmark.Result> results) {
        return results.stream().mapToDouble(StormBenchmark.Result::loadBefore).toArray();
    }

    /** One storm over the given nodes (request i to node i mod n); the backend's counters are reset first. */
    private static StormBenchmark.Result storm(LoadClient client, MockAuthBackend backend, MutableClock clock, URI[] nodes,
            int sessions, int perSession, long seed) throws Exception {
        List<BrowserSession> browsers = new ArrayList<>();
        clock.advance(Duration.ofSeconds(-90)); // issued 90 s ago with a 60 s lifetime: expired
        for (int i = 0; i < sessions; i++) {
            browsers.add(new BrowserSession(i, backend.login("demo", "demo")));
        }
        clock.reset();
        // returning users: refreshed through the nodes once (vouched for), then their access tokens expire
        StormBenchmark.refreshOnce(client, browsers, nodes);
        for (BrowserSession browser : browsers) {
            browser.expireAccessToken(backend);
        }
        backend.reset();
        List<BrowserSession> order = StormBenchmark.requestOrder(browsers, perSession, seed);
        double loadBefore = Stats.load();
        long epoch = System.nanoTime();
        client.markEpoch(epoch);
        List<CompletableFuture<Exchange>> pending = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            pending.add(client.send(order.get(i), "storm", nodes[i % nodes.length]));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(180, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - epoch) / 1e6;
        List<Exchange> exchanges = pending.stream().map(CompletableFuture::join).toList();
        double[] latencies = exchanges.stream().mapToDouble(Exchange::latencyMillis).toArray();
        long maxPerSession = backend.refreshCallsPerFamily().values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new StormBenchmark.Result(AppServer.Mode.LIBRARY, sessions, order.size(), backend.totalRefreshCalls(),
                maxPerSession, exchanges.stream().filter(e -> e.status() != 200).count(),
                exchanges.stream().filter(e -> e.cookies() == BrowserSession.CookieChange.CLEARED).count(),
                backend.revokedFamilies(), backend.reuseDetections(), wall, Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99), loadBefore, Stats.load(), exchanges, List.of());
    }
}
