package org.tokenrefresh.container.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.tokenrefresh.testsupport.FileTrees;
import org.tokenrefresh.testsupport.Loopback;

/**
 * A server under test, started from its unpacked distribution as its users start it: the test WAR deployed
 * the server's usual way, the administrator's settings given the server's usual way, HTTP on a free port of
 * 127.0.0.1. A subclass says only how to launch its server; starting, waiting for readiness, failing loudly
 * with the log and stopping are here, through {@link ServerProcess}.
 */
public abstract class ContainerServer implements AutoCloseable {

    /** Context root of the test WAR ({@code matrix.war}) on every server. */
    public static final String CONTEXT = "matrix";
    /** A page of the test application that answers 200 once the application is deployed. */
    public static final String READY_PATH = "app/ready";
    /** JVM options for a quick start on a small machine: C1 only, small heap, serial GC. */
    protected static final List<String> FAST_JVM = List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private final String name;
    private final String version;
    private final String configuration;
    private final Library library;
    private final Path work;
    private ServerProcess process;
    private long startMillis = -1;

    /**
     * @param configuration what the server runs with, for reports: a profile, a list of features or modules
     */
    protected ContainerServer(String name, String version, String configuration, Library library) {
        this.name = name;
        this.version = version;
        this.configuration = configuration;
        this.library = library;
        this.work = Path.of(System.getProperty("matrix.work", "target/matrix")).resolve(
                (name + "-" + version + "-" + configuration).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-"));
    }

    /** For example {@code WildFly}. */
    public String name() {
        return name;
    }

    /** The distribution's version. */
    public String version() {
        return version;
    }

    /** What the server runs with: a profile, a list of features or modules. */
    public String configuration() {
        return configuration;
    }

    /** Which of the library's jars this server gets in the WAR. */
    public Library library() {
        return library;
    }

    /** This server's scratch directory under {@code target/matrix}, emptied at each start. */
    protected Path work() {
        return work;
    }

    /**
     * Deploys {@code war} (named {@code matrix.war}), starts the server with {@code settings} and waits until the
     * application answers. Returns the application's base URI, ending in {@code /}.
     */
    public final URI start(Path war, ServerSettings settings) {
        return start(List.of(war), settings).resolve(CONTEXT + "/");
    }

    /**
     * Deploys every WAR (each at the context of its file name, {@code json.war} at {@code /json}), starts the
     * server with {@code settings} and waits until each application answers {@link #READY_PATH}. Returns the
     * server's root URI, {@code http://127.0.0.1:<port>/}.
     */
    public final URI start(List<Path> wars, ServerSettings settings) {
        deleteTree(work);
        createDirectories(work);
        int port = Loopback.freePort();
        process = launch(wars, settings, port);
        URI root = URI.create("http://127.0.0.1:" + port + "/");
        for (Path war : wars) {
            String context = war.getFileName().toString().replaceFirst("\\.war$", "");
            startMillis = process.awaitHttp(root.resolve(context + "/" + READY_PATH), startTimeout());
        }
        return root;
    }

    /** Deploys the WAR and launches the server with HTTP on {@code httpPort} of 127.0.0.1. */
    protected abstract ServerProcess launch(Path war, ServerSettings settings, int httpPort);

    /** Deploys several WARs; a server that supports it overrides this (one WAR by default). */
    protected ServerProcess launch(List<Path> wars, ServerSettings settings, int httpPort) {
        if (wars.size() != 1) {
            throw new UnsupportedOperationException(this + " deploys one WAR in these tests, not " + wars);
        }
        return launch(wars.get(0), settings, httpPort);
    }

    /** How long the server may take to start and deploy on a busy 2-core machine. */
    protected Duration startTimeout() {
        return Duration.ofSeconds(240);
    }

    /** Milliseconds from launch until the application answered. */
    public long startMillis() {
        return startMillis;
    }

    /** The server's console and logs. */
    public String log() {
        return process == null ? "(not started)" : process.log();
    }

    /** The files the server's console and logs went to (files that exist now). */
    public List<Path> logFiles() {
        return process == null ? List.of() : process.logFiles();
    }

    /** The end of the server's logs, for failure messages. */
    public String tail() {
        return process == null ? "(not started)" : process.tail();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + configuration + ")";
    }

    /** The unpacked distributions, {@code target/servers}. */
    protected static Path servers() {
        return Path.of(System.getProperty("matrix.servers", "target/servers"));
    }

    /** The JVM running the tests runs the servers too. */
    protected static String javaHome() {
        return System.getProperty("java.home");
    }

    protected static String java() {
        return Path.of(javaHome(), "bin", "java").toString();
    }

    /** The distribution directory, failing clearly when Maven did not unpack it. */
    protected static Path distribution(String directoryName) {
        Path home = servers().resolve(directoryName);
        if (!Files.isDirectory(home)) {
            throw new AssertionError("No " + home + ": run through Maven (mvn verify -pl container-tests -am), whose "
                    + "maven-dependency-plugin unpacks the distributions to target/servers");
        }
        return home;
    }

    protected static void createDirectories(Path directory) {
        io(() -> Files.createDirectories(directory));
    }

    protected static void write(Path file, String content) {
        createDirectories(file.getParent());
        io(() -> Files.writeString(file, content));
    }

    protected static void copy(Path from, Path to) {
        createDirectories(to.getParent());
        io(() -> Files.copy(from, to));
    }

    /** Copies a directory tree. */
    protected static void copyTree(Path from, Path to) {
        io(() -> FileTrees.copy(from, to));
    }

    /** Deletes a directory tree, if it exists. */
    protected static void deleteTree(Path root) {
        io(() -> FileTrees.delete(root));
    }

    /** A file operation whose {@link IOException} is unexpected in a test set-up. */
    private interface FileOperation {
        void run() throws IOException;
    }

    private static void io(FileOperation operation) {
        try {
            operation.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Which jars of the library go into {@code WEB-INF/lib}, by published name ({@code %s} is the version). For a
     * javax server (Payara 5, Tomcat 9) the {@code -javax} jars, and its WAR's application classes transformed to
     * {@code javax.*} at build time the way the library is.
     */
    public enum Library {
        /** The filter's one-jar drop-in only: plain servlet containers. */
        FILTER(false, false, "token-refresh-filter-%s-all.jar"),
        /** The one-jar drop-in and {@code token-refresh-ee}: Jakarta EE / MicroProfile servers. */
        FILTER_AND_EE(true, false, "token-refresh-filter-%s-all.jar", "token-refresh-ee-%s.jar"),
        /** The javax one-jar drop-in only: Servlet 4.0 containers. */
        FILTER_JAVAX(false, true, "token-refresh-filter-javax-%s-all.jar"),
        /** The javax one-jar drop-in and {@code token-refresh-ee-javax}: Java EE 8 / MicroProfile 4.x servers. */
        FILTER_AND_EE_JAVAX(true, true, "token-refresh-filter-javax-%s-all.jar", "token-refresh-ee-javax-%s.jar");

        private final boolean ee;
        private final boolean javax;
        private final List<String> jars;

        Library(boolean ee, boolean javax, String... jars) {
            this.ee = ee;
            this.javax = javax;
            this.jars = List.of(jars);
        }

        /** Whether the EE integration is in the WAR (and with it the test application's CDI part). */
        public boolean ee() {
            return ee;
        }

        /** Whether the server is a javax one: the javax jars, and the application's classes transformed to javax. */
        public boolean javax() {
            return javax;
        }

        /** The jars' file names for a version of the library. */
        public List<String> jars(String version) {
            return jars.stream().map(name -> String.format(Locale.ROOT, name, version)).toList();
        }
    }
}
