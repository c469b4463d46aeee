package org.tokenrefresh.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.tokenrefresh.testsupport.FileTrees;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Item 1: runs {@link HotPathBenchmark} with JMH and the GC profiler, one benchmark at a time, and reports
 * against the targets of issue 13 section 4; a missed target is reported with a stack profile of our side.
 */
final class HotPathRun {

    static final String[] SHAPES = {"SMALL", "LARGE", "LARGE_LATE"};
    static final String[] METHODS = {"headerOurs", "headerJavaJwt", "headerNimbus", "tokenOurs", "tokenJavaJwt", "tokenNimbus"};
    /** How many times faster than java-jwt the header path must be, per shape (issue 13 section 4). */
    static final Map<String, Double> TARGET_RATIO = Map.of("SMALL", 10.0, "LARGE", 10.0, "LARGE_LATE", 4.0);
    static final String TARGET_RATIO_TEXT = "≥ 10× (SMALL, LARGE), ≥ 4× (LARGE_LATE)";
    /** Most bytes allocated per request on the header path. */
    static final double TARGET_BYTES = 100;
    /**
     * Each fork's heap: fixed and touched at start, so that no measured operation pays the page faults of a first
     * touch (they would fall on whoever allocates most).
     */
    static final String[] FORK_JVM_ARGS = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"};

    /** Iteration scores (ns/op) and allocation (B/op) of one benchmark and shape. */
    record Measured(String method, String shape, double[] nanos, double[] bytes, double loadBefore, double loadAfter) {
        double median() {
            return Stats.median(nanos);
        }
    }

