package org.tokenrefresh.container.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    public PayaraMicroServer() {
        super("Payara Micro", System.getProperty("matrix.version.payara-micro", "6.2025.10"), "data grid on loopback",
                Library.FILTER_AND_EE);
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
        int gridPort = ServerProcess.freePort();
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
