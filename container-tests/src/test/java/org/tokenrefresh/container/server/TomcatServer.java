package org.tokenrefresh.container.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Apache Tomcat from {@code org.apache.tomcat:tomcat}, started with {@code bin/catalina.sh run}: the unpacked
 * distribution is {@code CATALINA_HOME}, a {@code CATALINA_BASE} under {@code target/matrix} holds the
 * distribution's {@code conf/} with a {@code server.xml} reduced to one HTTP connector on 127.0.0.1 (no shutdown
 * port, no AJP), and the WARs in {@code webapps/}. The {@code tokenrefresh.*} keys come as environment variables
 * ({@code TOKENREFRESH_BACKEND_URL}), which the filter reads itself on a container without MicroProfile Config;
 * the test application's keys as {@code CATALINA_OPTS} system properties. {@link #withLogging} replaces the
 * distribution's {@code conf/logging.properties}.
 */
public final class TomcatServer extends ContainerServer {

    /** The {@code conf/logging.properties} to use instead of the distribution's, or {@code null}. */
    private final String loggingProperties;

    private TomcatServer(String version, Library library) {
        this(version, "server.xml: one HTTP connector", library, null);
    }

    private TomcatServer(String version, String configuration, Library library, String loggingProperties) {
        super("Tomcat", version, configuration, library);
        this.loggingProperties = loggingProperties;
    }

    /**
     * This Tomcat with {@code properties} as {@code CATALINA_BASE/conf/logging.properties}; {@code description}
     * names the logging set-up in reports (and in the scratch directory's name).
     */
    public TomcatServer withLogging(String description, String properties) {
        return new TomcatServer(version(), configuration() + ", " + description, library(), properties);
    }

    /** Tomcat 9 (Servlet 4.0, javax): the javax one-jar drop-in. */
    public static TomcatServer tomcat9() {
        return new TomcatServer(System.getProperty("matrix.version.tomcat9", "9.0.117"), Library.FILTER_JAVAX);
    }

    /** Tomcat 10.1 (Servlet 6.0). */
    public static TomcatServer tomcat10() {
        return new TomcatServer(System.getProperty("matrix.version.tomcat10", "10.1.59"), Library.FILTER);
    }

    /** Tomcat 11 (Servlet 6.1). */
    public static TomcatServer tomcat11() {
        return new TomcatServer(System.getProperty("matrix.version.tomcat11", "11.0.24"), Library.FILTER);
    }

    @Override
    protected ServerProcess launch(Path war, ServerSettings settings, int httpPort) {
        return launch(List.of(war), settings, httpPort);
    }

    /** Every WAR goes to {@code webapps/}, deployed at start-up at the context of its file name. */
    @Override
    protected ServerProcess launch(List<Path> wars, ServerSettings settings, int httpPort) {
        Path home = distribution("apache-tomcat-" + version());
        Path base = base();
        copyTree(home.resolve("conf"), base.resolve("conf"));
        if (loggingProperties != null) {
            write(base.resolve("conf/logging.properties"), loggingProperties);
        }
        write(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"
                               maxHttpHeaderSize="65536"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(httpPort));
        for (String directory : List.of("logs", "temp", "work")) {
            createDirectories(base.resolve(directory));
        }
        for (Path war : wars) {
            copy(war, base.resolve("webapps").resolve(war.getFileName()));
        }
        Map<String, String> environment = new HashMap<>(ServerSettings.environment(settings.library()));
        environment.put("JAVA_HOME", javaHome());
        environment.put("CATALINA_HOME", home.toString());
        environment.put("CATALINA_BASE", base.toString());
        environment.put("CATALINA_OPTS", String.join(" ", FAST_JVM) + " "
                + String.join(" ", ServerSettings.systemProperties(settings.application())));
        List<String> command = List.of("bash", home.resolve("bin/catalina.sh").toString(), "run");
        return ServerProcess.start(toString(), command, work(), environment, work().resolve("console.log"));
    }

    /** The console and every file of {@code CATALINA_BASE/logs}. */
    @Override
    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>(super.logFiles());
        if (!Files.isDirectory(base().resolve("logs"))) {
            return files;
        }
        try (Stream<Path> logs = Files.list(base().resolve("logs"))) {
            logs.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private Path base() {
        return work().resolve("base");
    }
}