    private HotPathRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        // Interleaved rounds, one fork each (ours, java-jwt, Nimbus, ours, ...), so that the load of the
        // shared machine hits every competitor alike; ratios are also taken per round.
        int rounds = full ? 3 : 1;
        int warmups = full ? 3 : 1;
        int iterations = full ? 4 : 2;
        Map<String, Measured> measured = new LinkedHashMap<>();
        Map<String, List<Double>> roundMedians = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String shape : SHAPES) {
                for (String method : METHODS) {
                    Options options = new OptionsBuilder()
                            .include(HotPathBenchmark.class.getName() + "." + method + "$")
                            .param("shape", shape)
                            .forks(1).warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                            .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                            .addProfiler(GCProfiler.class).jvmArgs(FORK_JVM_ARGS)
                            .shouldFailOnError(true).build();
                    double before = Stats.load();
                    List<Double> nanos = new ArrayList<>();
                    List<Double> bytes = new ArrayList<>();
                    for (RunResult run : new Runner(options).run()) {
                        for (BenchmarkResult fork : run.getBenchmarkResults()) {
                            for (IterationResult iteration : fork.getIterationResults()) {
                                nanos.add(iteration.getPrimaryResult().getScore());
                                for (Map.Entry<String, Result> secondary : iteration.getSecondaryResults().entrySet()) {
                                    if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                                        bytes.add(secondary.getValue().getScore());
                                    }
                                }
                            }
                        }
                    }
                    String key = method + "/" + shape;
                    roundMedians.computeIfAbsent(key, k -> new ArrayList<>()).add(Stats.median(nanos));
                    Measured previous = measured.get(key);
                    List<Double> allNanos = new ArrayList<>(nanos);
                    List<Double> allBytes = new ArrayList<>(bytes);
                    double firstLoad = before;
                    if (previous != null) {
                        for (double v : previous.nanos()) {
                            allNanos.add(v);
                        }
                        for (double v : previous.bytes()) {
                            allBytes.add(v);
                        }
                        firstLoad = previous.loadBefore();
                    }
                    measured.put(key, new Measured(method, shape, RunAll.doubles(allNanos), RunAll.doubles(allBytes),
                            firstLoad, Stats.load()));
                }
            }
        }
        write(report, measured, roundMedians, rounds, warmups, iterations, full);
        cpuTime(report, full);
    }

    /** The CPU-time cross-check ({@link CpuTimeComparison}). */
    private static void cpuTime(Report report, boolean full) throws Exception {
        StringBuilder md = new StringBuilder("\n### Cross-check in CPU time\n\n");
        md.append("The same six operations in one JVM per shape (`-Xms").append(CpuTimeComparison.HEAP).append(" -Xmx")
                .append(CpuTimeComparison.HEAP).append(" -XX:+AlwaysPreTouch`, so that first touches of a growing heap do ")
                .append("not count), timed by the measuring thread's CPU time (time spent descheduled ")
                .append("while other builds run does not count), in interleaved batches of 20,000 operations (the order ")
                .append("rotates every round), after a warm-up of 200,000 each; ratios per round, then the median ")
                .append("(min–max, n). No GC profiling here.\n\n");
        md.append("| shape | operation | CPU ns/op | java-jwt ÷ ours | Nimbus ÷ ours |\n|---|---|---|---|---|\n");
        Map<String, double[]> headerRatios = new LinkedHashMap<>();
        for (String shape : SHAPES) {
            double load = Stats.load();
            CpuTimeComparison.Result r = CpuTimeComparison.runIsolated(shape, full ? 30 : 10, 20_000);
            for (String path : new String[] {"header", "token"}) {
                md.append("| ").append(shape).append(" | `").append(path).append("Ours` | ")
                        .append(Stats.spread(r.nanosPerOp().get(path + "Ours"), "%.0f")).append(" | ")
                        .append(Stats.spread(r.ratio(path + "JavaJwt", path + "Ours"), "%.2f")).append(" | ")
                        .append(Stats.spread(r.ratio(path + "Nimbus", path + "Ours"), "%.2f")).append(" |\n");
                if (path.equals("header")) {
                    headerRatios.put(shape, r.ratio("headerJavaJwt", "headerOurs"));
                }
            }
            md.append("| ").append(shape).append(" | competitors, CPU ns/op | java-jwt header ")
                    .append(Stats.fmt("%.0f", Stats.median(r.nanosPerOp().get("headerJavaJwt")))).append(", token ")
                    .append(Stats.fmt("%.0f", Stats.median(r.nanosPerOp().get("tokenJavaJwt")))).append(" | Nimbus header ")
                    .append(Stats.fmt("%.0f", Stats.median(r.nanosPerOp().get("headerNimbus")))).append(", token ")
                    .append(Stats.fmt("%.0f", Stats.median(r.nanosPerOp().get("tokenNimbus")))).append(" | load ")
                    .append(load).append(" |\n");
            cpuHeaderOurs.put(shape, Stats.median(r.nanosPerOp().get("headerOurs")));
        }
        report.section("1b", md.toString());
        Map<String, Double> medians = new LinkedHashMap<>();
        headerRatios.forEach((shape, perRound) -> medians.put(shape, Stats.median(perRound)));
        report.row("1. hot path vs java-jwt, CPU-time cross-check", TARGET_RATIO_TEXT, ratios(medians, headerRatios),
                metRatios(medians));
        report.row("1. hot path per request, CPU time", "< 1 µs/op", Stats.fmt("%.0f", cpuHeaderOurs.get("SMALL")) + " ns (SMALL), "
                + Stats.fmt("%.0f", cpuHeaderOurs.get("LARGE")) + " ns (LARGE), " + Stats.fmt("%.0f", cpuHeaderOurs.get("LARGE_LATE"))
                + " ns (LARGE_LATE)", cpuHeaderOurs.values().stream().allMatch(v -> v < 1000));
    }

    private static final Map<String, Double> cpuHeaderOurs = new LinkedHashMap<>();

    private static void write(Report report, Map<String, Measured> m, Map<String, List<Double>> roundMedians, int rounds,
            int warmups, int iterations, boolean full) throws Exception {
        StringBuilder md = new StringBuilder("## 1. Hot path (JMH)\n\n");
        md.append("Deciding \"no refresh needed\" for a request whose access token is valid for another hour. ")
                .append("`header*`: from the whole `Cookie` header (`_ga`, `theme`, `lang`, `JSESSIONID`, `authToken`, ")
                .append("`refreshToken`, `_gid`) to the decision, through the code the filter runs per request ")
                .append("(`RequestTokens.scan`, then `ExpiryPolicy.isDue`); all three scan the header the same way and decide ")
                .append("with the same `ExpiryPolicy`, so only the JWT reading differs. Ours reads `exp` in place from the ")
                .append("header (`CookieTokens`: the base64url quanta around `exp`, no string made; `iat` only near the expiry); ")
                .append("java-jwt and Nimbus get the access token as a string (made and checked by `CookieTokens.accessToken()`). ")
                .append("`token*`: the JWT reading and the decision alone, from the token string. ")
                .append("Ours: `JwtTimes.read` (`exp` and `iat`, in place); java-jwt 4.6.2: `JWT.decode(token)` + `getExpiresAt()`/`getIssuedAt()`; ")
                .append("Nimbus 10.10: `JWTParser.parse(token).getJWTClaimsSet()` + `getExpirationTime()`/`getIssueTime()`. ")
                .append("Token shapes: SMALL is what the mock backend issues (").append(Jwts.token(Jwts.Shape.SMALL, 1, 2, 1).length())
                .append(" characters, `exp` 4th of 6 claims), LARGE a Keycloak-shaped token (").append(Jwts.token(Jwts.Shape.LARGE, 1, 2, 1).length())
                .append(" characters, `exp` and `iat` first as Keycloak writes them), LARGE_LATE the same claims with `exp` and ")
                .append("`iat` last. Our reader looks for `exp` from the front, then from both ends, and proves it top-level ")
                .append("from the nearer end; java-jwt and Nimbus always parse the whole payload.\n\n");
        md.append("JMH 1.37, average time, `-prof gc`, ").append(rounds).append(" interleaved rounds; in each round every ")
                .append("benchmark runs in its own fork (`").append(String.join(" ", FORK_JVM_ARGS)).append("`; ").append(warmups)
                .append(" × 1 s warm-up, ").append(iterations)
                .append(" × 1 s measurement), competitors one after the other. Figures: median of all measurement ")
                .append("iterations (min–max, n).\n\n");
        md.append("| benchmark | shape | ns/op | B/op (gc.alloc.rate.norm) | load before → after |\n|---|---|---|---|---|\n");
        for (Measured x : m.values()) {
            md.append("| `").append(x.method()).append("` | ").append(x.shape()).append(" | ")
                    .append(Stats.spread(x.nanos(), "%.1f")).append(" | ").append(Stats.fmt("%.0f", Stats.median(x.bytes())))
                    .append(" | ").append(x.loadBefore()).append(" → ").append(x.loadAfter()).append(" |\n");
        }
        md.append("\nRatios (competitor ÷ ours): the ratio of the medians, then in brackets the median (min–max) of the ")
                .append("per-round ratios, where ours and the competitor ran back to back:\n\n");
        md.append("| path | shape | java-jwt ÷ ours | Nimbus ÷ ours |\n|---|---|---|---|\n");
        Map<String, Double> headerRatios = new LinkedHashMap<>();
        Map<String, double[]> headerRoundRatios = new LinkedHashMap<>();
        for (String path : new String[] {"header", "token"}) {
            for (String shape : SHAPES) {
                Measured ours = m.get(path + "Ours/" + shape);
                Measured jjwt = m.get(path + "JavaJwt/" + shape);
                Measured nimbus = m.get(path + "Nimbus/" + shape);
                md.append("| ").append(path).append(" | ").append(shape).append(" | ")
                        .append(ratio(jjwt, ours, roundMedians)).append(" | ").append(ratio(nimbus, ours, roundMedians)).append(" |\n");
                if (path.equals("header")) {
                    headerRatios.put(shape, jjwt.median() / ours.median());
                    headerRoundRatios.put(shape, perRound(jjwt, ours, roundMedians));
                }
            }
        }
        Map<String, Double> bytes = new LinkedHashMap<>();
        Map<String, Double> nanos = new LinkedHashMap<>();
        for (String shape : SHAPES) {
            bytes.put(shape, Stats.median(m.get("headerOurs/" + shape).bytes()));
            nanos.put(shape, m.get("headerOurs/" + shape).median());
        }
        md.append("\nAllocation per request on our header path: ").append(perShape(bytes, "%.0f B"))
                .append(": the `CookieTokens` (ranges of the header and the times read); no token string, no `TokenPair`, ")
                .append("no byte array: the payload is decoded in place, only around `exp`.\n");
        List<String> missed = new ArrayList<>();
        for (String shape : SHAPES) {
            if (headerRatios.get(shape) < TARGET_RATIO.get(shape) || bytes.get(shape) > TARGET_BYTES) {
                missed.add(shape);
            }
        }
        for (String shape : missed) {
            md.append("\nMissed for ").append(shape).append(": where `headerOurs` spends its time (JDK Flight Recorder, ")
                    .append("one JMH fork, share of the execution samples by innermost frame and line):\n\n```\n")
                    .append(profile(shape, full)).append("```\n");
        }
        report.section("1", md.toString());
        report.row("1. hot path vs java-jwt (cookie header → decision), JMH", TARGET_RATIO_TEXT,
                ratios(headerRatios, headerRoundRatios), metRatios(headerRatios));
        report.row("1. hot path allocation per request, JMH", "≤ " + Stats.fmt("%.0f", TARGET_BYTES) + " B/op",
                perShape(bytes, "%.0f B"), bytes.values().stream().allMatch(b -> b <= TARGET_BYTES));
        report.row("1. hot path per request, JMH", "< 1 µs/op", perShape(nanos, "%.0f ns"),
                nanos.values().stream().allMatch(n -> n < 1000));
    }

    /** The header ratios as a summary cell: each shape's ratio, then the spread of the per-round ratios. */
    private static String ratios(Map<String, Double> ratios, Map<String, double[]> perRound) {
        StringBuilder text = new StringBuilder();
        ratios.forEach((shape, ratio) -> {
            double[] rounds = perRound.get(shape);
            text.append(text.length() == 0 ? "" : ", ").append(Stats.fmt("%.1f×", ratio)).append(" (").append(shape)
                    .append("; per round ").append(Stats.fmt("%.1f", Stats.min(rounds))).append("–")
                    .append(Stats.fmt("%.1f", Stats.max(rounds))).append(", n=").append(rounds.length).append(")");
        });
        return text.toString();
    }

    private static boolean metRatios(Map<String, Double> ratios) {
        return ratios.entrySet().stream().allMatch(e -> e.getValue() >= TARGET_RATIO.get(e.getKey()));
    }

    private static String perShape(Map<String, Double> values, String format) {
        StringBuilder text = new StringBuilder();
        values.forEach((shape, value) -> text.append(text.length() == 0 ? "" : ", ").append(Stats.fmt(format, value))
                .append(" (").append(shape).append(")"));
        return text.toString();
    }

    /**
     * Where {@code headerOurs} spends its time for a shape, for a missed target: a JDK Flight Recorder profile of
     * one JMH fork (JMH's JFR profiler, with {@code -XX:+DebugNonSafepoints} so that samples land on the line that
     * runs), as the share of execution samples per innermost frame.
     */
    private static String profile(String shape, boolean full) throws Exception {
        Path dir = Files.createTempDirectory("token-refresh-hot-path-jfr-");
        try {
            Options options = new OptionsBuilder()
                    .include(HotPathBenchmark.class.getName() + ".headerOurs$")
                    .param("shape", shape)
                    .forks(1).warmupIterations(full ? 3 : 1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(full ? 4 : 2).measurementTime(TimeValue.seconds(1))
                    .addProfiler(JavaFlightRecorderProfiler.class, "dir=" + dir + ";configName=profile;debugNonSafePoints=true")
                    .jvmArgs(FORK_JVM_ARGS).shouldFailOnError(true).build();
            new Runner(options).run();
            try (Stream<Path> files = Files.walk(dir)) {
                Path recording = files.filter(file -> file.toString().endsWith(".jfr")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("JMH wrote no JFR recording in " + dir));
                return CpuProfile.topFrames(recording, 15);
            }
        } finally {
            FileTrees.delete(dir);
        }
    }

    private static String ratio(Measured competitor, Measured ours, Map<String, List<Double>> roundMedians) {
        return Stats.fmt("%.1f×", competitor.median() / ours.median()) + " [" + Stats.spread(perRound(competitor, ours, roundMedians), "%.2f")
                + "]";
    }

    /** Competitor ÷ ours in each round, where the two ran back to back. */
    private static double[] perRound(Measured competitor, Measured ours, Map<String, List<Double>> roundMedians) {
        List<Double> a = roundMedians.get(competitor.method() + "/" + competitor.shape());
        List<Double> b = roundMedians.get(ours.method() + "/" + ours.shape());
        double[] perRound = new double[a.size()];
        for (int i = 0; i < perRound.length; i++) {
            perRound[i] = a.get(i) / b.get(i);
        }
        return perRound;
    }
}
