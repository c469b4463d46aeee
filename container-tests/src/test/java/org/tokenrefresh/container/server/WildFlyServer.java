package org.tokenrefresh.container.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tokenrefresh.testsupport.Loopback;

/**
 * WildFly from {@code org.wildfly:wildfly-dist}, started with {@code bin/standalone.sh -c <profile>}, the WAR in
 * {@code deployments/} for the deployment scanner, its own base directory under {@code target/matrix}
 * ({@code jboss.server.base.dir}) so the unpacked distribution stays untouched.
 * <p>
 * The {@code tokenrefresh.*} keys reach the library only through MicroProfile Config: the administrator adds a
 * {@code config-source} to the profile's {@code microprofile-config-smallrye} subsystem, a directory with one
 * file per key (the way a Kubernetes ConfigMap is mounted). The test application's own keys are system
 * properties from a file ({@code --properties}).
 * <p>
 * Both profiles have MicroProfile Config; neither has MicroProfile Metrics nor a JCache for applications (no
 * {@code javax.cache} module). {@code standalone.xml} has the EJB subsystem (the background monitor's
 * {@code @Schedule} runs); {@code standalone-microprofile.xml} has none, and has MicroProfile Health.
 */
public final class WildFlyServer extends ContainerServer {

    private static final String CONFIG_SUBSYSTEM = "<subsystem xmlns=\"urn:wildfly:microprofile-config-smallrye:2.0\"/>";

    private int managementPort;

    private WildFlyServer(String profile) {
        super("WildFly", System.getProperty("matrix.version.wildfly", "39.0.1.Final"), profile, Library.FILTER_AND_EE);
    }

    /** The default profile, {@code standalone.xml}: Jakarta EE Web Profile with EJB Lite, MicroProfile Config. */
    public static WildFlyServer standalone() {
        return new WildFlyServer("standalone.xml");
    }

    /** {@code standalone-microprofile.xml}: MicroProfile Config and Health, no EJB subsystem. */
    public static WildFlyServer microprofile() {
        return new WildFlyServer("standalone-microprofile.xml");
    }

    @Override
    protected ServerProcess launch(Path war, ServerSettings settings, int httpPort) {
        Path home = distribution("wildfly-" + version());
        Path base = work().resolve("standalone");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Path configSource = work().resolve("tokenrefresh-config");
        settings.library().forEach((key, value) -> write(configSource.resolve(key), value));
        addConfigSource(base.resolve("configuration").resolve(configuration()), configSource);
        copy(war, base.resolve("deployments").resolve(war.getFileName()));
        Path properties = work().resolve("application.properties");
        write(properties, ServerSettings.propertiesFile(settings.application()));
        managementPort = Loopback.freePort();
        List<String> command = List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-c", configuration(), "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "--properties=" + properties.toUri(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.http.port=" + httpPort,
                "-Djboss.https.port=" + Loopback.freePort(),
                "-Djboss.management.http.port=" + managementPort,
                "-Djboss.management.https.port=" + Loopback.freePort());
        Map<String, String> environment = Map.of("JAVA_HOME", javaHome(),
                "JBOSS_JAVA_SIZING", String.join(" ", FAST_JVM));
        return ServerProcess.start(toString(), command, work(), environment, work().resolve("console.log"));
    }

    /** The management interface, where WildFly serves MicroProfile Health ({@code /health/ready}). */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    /** What {@code /subsystem=microprofile-config-smallrye/config-source=tokenrefresh:add(dir={path=...})} writes. */
    private static void addConfigSource(Path profile, Path directory) {
        try {
            String xml = Files.readString(profile);
            if (!xml.contains(CONFIG_SUBSYSTEM)) {
                throw new AssertionError(profile + " has no empty " + CONFIG_SUBSYSTEM + " to add the config source to");
            }
            Files.writeString(profile, xml.replace(CONFIG_SUBSYSTEM, CONFIG_SUBSYSTEM.replace("/>", ">")
                    + "<config-source name=\"tokenrefresh\"><dir path=\"" + directory + "\"/></config-source></subsystem>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
