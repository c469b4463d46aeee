package org.tokenrefresh.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Item 1: runs {@link HotPathBenchmark} with JMH and the GC profiler, one benchmark at a time, and reports. */
final class HotPathRun {

    static final String[] METHODS = {"headerOurs", "headerJavaJwt", "headerNimbus", "tokenOurs", "tokenJavaJwt", "tokenNimbus"};

    /** Iteration scores (ns/op) and allocation (B/op) of one benchmark and shape. */
    record Measured(String method, String shape, double[] nanos, double[] bytes, double loadBefore, double loadAfter) {
        double median() {
            return Stats.median(nanos);
        }
    }

    private HotPathRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        int forks = full ? 3 : 1;
        int warmups = full ? 3 : 1;
        int iterations = full ? 5 : 2;
        Map<String, Measured> measured = new LinkedHashMap<>();
        for (String shape : new String[] {"SMALL", "LARGE"}) {
            for (String method : METHODS) {
                Options options = new OptionsBuilder()
                        .include(HotPathBenchmark.class.getName() + "." + method + "$")
                        .param("shape", shape)
                        .forks(forks).warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                        .addProfiler(GCProfiler.class).jvmArgs("-Xms512m", "-Xmx512m")
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
                measured.put(method + "/" + shape, new Measured(method, shape, RunAll.doubles(nanos),
                        RunAll.doubles(bytes), before, Stats.load()));
            }
        }
        write(report, measured, forks, warmups, iterations);
    }

    private static void write(Report report, Map<String, Measured> m, int forks, int warmups, int iterations) {
        StringBuilder md = new StringBuilder("## 1. Hot path (JMH)\n\n");
        md.append("Deciding \"no refresh needed\" for a request whose access token is valid for another hour. ")
                .append("`header*`: from the whole `Cookie` header (`_ga`, `theme`, `lang`, `JSESSIONID`, `authToken`, ")
                .append("`refreshToken`, `_gid`) to the decision; all three use the library's cookie scan and the same ")
                .append("`ExpiryPolicy`, so only the JWT reading differs. `token*`: the JWT reading and the decision alone. ")
                .append("Ours: `JwtTimes.read`; java-jwt 4.6.2: `JWT.decode(token)` + `getExpiresAt()`/`getIssuedAt()`; ")
                .append("Nimbus 10.10: `JWTParser.parse(token).getJWTClaimsSet()` + `getExpirationTime()`/`getIssueTime()`. ")
                .append("Token shapes: SMALL is what the mock backend issues (").append(Jwts.token(Jwts.Shape.SMALL, 1, 2, 1).length())
                .append(" characters), LARGE a Keycloak-shaped token (").append(Jwts.token(Jwts.Shape.LARGE, 1, 2, 1).length())
                .append(" characters).\n\n");
        md.append("JMH 1.37, average time, ").append(forks).append(" forks × ").append(iterations).append(" × 1 s measurement after ")
                .append(warmups).append(" × 1 s warm-up, `-prof gc`, each benchmark in its own run. Figures: median of all ")
                .append("measurement iterations (min–max, n).\n\n");
        md.append("| benchmark | shape | ns/op | B/op (gc.alloc.rate.norm) | load before → after |\n|---|---|---|---|---|\n");
        for (Measured x : m.values()) {
            md.append("| `").append(x.method()).append("` | ").append(x.shape()).append(" | ")
                    .append(Stats.spread(x.nanos(), "%.1f")).append(" | ").append(Stats.fmt("%.0f", Stats.median(x.bytes())))
                    .append(" | ").append(x.loadBefore()).append(" → ").append(x.loadAfter()).append(" |\n");
        }
        md.append("\nRatios (competitor ÷ ours, medians; in brackets the worst and best case from the min–max ranges):\n\n");
        md.append("| path | shape | java-jwt ÷ ours | Nimbus ÷ ours |\n|---|---|---|---|\n");
        double worstHeaderRatio = Double.MAX_VALUE;
        double worstOurs = 0;
        for (String path : new String[] {"header", "token"}) {
            for (String shape : new String[] {"SMALL", "LARGE"}) {
                Measured ours = m.get(path + "Ours/" + shape);
                Measured jjwt = m.get(path + "JavaJwt/" + shape);
                Measured nimbus = m.get(path + "Nimbus/" + shape);
                md.append("| ").append(path).append(" | ").append(shape).append(" | ").append(ratio(jjwt, ours)).append(" | ")
                        .append(ratio(nimbus, ours)).append(" |\n");
                if (path.equals("header")) {
                    worstHeaderRatio = Math.min(worstHeaderRatio, jjwt.median() / ours.median());
                    worstOurs = Math.max(worstOurs, ours.median());
                }
            }
        }
        Measured small = m.get("headerOurs/SMALL");
        Measured large = m.get("headerOurs/LARGE");
        md.append("\nAllocation per request on our path: ").append(Stats.fmt("%.0f", Stats.median(small.bytes())))
                .append(" B (SMALL), ").append(Stats.fmt("%.0f", Stats.median(large.bytes())))
                .append(" B (LARGE): the two cookie value strings, the `JwtTimes` and the `TokenPair`; the JWT payload is ")
                .append("decoded as a stream, without a byte array, a string or a map.\n");
        report.section("1", md.toString());
        report.row("1. hot path vs java-jwt (cookie header → decision)", "≥ 2× faster",
                Stats.fmt("%.1f", worstHeaderRatio) + "× (lower of the two token shapes)", worstHeaderRatio >= 2);
        report.row("1. hot path per request", "< 1 µs/op", Stats.fmt("%.0f", small.median()) + " ns (SMALL), "
                + Stats.fmt("%.0f", large.median()) + " ns (LARGE); " + Stats.fmt("%.0f", Stats.median(small.bytes()))
                + "/" + Stats.fmt("%.0f", Stats.median(large.bytes())) + " B/op", worstOurs < 1000);
    }

    private static String ratio(Measured competitor, Measured ours) {
        return Stats.fmt("%.1f×", competitor.median() / ours.median()) + " [" + Stats.fmt("%.1f", Stats.min(competitor.nanos()) / Stats.max(ours.nanos()))
                + "–" + Stats.fmt("%.1f", Stats.max(competitor.nanos()) / Stats.min(ours.nanos())) + "]";
    }
}
