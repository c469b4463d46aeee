package org.tokenrefresh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Medians, spreads and the machine's load, for a shared and noisy machine. */
final class Stats {

    private Stats() {
    }

    static double median(double... values) {
        return percentile(values, 50);
    }

    static double median(Collection<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** "median (min–max, n=N)". */
    static String spread(double[] values, String format) {
        return fmt(format, median(values)) + " (" + fmt(format, min(values)) + "–" + fmt(format, max(values))
                + ", n=" + values.length + ")";
    }

    /** One figure of each result as a double, in order. */
    static <R> double[] values(java.util.List<R> results, java.util.function.ToDoubleFunction<R> figure) {
        return results.stream().mapToDouble(figure).toArray();
    }

    /** A Markdown table row "| label | spread of a | spread of b |" comparing two sets of rounds. */
    static <R> void compareRow(StringBuilder md, String label, java.util.List<R> a, java.util.List<R> b,
            java.util.function.ToDoubleFunction<R> figure, String format) {
        md.append("| ").append(label).append(" | ").append(spread(values(a, figure), format)).append(" | ")
                .append(spread(values(b, figure), format)).append(" |\n");
    }

    static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    /** The 1-minute load average, from /proc/loadavg ("uptime"). */
    static double load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Double.parseDouble(fields[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The 1-, 5- and 15-minute load averages as uptime prints them. */
    static String loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
