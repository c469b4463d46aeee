package org.tokenrefresh.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Collects the sections of RESULTS.md and rewrites the file after each part, so partial runs keep their figures. */
final class Report {

    /** One row of the summary table. */
    record Row(String item, String target, String measured, String met) {
    }

    private final Path dir;
    private final String command;
    private final String mode;
    private final String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19) + "Z";
    private final long startNanos = System.nanoTime();
    private final String machine;
    private final List<Row> summary = new ArrayList<>();
    private final Map<String, String> sections = new java.util.TreeMap<>(); // by item number

    Report(Path dir, String command, String mode) {
        this.dir = dir;
        this.command = command;
        this.mode = mode;
        this.machine = machine();
    }

    Path dir() {
        return dir;
    }

    void row(String item, String target, String measured, boolean met) {
        summary.add(new Row(item, target, measured, met ? "yes" : "**no**"));
    }

    void row(String item, String target, String measured, String met) {
        summary.add(new Row(item, target, measured, met));
    }

    void section(String key, String markdown) {
        sections.put(key, markdown);
    }

    private String mergedNote = "";

    /**
     * Keeps the items of an earlier RESULTS.md that this run does not measure again (a partial run with
     * {@code -Dbench.merge=true}); the header says which items come from which run.
     */
    void mergeFrom(Path existing, java.util.Set<String> rerunItems) throws IOException {
        if (!Files.exists(existing)) {
            return;
        }
        String old = Files.readString(existing, StandardCharsets.UTF_8);
        java.util.regex.Matcher started = java.util.regex.Pattern.compile("started (\\S+Z)").matcher(old);
        String oldStart = started.find() ? started.group(1) : "an earlier run";
        boolean inSummary = false;
        List<Row> kept = new ArrayList<>();
        for (String line : old.split("\n")) {
            if (line.startsWith("## ")) {
                inSummary = line.startsWith("## Summary");
            } else if (inSummary && line.matches("\\| \\d.*")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
                String item = cells[0].replaceAll("^(\\d+).*", "$1");
                if (!rerunItems.contains(item) && cells.length == 4) {
                    kept.add(new Row(cells[0], cells[1], cells[2], cells[3]));
                }
            }
        }
        summary.addAll(0, kept);
        String[] blocks = old.split("\n(?=## )");
        for (String block : blocks) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^## (\\d+)\\.").matcher(block);
            if (m.find() && !rerunItems.contains(m.group(1))) {
                sections.put(m.group(1), block.endsWith("\n") ? block : block + "\n");
            }
        }
        List<String> rerun = new ArrayList<>(new java.util.TreeSet<>(rerunItems));
        mergedNote = "Items " + String.join(", ", rerun) + " were measured again by this run; the other items are "
                + "kept from the run started " + oldStart + " (`-Dbench.merge=true`).\n\n";
    }

    void write() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `").append(command).append("` (mode `").append(mode).append("`), started ")
                .append(started).append(", ").append(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos))
                .append(" s so far. Everything runs on this one machine over 127.0.0.1. The machine is shared with other ")
                .append("engineers' builds: each figure carries the 1-minute load average (`uptime`) seen around it; ")
                .append("quote medians and ratios, not single absolute times.\n\n");
        md.append(mergedNote);
        md.append(machine);
        md.append("## Summary\n\n| item | target | measured (median) | met |\n|---|---|---|---|\n");
        List<Row> ordered = new ArrayList<>(summary);
        ordered.sort(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.item().replaceAll("^(\\d+).*", "$1"))));
        for (Row row : ordered) {
            md.append("| ").append(row.item()).append(" | ").append(row.target()).append(" | ").append(row.measured())
                    .append(" | ").append(row.met()).append(" |\n");
        }
        md.append('\n');
        for (String section : sections.values()) {
            md.append(section).append('\n');
        }
        Files.writeString(dir.resolve("RESULTS.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static String machine() {
        StringBuilder md = new StringBuilder("## Machine\n\n");
        md.append("- `nproc`: ").append(run("nproc").trim()).append(" (JVM sees ")
                .append(Runtime.getRuntime().availableProcessors()).append(")\n");
        md.append("- `uptime` at start: ").append(run("uptime").trim()).append("\n");
        md.append("- `free -h`:\n\n```\n").append(run("free", "-h")).append("```\n");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        md.append("- `java -version`:\n\n```\n").append(run(javaBin, "-version")).append("```\n\n");
        return md.toString();
    }

    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out.endsWith("\n") ? out : out + "\n";
        } catch (IOException e) {
            return "(" + command[0] + " unavailable: " + e.getMessage() + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)\n";
        }
    }
}
