package org.tokenrefresh.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Keycloak's own distribution ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by the build into
 * {@code target/keycloak}), started the way users start it: {@code bin/kc.sh start-dev}, on 127.0.0.1 and a
 * free port, under a JDK 21 or newer, with the realm of {@code src/test/resources/keycloak} imported at start
 * ({@code --import-realm}) and the first admin created from {@code KC_BOOTSTRAP_ADMIN_USERNAME} and
 * {@code KC_BOOTSTRAP_ADMIN_PASSWORD}. The database (dev-file H2) is deleted before each start, so every run
 * begins with the imported realm and no sessions or events.
 *
 * <p>Never skips: a missing JDK 21+, a missing distribution, or a Keycloak that does not become ready within
 * {@link #START_TIMEOUT} fails with the reason and the tail of Keycloak's log ({@code target/keycloak/keycloak.log}).
 */
final class KeycloakServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeycloakServer.class.getName());

    /**
     * {@code start-dev} augments (first start only), creates the schema and imports the realm: about 50 s on
     * an idle 2-core machine, 95-145 s seen while other builds shared it.
     */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    static final String ADMIN_USER = "admin";
    private static final String REALM_RESOURCE = "/keycloak/" + KeycloakRealm.NAME + "-realm.json";
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    /** Keycloak's own log, whose tail a failure shows. */
    private final Path log;
    /** The free port it listens on, on 127.0.0.1. */
    private final int port;
    /** The bootstrap admin's password, random for each start. */
    private final String adminPassword;
    private final Process process;
    /** Stops Keycloak when the test JVM exits without {@link #close}. */
    private final Thread killOnExit;

    private KeycloakServer(Path log, int port, String adminPassword, Process process) {
        this.log = log;
        this.port = port;
        this.adminPassword = adminPassword;
        this.process = process;
        this.killOnExit = new Thread(this::kill, "keycloak-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts Keycloak and returns once its realm answers; fails loudly otherwise. */
    static KeycloakServer start() throws IOException, InterruptedException {
        return start(distribution(), javaHome(), START_TIMEOUT);
    }

    /** Starts the distribution at {@code home} under {@code javaHome}; fails unless its realm answers within {@code timeout}. */
    static KeycloakServer start(Path home, Path javaHome, Duration timeout) throws IOException, InterruptedException {
        Path data = home.resolve("data");
        deleteRecursively(data);
        Files.createDirectories(data.resolve("import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException("realm file " + REALM_RESOURCE + " is not on the test class path");
            }
            Files.copy(realm, data.resolve("import").resolve(KeycloakRealm.NAME + "-realm.json"));
        }
        int port = freeLoopbackPort();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String adminPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path log = home.getParent().resolve("keycloak.log");

        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                // start-dev's default, said out loud: no cluster transport (JGroups) listening anywhere
                "--cache=local",
                "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        if (javaVersion(javaHome) >= 24) {
            // Keycloak 26.4's worker threads reset thread locals by reflection; without this, Java 24+ kills
            // each worker after its first task with IllegalAccessError (the message names this option)
            builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Instant started = Instant.now();
        LOG.info("Starting Keycloak " + home.getFileName() + " on 127.0.0.1:" + port + " with " + javaHome);
        KeycloakServer server = new KeycloakServer(log, port, adminPassword, builder.start());
        try {
            server.awaitReady(started.plus(timeout), timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("Keycloak ready after " + Duration.between(started, Instant.now()).toMillis() + " ms at " + server.baseUrl());
        return server;
    }

    private void awaitReady(Instant deadline, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                        + " before it was ready. Last lines of " + log + ":\n" + logTail(60));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout.toSeconds() + " s (realm "
                + KeycloakRealm.NAME + " at " + realmUrl() + "). Last lines of " + log + ":\n" + logTail(60));
    }

    /** {@code http://127.0.0.1:<port>} */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String realmUrl() {
        return baseUrl() + "/realms/" + KeycloakRealm.NAME;
    }

    /** The OAuth2 token endpoint: the library's {@code tokenrefresh.backend-url}. */
    String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    String userinfoEndpoint() {
        return realmUrl() + "/protocol/openid-connect/userinfo";
    }

    String adminPassword() {
        return adminPassword;
    }

    /** The Keycloak launcher script and the JVM it started. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all;
    }

    /** The last {@code lines} lines of Keycloak's log. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Stops Keycloak: SIGTERM (kc.sh forwards it to the JVM), then a forced kill after 30 s. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        LOG.info("Keycloak stopped");
    }

    private void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        List<ProcessHandle> all = new ArrayList<>(descendants);
        all.add(process.toHandle());
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
    }

    /** The unpacked distribution, from the build ({@code -Dkeycloak.home}). */
    private static Path distribution() {
        String configured = System.getProperty("keycloak.home");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("system property keycloak.home is not set: run these tests through Maven "
                    + "(mvn -pl keycloak-tests -am verify), which unpacks Keycloak's distribution and sets it");
        }
        Path home = Path.of(configured);
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home + " (bin/kc.sh missing): the build's "
                    + "unpack-keycloak step did not run");
        }
        return home;
    }

    /**
     * A JDK 21 or newer for Keycloak: {@code -Dkeycloak.java.home} or {@code KEYCLOAK_JAVA_HOME} when set; else
     * the JVM running the tests when it is 21+; else the oldest JDK 21+ under {@code /usr/lib/jvm} (21 is
     * Keycloak's baseline; newer ones work too).
     */
    static Path javaHome() {
        String configured = Optional.ofNullable(System.getProperty("keycloak.java.home"))
                .orElse(System.getenv("KEYCLOAK_JAVA_HOME"));
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            int version = javaVersion(home);
            if (version < 21) {
                throw new IllegalStateException("keycloak.java.home / KEYCLOAK_JAVA_HOME=" + configured
                        + " is not a JDK 21+ (version " + (version < 0 ? "unknown" : version) + ")");
            }
            return home;
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        List<String> seen = new ArrayList<>();
        Path best = null;
        int bestVersion = Integer.MAX_VALUE;
        if (Files.isDirectory(JVM_DIRECTORY)) {
            try (Stream<Path> entries = Files.list(JVM_DIRECTORY)) {
                for (Path candidate : entries.sorted().toList()) {
                    int version = javaVersion(candidate);
                    seen.add(candidate.getFileName() + (version < 0 ? " (not a JDK)" : " (" + version + ")"));
                    if (version >= 21 && version < bestVersion) {
                        best = candidate;
                        bestVersion = version;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + JVM_DIRECTORY, e);
            }
        }
        if (best == null) {
            throw new IllegalStateException("Keycloak needs a JDK 21 or newer and none was found: the tests run on "
                    + Runtime.version() + ", " + JVM_DIRECTORY + " holds " + seen + ". Install one there (.ci/run does) "
                    + "or set KEYCLOAK_JAVA_HOME");
        }
        return best;
    }

    /** The feature version from a JDK's {@code release} file, or -1 when it is not a JDK with a java launcher. */
    static int javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                    if (version.startsWith("1.")) {
                        version = version.substring(2);
                    }
                    String feature = version.split("[^0-9]", 2)[0];
                    return feature.isEmpty() ? -1 : Integer.parseInt(feature);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
