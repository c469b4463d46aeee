package org.tokenrefresh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Payara Micro as a child process, bound to loopback only, its console in a file: for one node, or for
 * several nodes in one {@link DataGrid}.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * try (PayaraMicro micro = PayaraMicro.builder(Path.of(System.getProperty("payara.micro.jar")))
 *         .name("orders").workDir(Path.of("target/payara"))
 *         .jvmOptions("-Xmx512m", "-Dorders.auth-server=...")
 *         .deploy(war, "/")
 *         .start()) {
 *     micro.awaitReady(Duration.ofMinutes(3));
 *     HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(micro.baseUrl() + "/login")).build(), ofString());
 * }
 * }</pre>
 *
 * <h2>Loopback only</h2>
 * Every node gets {@code -Dhazelcast.socket.bind.any=false}, {@code --interfaces 127.0.0.1}, a pre-boot command
 * that binds the HTTP listener to 127.0.0.1, {@code --disablephonehome}, and a data grid on loopback: its own
 * one-member {@link DataGrid} unless {@link Builder#member} joins a shared one or {@link Builder#withoutDataGrid()}
 * switches Hazelcast off. (Payara's {@code --nocluster} would not do: Hazelcast still starts and binds a public
 * address.) The HTTP port is free on loopback unless given.
 *
 * <h2>Files</h2>
 * In the work directory: {@code <name>.log} (the console), {@code <name>-preboot.asadmin} and
 * {@code <name>-root} (Payara's runtime directory, emptied before each start, so that nothing accumulates in the
 * system's temporary directory even when a process is killed).
 *
 * <h2>Ending</h2>
 * {@link #close()} stops the process with SIGTERM (Payara's shutdown hook stops the server) and SIGKILLs it after
 * 30 s; {@link #kill()} is a crash. A JVM shutdown hook kills what a test did not close.
 */
public final class PayaraMicro implements AutoCloseable {

    /** Payara Micro's console line once every application is deployed. */
    public static final Pattern READY = Pattern.compile("Payara Micro .* ready in");

    /** The pre-boot command that binds the HTTP listener to loopback. */
    public static final String LOOPBACK_HTTP_LISTENER =
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
                    + Loopback.ADDRESS;

    private static final int TAIL_CHARACTERS = 6000;

    private final String name;
    private final int httpPort;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private PayaraMicro(Builder started, int httpPort, Process process) {
        this.name = started.name;
        this.log = started.logFile();
        this.httpPort = httpPort;
        this.process = process;
        this.killer = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** A launcher for the given {@code payara-micro.jar}; fails at once when the file is missing. */
    public static Builder builder(Path microJar) {
        if (microJar == null || !Files.isRegularFile(microJar)) {
            throw new IllegalArgumentException("Payara Micro jar not found: " + microJar
                    + " (the build copies it with maven-dependency-plugin; see the module's pom)");
        }
        return new Builder(microJar.toAbsolutePath());
    }

    /** What to start. Every option has a loopback-safe default. */
    public static final class Builder {
        private final Path microJar;
        private String name = "payara-micro";
        private Path workDir = Path.of("target", "payara");
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> deployments = new ArrayList<>();
        private final List<String> prebootCommands = new ArrayList<>();
        private final List<String> microOptions = new ArrayList<>();
        private int httpPort;
        private Path postbootCommandFile;
        private DataGrid grid;
        private int member;
        private boolean dataGrid = true;

        private Builder(Path microJar) {
            this.microJar = microJar;
        }

        /** The node's name ({@code --name}), also the stem of its files. Default {@code payara-micro}. */
        public Builder name(String nodeName) {
            this.name = nodeName;
            return this;
        }

        /** Where the console log, pre-boot file and runtime directory go. Default {@code target/payara}. */
        public Builder workDir(Path directory) {
            this.workDir = directory;
            return this;
        }

        /** Options of the server's JVM: heap, JIT, system properties ({@code -Dkey=value}). Added in order. */
        public Builder jvmOptions(String... options) {
            return jvmOptions(List.of(options));
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Deploys a WAR at the context root derived from its file name. */
        public Builder deploy(Path war) {
            deployments.add("--deploy");
            deployments.add(war.toAbsolutePath().toString());
            return this;
        }

        /** Deploys a WAR at the given context root ({@code "/"} for the root). */
        public Builder deploy(Path war, String contextRoot) {
            deploy(war);
            deployments.add("--contextroot");
            deployments.add(contextRoot);
            return this;
        }

        /** The HTTP port; default a free port on loopback. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** asadmin commands run before boot, after the one binding the HTTP listener to loopback. */
        public Builder prebootCommands(String... commands) {
            prebootCommands.addAll(List.of(commands));
            return this;
        }

        /** An asadmin command file run after boot, before the deployments ({@code --postbootcommandfile}). */
        public Builder postbootCommandFile(Path file) {
            this.postbootCommandFile = file;
            return this;
        }

        /** Joins the given loopback data grid as member {@code index} (0-based). */
        public Builder member(DataGrid sharedGrid, int index) {
            if (index < 0 || index >= sharedGrid.size()) {
                throw new IllegalArgumentException("member " + index + " of a grid of " + sharedGrid.size());
            }
            this.grid = sharedGrid;
            this.member = index;
            this.dataGrid = true;
            return this;
        }

        /** No data grid at all ({@code --nohazelcast}): no JCache, a quicker start. */
        public Builder withoutDataGrid() {
            this.dataGrid = false;
            this.grid = null;
            return this;
        }

        /** Further Payara Micro options, after the launcher's own. */
        public Builder microOptions(String... options) {
            microOptions.addAll(List.of(options));
            return this;
        }

        /** Writes the pre-boot file, empties the runtime directory and starts the process (without waiting). */
        public PayaraMicro start() throws IOException {
            Files.createDirectories(workDir);
            int port = httpPort > 0 ? httpPort : Loopback.freePort();
            Path root = workDir.resolve(name + "-root");
            FileTrees.delete(root); // a runtime directory remembers earlier deployments
            Files.createDirectories(root);
            Path preboot = workDir.resolve(name + "-preboot.asadmin");
            List<String> commands = new ArrayList<>();
            commands.add(LOOPBACK_HTTP_LISTENER);
            commands.addAll(prebootCommands);
            Files.write(preboot, commands, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command(port, root, preboot))
                    .redirectErrorStream(true).redirectOutput(logFile().toFile()).start();
            return new PayaraMicro(this, port, process);
        }

        private Path logFile() {
            return workDir.resolve(name + ".log");
        }

        /** The command line {@link #start()} runs. */
        List<String> command(int port, Path root, Path preboot) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Dhazelcast.socket.bind.any=false");
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", microJar.toString(),
                    "--name", name,
                    "--port", String.valueOf(port),
                    "--interfaces", Loopback.ADDRESS,
                    "--prebootcommandfile", preboot.toAbsolutePath().toString(),
                    "--rootdir", root.toAbsolutePath().toString(),
                    "--disablephonehome"));
            if (postbootCommandFile != null) {
                command.addAll(List.of("--postbootcommandfile", postbootCommandFile.toAbsolutePath().toString()));
            }
            if (!dataGrid) {
                command.add("--nohazelcast");
            } else if (grid != null) {
                command.addAll(grid.memberOptions(member));
            } else {
                command.addAll(DataGrid.onLoopback(name, 1).memberOptions(0));
            }
            command.addAll(deployments);
            command.addAll(microOptions);
            return command;
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:<http port>}. */
    public String baseUrl() {
        return Loopback.httpUrl(httpPort);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The console so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last few thousand characters of the console, for failure messages. */
    public String tail() {
        String text = log();
        return text.substring(Math.max(0, text.length() - TAIL_CHARACTERS));
    }

    /** Waits for {@link #READY}; see {@link #await}. */
    public String awaitReady(Duration timeout) throws InterruptedException {
        return await(READY, timeout);
    }

    /**
     * Waits until a console line matches the pattern (a line printed before the call counts) and returns that
     * line. Fails with an {@link AssertionError} carrying the console's tail when the process exits or the
     * timeout passes first. Polls the log file every 100 ms.
     */
    public String await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = log();
            Matcher matcher = pattern.matcher(text);
            if (matcher.find()) {
                int start = text.lastIndexOf('\n', matcher.start()) + 1;
                int end = text.indexOf('\n', matcher.end());
                return text.substring(start, end < 0 ? text.length() : end);
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before '" + pattern + "'\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no console line matching '" + pattern + "' within " + timeout + "\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: a crash, no shutdown hook of the server runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: Payara Micro's shutdown hook stops the server; SIGKILL when it has not ended after 30 s. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** {@link #stop()}, and the shutdown hook is no longer needed. */
    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs anyway, harmlessly
        }
    }
}
