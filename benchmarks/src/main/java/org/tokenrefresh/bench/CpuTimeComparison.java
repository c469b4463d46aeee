package org.tokenrefresh.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A second look at item 1 that a shared machine cannot distort as much: the same six operations of
 * {@link HotPathBenchmark}, measured in <em>CPU time of the measuring thread</em> (time spent descheduled
 * while other builds run does not count), in interleaved batches (A B C A B C ...) so that every round
 * compares the competitors under the same conditions. Ratios are taken per round, then the median.
 *
 * <p>{@link #runIsolated} measures in a JVM of its own with a fixed, pre-touched heap ({@value #HEAP}, as JMH's
 * forks, plus {@code -XX:+AlwaysPreTouch}): otherwise the first touch of each new page of a growing heap costs
 * page faults that count as the thread's CPU time, and they fall on whoever allocates most.
 */
final class CpuTimeComparison {

    /** Per-operation CPU nanoseconds of each method in each round, and the per-round ratios. */
    record Result(String shape, Map<String, double[]> nanosPerOp, int rounds, int batch) {
        double[] ratio(String competitor, String ours) {
            double[] a = nanosPerOp.get(competitor);
            double[] b = nanosPerOp.get(ours);
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i] / b[i];
            }
            return r;
        }
    }

    static final String HEAP = "512m";

    private CpuTimeComparison() {
    }

    /** {@link #run} in a child JVM with a fixed, pre-touched heap. */
    static Result runIsolated(String shape, int rounds, int batch) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms" + HEAP, "-Xmx" + HEAP,
                "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"), CpuTimeComparison.class.getName(), CHILD, shape,
                Integer.toString(rounds), Integer.toString(batch));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, double[]> nanos = new LinkedHashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                String[] words = line.trim().split(" ");
                if (words.length > 1 && words[0].startsWith(RESULT)) {
                    nanos.put(words[0].substring(RESULT.length()),
                            Arrays.stream(words, 1, words.length).mapToDouble(Double::parseDouble).toArray());
                }
            }
        }
        if (process.waitFor() != 0 || nanos.size() != 6) {
            throw new IllegalStateException("CPU-time comparison for " + shape + " failed:\n" + output);
        }
        return new Result(shape, nanos, rounds, batch);
    }

    /** A Nimbus operation, which declares the {@link java.text.ParseException} a valid token never throws. */
    private interface NimbusOperation {
        boolean run() throws java.text.ParseException;
    }

    private static BooleanSupplier nimbus(NimbusOperation operation) {
        return () -> {
            try {
                return operation.run();
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static final String CHILD = "--child";
    private static final String RESULT = "result:";

    static Result run(String shape, int rounds, int batch) throws Exception {
        HotPathBenchmark b = new HotPathBenchmark();
        b.shape = shape;
        b.setUp();
        Map<String, BooleanSupplier> ops = new LinkedHashMap<>();
        ops.put("headerOurs", b::headerOurs);
        ops.put("headerJavaJwt", b::headerJavaJwt);
        ops.put("headerNimbus", nimbus(b::headerNimbus));
        ops.put("tokenOurs", b::tokenOurs);
        ops.put("tokenJavaJwt", b::tokenJavaJwt);
        ops.put("tokenNimbus", nimbus(b::tokenNimbus));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // warm-up: let the JIT compile every path
        for (BooleanSupplier op : ops.values()) {
            sink(op, batch * 10);
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        ops.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        List<String> names = new ArrayList<>(ops.keySet());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size()); // rotate who goes first
                long start = threads.getCurrentThreadCpuTime();
                sink(ops.get(name), batch);
                samples.get(name).add((double) (threads.getCurrentThreadCpuTime() - start) / batch);
            }
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        samples.forEach((k, v) -> result.put(k, RunAll.doubles(v)));
        return new Result(shape, result, rounds, batch);
    }

    private static volatile boolean blackhole;

    private static void sink(BooleanSupplier op, int times) {
        boolean any = false;
        for (int i = 0; i < times; i++) {
            any ^= op.getAsBoolean();
        }
        blackhole = any;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals(CHILD)) {
            Result r = run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            r.nanosPerOp().forEach((k, v) -> System.out.println(RESULT + k + " "
                    + Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(" "))));
            return;
        }
        for (String shape : HotPathRun.SHAPES) {
            Result r = run(shape, 20, 20_000);
            r.nanosPerOp().forEach((k, v) -> System.out.println(shape + " " + k + " " + Stats.spread(v, "%.0f")));
            System.out.println(shape + " header jjwt/ours " + Stats.spread(r.ratio("headerJavaJwt", "headerOurs"), "%.2f"));
            System.out.println(shape + " token jjwt/ours " + Stats.spread(r.ratio("tokenJavaJwt", "tokenOurs"), "%.2f"));
        }
    }
}
