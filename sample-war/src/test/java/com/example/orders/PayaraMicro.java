package com.example.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The sample on a plain Payara Micro process, loopback only: HTTP on 127.0.0.1 (pre-boot command), the data
 * grid on 127.0.0.1 ({@code --interfaces}, {@code hazelcast.socket.bind.any=false}, a TCP/IP member list
 * naming only itself, a cluster name of its own). The console goes to a file and is watched line by line.
 */
final class PayaraMicro implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in");

    private final Process process;
    private final int httpPort;
    private final StringBuilder console = new StringBuilder();
    private final List<Watch> watches = new ArrayList<>();
    private boolean ended;

    private PayaraMicro(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        Thread pump = new Thread(() -> pump(log), "payara-micro-console");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts the WAR at the context root with the given extra system properties; waits until it is ready. */
    static PayaraMicro start(Path war, Path log, List<String> systemProperties, Duration timeout) throws IOException {
        Path micro = existing("payara.micro.jar");
        Path preboot = existing("sample.preboot");
        int http = freeLoopbackPort();
        int grid = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dhazelcast.socket.bind.any=false",
                // the application and the library reach the mock auth server in the same server
                "-Dorders.auth-server=http://127.0.0.1:" + http + "/mock-auth"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", micro.toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", String.valueOf(http),
                "--prebootcommandfile", preboot.toString(),
                "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:" + grid,
                "--startport", String.valueOf(grid),
                "--clustername", "sample-it-" + Long.toHexString(System.nanoTime()),
                "--disablephonehome"));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        PayaraMicro started = new PayaraMicro(process, http, log);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        started.await(READY, timeout);
        return started;
    }

    int httpPort() {
        return httpPort;
    }

    /** Waits for a console line matching the pattern (or one already printed); fails on timeout or exit. */
    String await(Pattern pattern, Duration timeout) {
        Watch watch = new Watch(pattern);
        synchronized (this) {
            for (String line : console.toString().split("\n")) {
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
            if (ended) {
                throw new AssertionError("Payara Micro has exited\n" + tail());
            }
            watches.add(watch);
        }
        try {
            return watch.future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no console line matching '" + pattern + "' within " + timeout + "\n" + tail());
        } catch (ExecutionException e) {
            throw new AssertionError("Payara Micro has exited\n" + tail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    synchronized String console() {
        return console.toString();
    }

    String tail() {
        String all = console();
        return all.substring(Math.max(0, all.length() - 6000));
    }

    private void pump(Path log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                synchronized (this) {
                    console.append(line).append('\n');
                    for (Watch watch : watches) {
                        if (watch.pattern.matcher(line).find()) {
                            watch.future.complete(line);
                        }
                    }
                    watches.removeIf(w -> w.future.isDone());
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            synchronized (this) {
                ended = true;
                watches.forEach(w -> w.future.completeExceptionally(new IllegalStateException("exited")));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Payara Micro's shutdown hook stops the server
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new AssertionError("system property " + property + " must name an existing file (set by failsafe), was "
                    + value);
        }
        return Path.of(value).toAbsolutePath();
    }

    private static final class Watch {
        final Pattern pattern;
        final CompletableFuture<String> future = new CompletableFuture<>();

        Watch(Pattern pattern) {
            this.pattern = pattern;
        }
    }
}
