package org.tokenrefresh.container.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Open Liberty from {@code io.openliberty:openliberty-runtime}, started with {@code bin/server run}, the user
 * directory ({@code WLP_USER_DIR}) under {@code target/matrix}. Its {@code server.xml} enables only the features
 * the library uses ({@value #FEATURES}) and gives the {@code tokenrefresh.*} keys as {@code <variable>}s, which
 * Liberty's MicroProfile Config serves to the application; the test application's own keys come from
 * {@code server.env}.
 */
public final class OpenLibertyServer extends ContainerServer {

    static final String FEATURES = "servlet-6.0, cdi-4.0, enterpriseBeansLite-4.0, mpConfig-3.1";

    public OpenLibertyServer() {
        super("Open Liberty", System.getProperty("matrix.version.openliberty", "26.0.0.3"), FEATURES, Library.FILTER_AND_EE);
    }

    @Override
    protected ServerProcess launch(Path war, ServerSettings settings, int httpPort) {
        Path wlp = distribution("wlp");
        Path userDir = work().resolve("usr");
        Path server = userDir.resolve("servers/matrix");
        StringBuilder xml = new StringBuilder("<server description=\"token refresh container matrix\">\n")
                .append("  <featureManager>\n");
        for (String feature : FEATURES.split(",\\s*")) {
            xml.append("    <feature>").append(feature).append("</feature>\n");
        }
        xml.append("  </featureManager>\n")
                .append("  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"").append(httpPort)
                .append("\" httpsPort=\"-1\"/>\n")
                .append("  <applicationManager autoExpand=\"true\"/>\n")
                .append("  <webApplication location=\"").append(war.getFileName()).append("\" contextRoot=\"/")
                .append(CONTEXT).append("\"/>\n");
        settings.library().forEach((key, value) -> xml.append("  <variable name=\"").append(key).append("\" value=\"")
                .append(value).append("\"/>\n"));
        xml.append("</server>\n");
        write(server.resolve("server.xml"), xml.toString());
        write(server.resolve("jvm.options"), String.join("\n", FAST_JVM) + "\n");
        write(server.resolve("server.env"), ServerSettings.propertiesFile(ServerSettings.environment(settings.application())));
        copy(war, server.resolve("apps").resolve(war.getFileName()));
        List<String> command = List.of("bash", wlp.resolve("bin/server").toString(), "run", "matrix");
        Map<String, String> environment = Map.of("JAVA_HOME", javaHome(), "WLP_USER_DIR", userDir.toString());
        return ServerProcess.start(toString(), command, work(), environment, work().resolve("console.log"),
                server.resolve("logs/messages.log"));
    }
}
