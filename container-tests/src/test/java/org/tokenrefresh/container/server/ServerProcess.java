package org.tokenrefresh.container.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server as a child process, whatever the server: a command with its environment and working directory,
 * its console in a log file that failure messages quote, a readiness check over HTTP, and a stop that ends
 * the whole process tree (start scripts such as WildFly's {@code standalone.sh} keep the JVM as a child).
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final int TAIL_CHARS = 8000;

    private final String name;
    private final Process process;
    private final Path log;
    private final List<Path> extraLogs;
    private final long launchedNanos = System.nanoTime();

    private ServerProcess(String name, Process process, Path log, List<Path> extraLogs) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.extraLogs = extraLogs;
    }

    /**
     * Starts {@code command} in {@code directory} with {@code environment} added to this JVM's, its output in
     * {@code log}. {@code extraLogs} are the server's own log files, quoted too when it fails.
     */
    public static ServerProcess start(String name, List<String> command, Path directory, Map<String, String> environment,
            Path log, Path... extraLogs) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            return new ServerProcess(name, builder.start(), log, List.of(extraLogs));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a set-up command (for example Jetty's {@code --add-modules}) to its end; fails with its output. */
    public static void run(String name, List<String> command, Path directory, Path log, Duration timeout) {
        try (ServerProcess step = start(name, command, directory, Map.of(), log)) {
            if (!step.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not finish within " + timeout + "\n" + step.tail());
            }
            if (step.process.exitValue() != 0) {
                throw new AssertionError(name + " failed with exit code " + step.process.exitValue() + "\n" + step.tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + " interrupted", e);
        }
    }

    /**
     * Waits until {@code probe} answers 200; returns the milliseconds since launch. Fails with the tail of the
     * logs when the process exits or the timeout passes.
     */
    public long awaitHttp(URI probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with code " + process.exitValue() + " before " + probe
                        + " answered\n" + tail());
            }
            try {
                HttpResponse<String> response = PROBE.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedNanos);
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            sleep(250);
        }
        throw new AssertionError(name + ": " + probe + " did not answer 200 within " + timeout.toSeconds() + " s (last: "
                + last + ")\n" + tail());
    }

    /** The console, and the server's own logs, for failure messages. */
    public String log() {
        StringBuilder text = new StringBuilder(read(log));
        for (Path extra : extraLogs) {
            if (Files.isRegularFile(extra)) {
                text.append("\n---- ").append(extra).append(" ----\n").append(read(extra));
            }
        }
        return text.toString();
    }

    /** The console's file and the server's own log files, those that exist. */
    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        files.add(log);
        files.addAll(extraLogs);
        files.removeIf(file -> !Files.isRegularFile(file));
        return files;
    }

    /** The last lines of {@link #log()}. */
    public String tail() {
        StringBuilder text = new StringBuilder("---- tail of ").append(log).append(" ----\n");
        String console = read(log);
        text.append(console, Math.max(0, console.length() - TAIL_CHARS), console.length());
        for (Path extra : extraLogs) {
            if (Files.isRegularFile(extra)) {
                String content = read(extra);
                text.append("\n---- tail of ").append(extra).append(" ----\n")
                        .append(content, Math.max(0, content.length() - TAIL_CHARS), content.length());
            }
        }
        return text.toString();
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** SIGTERM to the process and its descendants, SIGKILL after 30 s. */
    public void stop() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notStopped) {
                handle.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
