package org.tokenrefresh.container.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jetty 12 from {@code org.eclipse.jetty:jetty-home}, the ee10 environment: a Jetty base under
 * {@code target/matrix} made with {@code start.jar --add-modules=ee10-deploy,ee10-annotations,http}, the WAR
 * in its {@code webapps/}, then {@code java -jar start.jar} with the settings as {@code -D} system properties.
 * {@code ee10-annotations} is what runs the library's {@code ServletContainerInitializer} (and the application's
 * {@code @WebServlet}s).
 */
public final class JettyServer extends ContainerServer {

    static final String MODULES = "ee10-deploy,ee10-annotations,http";

    public JettyServer() {
        super("Jetty", System.getProperty("matrix.version.jetty", "12.1.12"), MODULES, Library.FILTER);
    }

    @Override
    protected ServerProcess launch(Path war, ServerSettings settings, int httpPort) {
        Path home = distribution("jetty-home-" + version());
        Path base = work().resolve("base");
        createDirectories(base.resolve("work")); // Jetty unpacks the WAR there rather than in /tmp
        String startJar = home.resolve("start.jar").toString();
        ServerProcess.run("Jetty --add-modules", List.of(java(), "-jar", startJar, "--add-modules=" + MODULES),
                base, work().resolve("add-modules.log"), Duration.ofSeconds(120));
        copy(war, base.resolve("webapps").resolve(war.getFileName()));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(FAST_JVM);
        command.addAll(ServerSettings.systemProperties(settings.all()));
        command.addAll(List.of("-jar", startJar, "jetty.http.host=127.0.0.1", "jetty.http.port=" + httpPort));
        return ServerProcess.start(toString(), command, base, Map.of(), work().resolve("console.log"));
    }
}
