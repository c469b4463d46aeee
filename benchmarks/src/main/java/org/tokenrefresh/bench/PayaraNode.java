package org.tokenrefresh.bench;

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
 * One Payara Micro running the sample WAR as a child process, loopback only, the way the sample-war and
 * ee-integration tests launch it: HTTP bound to 127.0.0.1 by a pre-boot command file, the data grid on
 * 127.0.0.1 ({@code --interfaces}, {@code hazelcast.socket.bind.any=false}, a TCP/IP member list of
 * loopback addresses, a cluster name of its own), no phone-home. Unlike the tests, the JIT is left at its
 * default (no {@code TieredStopAtLevel=1}): this is a throughput measurement.
 */
final class PayaraNode implements AutoCloseable {

    static final Pattern READY = Pattern.compile("Payara Micro .* ready in");

    final String name;
    final int httpPort;
    private final Process process;
    private final Path log;

    private PayaraNode(String name, int httpPort, Process process, Path log) {
        this.name = name;
        this.httpPort = httpPort;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node.
     *
     * @param gridPort this node's data-grid port
     * @param members all members' grid ports (the node's own included)
     */
    static PayaraNode start(String name, Path microJar, Path war, Path workDir, int httpPort, int gridPort, int[] members,
            String cluster, List<String> systemProperties) throws IOException {
        Path root = workDir.resolve(name + "-root");
        RunAll.deleteTree(root);
        Files.createDirectories(root);
        Path preboot = workDir.resolve("preboot.asadmin");
        Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners.network-listener."
                + "http-listener.address=127.0.0.1\n", StandardCharsets.UTF_8);
        StringBuilder memberList = new StringBuilder("tcpip:");
        for (int i = 0; i < members.length; i++) {
            memberList.append(i > 0 ? "," : "").append("127.0.0.1:").append(members[i]);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-Dhazelcast.socket.bind.any=false",
                // deep stacks, so that a CPU profile taken during a run can see the filter under Payara's frames
                "-XX:FlightRecorderOptions=stackdepth=2048"));
        command.addAll(systemProperties);
        // e.g. -Dbench.payara.jvm-args="-XX:StartFlightRecording=filename=/tmp/{name}.jfr" to profile the nodes
        String extra = System.getProperty("bench.payara.jvm-args", "").trim();
        if (!extra.isEmpty()) {
            for (String arg : extra.split("\\s+")) {
                command.add(arg.replace("{name}", name));
            }
        }
        command.addAll(List.of("-jar", microJar.toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", String.valueOf(httpPort),
                "--prebootcommandfile", preboot.toString(),
                "--interfaces", "127.0.0.1",
                "--clustermode", memberList.toString(),
                "--startport", String.valueOf(gridPort),
                "--clustername", cluster,
                "--rootdir", root.toString(),
                "--name", name,
                "--disablephonehome"));
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PayaraNode(name, httpPort, process, log);
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a console line; polls the log file (a benchmark's pacing, bounded by the timeout). */
    void await(Pattern pattern, long timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < end) {
            if (pattern.matcher(log()).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + tail());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + ": no '" + pattern + "' within " + timeoutSeconds + " s\n" + tail());
    }

    String tail() {
        String text = log();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
