package org.tokenrefresh.container.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tokenrefresh.testsupport.Loopback;

/**
 * Payara Micro from {@code fish.payara.extras:payara-micro}: {@code java -jar payara-micro.jar --deploy
 * matrix.war} with the settings as {@code -D} system properties. Loopback only: the HTTP listener's address
 * through a pre-boot command, the data grid through {@code --interfaces 127.0.0.1},
 * {@code hazelcast.socket.bind.any=false}, TCP/IP discovery on 127.0.0.1 and a cluster name of its own, so it
 * never joins another build's grid. The grid stays on: it is the JCache the library's cluster store uses.
 * <p>
 * The only Payara-specific launcher of this module; the project's shared Payara Micro launcher can replace it.
 */
public final class PayaraMicroServer extends ContainerServer {

    private PayaraMicroServer(String version, Library library) {
        super("Payara Micro", version, "data grid on loopback", library);
    }

    /** Payara Micro 6 (Jakarta EE 10): the one-jar drop-in and {@code token-refresh-ee}. */
    public static PayaraMicroServer payaraMicro6() {
        return new PayaraMicroServer(System.getProperty("matrix.version.payara-micro", "6.2025.10"), Library.FILTER_AND_EE);
    }

    /**
     * Payara Micro 5 (Java EE 8, MicroProfile 4.1): the javax one-jar drop-in and {@code token-refresh-ee-javax}.
     * It runs on JDK 17 as it is: no {@code --add-opens}, no {@code jdk.util.zip.disableZip64ExtraFieldValidation}.
     */
    public static PayaraMicroServer payaraMicro5() {
        return new PayaraMicroServer(System.getProperty("matrix.version.payara-micro5", "5.2022.5"),
                Library.FILTER_AND_EE_JAVAX);
    }

    @Override
    protected ServerProcess launch(Path war, ServerSettings settings, int httpPort) {
        Path jar = servers().resolve("payara-micro-" + version() + ".jar");
        if (!jar.toFile().isFile()) {
            throw new AssertionError("No " + jar + ": run through Maven (mvn verify -pl container-tests -am)");
        }
        Path preboot = work().resolve("preboot.asadmin");
        write(preboot, "set configs.config.server-config.network-config.network-listeners.network-listener"
                + ".http-listener.address=127.0.0.1\n"
                // room for tokens larger than a cookie (README, "Large tokens"): 8 KB by default
                + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http"
                + ".header-buffer-length-bytes=65536\n");
        int gridPort = Loopback.freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(FAST_JVM);
        command.add("-Dhazelcast.socket.bind.any=false");
        command.addAll(ServerSettings.systemProperties(settings.all()));
        command.addAll(List.of("-jar", jar.toString(),
                "--deploy", war.toString(),
                "--port", String.valueOf(httpPort),
                "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:" + gridPort, "--startport", String.valueOf(gridPort),
                "--clustername", "tokenrefresh-matrix-" + UUID.randomUUID(),
                "--prebootcommandfile", preboot.toString(),
                "--rootdir", work().resolve("root").toString(),
                "--disablephonehome"));
        return ServerProcess.start(toString(), command, work(), Map.of(), work().resolve("console.log"));
    }
}
