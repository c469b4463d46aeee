package org.tokenrefresh.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tokenrefresh.testsupport.FileTrees;

/**
 * Runs the benchmarks and writes RESULTS.md and the charts.
 *
 * <pre>
 * mvn -Pbench -pl benchmarks -am -DskipTests verify                     # everything, about 25 minutes
 * mvn -Pbench -pl benchmarks -am -DskipTests verify -Dbench.args="quick storm outage"   # a quick look at some
 * </pre>
 * Arguments: {@code full} or {@code quick}, then optionally the parts to run: {@code jmh storm outage flood memory
 * soak payara}, or {@code cluster} for item 4 alone (the two-node part of {@code payara}). The run first copies its class path to a temporary directory and continues in a child JVM
 * from there, so that other builds in the same work tree (which rewrite target/ and the local repository)
 * cannot pull classes from under a 25-minute run.
 */
public final class RunAll {

    static final String COMMAND = "mvn -Pbench -pl benchmarks -am -DskipTests verify";
    static final List<String> PARTS = List.of("jmh", "storm", "outage", "flood", "memory", "soak", "payara");

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        if (!Boolean.getBoolean("bench.isolated")) {
            System.exit(relaunchIsolated(args));
        }
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            for (String word : arg.trim().split("[\\s,]+")) {
                if (!word.isBlank()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
        boolean full = words.isEmpty() || !"quick".equals(words.get(0));
        if (!words.isEmpty() && (words.get(0).equals("quick") || words.get(0).equals("full"))) {
            words.remove(0);
        }
        Set<String> parts = new LinkedHashSet<>(words);
        if (parts.isEmpty()) {
            parts.addAll(PARTS);
        }
        Path out = Path.of(System.getProperty("bench.output", ".")).toAbsolutePath();
        Files.createDirectories(out);
        Report report = new Report(out, COMMAND + (args.length == 0 || String.join(" ", args).trim().equals("full") ? ""
                : " -Dbench.args=\"" + String.join(" ", args).trim() + "\""),
                full ? "full" : "quick");
        if (Boolean.getBoolean("bench.merge")) {
            Set<String> items = new LinkedHashSet<>();
            for (String part : parts) {
                items.addAll(switch (part) {
                    case "jmh" -> List.of("1");
                    case "storm" -> List.of("3");
                    case "outage" -> List.of("5");
                    case "flood" -> List.of("8");
                    case "memory" -> List.of("6");
                    case "soak" -> List.of("7");
                    case "payara" -> List.of("2", "4");
                    case "cluster" -> List.of("4");
                    default -> List.of();
                });
            }
            report.mergeFrom(out.resolve("RESULTS.md"), items);
        }
        report.write();
        for (String part : parts) {
            long started = System.nanoTime();
            System.out.println("==== benchmark part: " + part + " (load " + Stats.loadAverages() + ")");
            switch (part) {
                case "jmh" -> HotPathRun.run(report, full);
                case "storm" -> StormRun.run(report, full);
                case "outage" -> OutageRun.run(report, full);
                case "flood" -> FloodRun.run(report, full);
                case "memory" -> MemoryRun.run(report, full);
                case "soak" -> SoakRun.run(report, full);
                case "payara" -> PayaraRun.run(report, full);
                case "cluster" -> PayaraRun.runCluster(report, full);
                default -> throw new IllegalArgumentException("unknown part " + part + "; parts: " + PARTS);
            }
            report.write();
            System.out.println("==== " + part + " done in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        }
        System.out.println("Wrote " + out.resolve("RESULTS.md"));
    }

    /** Copies the class path to a fresh temporary directory and runs the same main there in a child JVM. */
    private static int relaunchIsolated(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("token-refresh-bench-");
        List<String> copied = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = dir.resolve(String.format("%03d-%s", n++, source.getFileName()));
            FileTrees.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            copied.add(target.toString());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Dbench.isolated=true");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, copied));
        command.add(RunAll.class.getName());
        command.addAll(Arrays.asList(args));
        System.out.println("Benchmarks run from a copy of the class path in " + dir);
        int code = new ProcessBuilder(command).inheritIO().start().waitFor();
        FileTrees.delete(dir);
        return code;
    }


    static double[] doubles(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }
}
