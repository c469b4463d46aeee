package org.tokenrefresh.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The library's share of a server's CPU, from a JDK Flight Recorder profile taken with {@code jcmd} while
 * the load runs: of all execution samples, those whose innermost non-JDK frame is library code (the library
 * calling the JDK, such as SHA-256, counts as library). Robust to a noisy machine, unlike a throughput ratio.
 */
final class CpuProfile {

    /** Samples in all, samples in library code, and the top library frames. */
    record Share(long samples, long library, String top, long contended, long contendedJsonProvider, double contendedSeconds) {
        double percent() {
            return samples == 0 ? Double.NaN : 100.0 * library / samples;
        }
    }

    private CpuProfile() {
    }

    static void start(long pid) {
        Report.run(jcmd(), String.valueOf(pid), "JFR.start", "name=bench", "settings=profile");
    }

    static Share stop(long pid, Path file) throws IOException {
        Report.run(jcmd(), String.valueOf(pid), "JFR.stop", "name=bench", "filename=" + file);
        long samples = 0;
        long library = 0;
        java.util.Map<String, Long> frames = new java.util.HashMap<>();
        long contended = 0;
        long contendedJson = 0;
        double contendedSeconds = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.JavaMonitorEnter") && event.getStackTrace() != null) {
                contended++;
                contendedSeconds += event.getDuration().toNanos() / 1e9;
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    if (frame.getMethod().getType().getName().equals("jakarta.json.spi.JsonProvider")) {
                        contendedJson++;
                        break;
                    }
                }
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> stack = event.getStackTrace().getFrames();
            for (RecordedFrame frame : stack) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.crypto")) {
                    continue;
                }
                if (type.startsWith("org.tokenrefresh.")) {
                    library++;
                    frames.merge(type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName(), 1L, Long::sum);
                }
                break;
            }
        }
        StringBuilder top = new StringBuilder();
        frames.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
                .forEach(e -> top.append(top.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append("` ").append(e.getValue()));
        return new Share(samples, library, top.toString(), contended, contendedJson, contendedSeconds);
    }

    /** The {@code n} innermost frames (method and line) with most execution samples in a recording, with their share. */
    static String topFrames(Path recording, int n) throws IOException {
        java.util.Map<String, Long> frames = new java.util.HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame top = event.getStackTrace().getFrames().get(0);
            String type = top.getMethod().getType().getName();
            frames.merge(type.substring(type.lastIndexOf('.') + 1) + "." + top.getMethod().getName() + ":" + top.getLineNumber(), 1L,
                    Long::sum);
        }
        long all = samples;
        StringBuilder text = new StringBuilder();
        frames.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(n)
                .forEach(e -> text.append(String.format(java.util.Locale.ROOT, "%5.1f %%  %s%n", 100.0 * e.getValue() / all, e.getKey())));
        return text.append(all).append(" samples\n").toString();
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }
}
