package org.tokenrefresh.ee.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One Payara Micro as a plain child process, its console in a file. Loopback only: the HTTP listener
 * through the pre-boot command file, Hazelcast through {@code --interfaces 127.0.0.1} and
 * {@code hazelcast.socket.bind.any=false}. Its runtime directory is under {@code target/}, so a killed
 * process leaves nothing in {@code /tmp}.
 */
public final class MicroProcess implements AutoCloseable {

    public static final Pattern READY = Pattern.compile("Payara Micro .* ready in");
    static final Path MICRO_JAR = Path.of(System.getProperty("payara.micro.jar", "target/payara-micro.jar"));
    static final Path PREBOOT = Path.of(System.getProperty("it.preboot", "target/test-classes/payara-preboot.txt"));

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private MicroProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmOptions> -jar payara-micro.jar <loopback options> <microOptions>}.
     */
    public static MicroProcess start(String name, Path workDir, List<String> jvmOptions, List<String> microOptions)
            throws IOException {
        Path root = workDir.resolve(name + "-root");
        deleteRecursively(root); // a root directory remembers earlier deployments
        Files.createDirectories(root);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dhazelcast.socket.bind.any=false"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", MICRO_JAR.toAbsolutePath().toString(),
                "--interfaces", "127.0.0.1",
                "--prebootcommandfile", PREBOOT.toAbsolutePath().toString(),
                "--disablephonehome",
                "--rootdir", root.toAbsolutePath().toString(),
                "--name", name));
        command.addAll(microOptions);
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new MicroProcess(name, process, log);
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the pattern in the console; returns milliseconds since launch. */
    public long await(Pattern pattern, long timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < end) {
            if (pattern.matcher(log()).find()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + tail());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + ": no '" + pattern + "' within " + timeoutSeconds + " s\n" + tail());
    }

    public String tail() {
        String text = log();
        return text.substring(Math.max(0, text.length() - 6000));
    }

    /** SIGKILL: a crash, no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: Payara Micro's shutdown hook stops the server; SIGKILL if it hangs. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
