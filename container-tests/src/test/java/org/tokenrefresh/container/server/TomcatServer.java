package org.tokenrefresh.container.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Apache Tomcat from {@code org.apache.tomcat:tomcat}, started with {@code bin/catalina.sh run}: the unpacked
 * distribution is {@code CATALINA_HOME}, a {@code CATALINA_BASE} under {@code target/matrix} holds the
 * distribution's {@code conf/} with a {@code server.xml} reduced to one HTTP connector on 127.0.0.1 (no shutdown
 * port, no AJP), and the WAR in {@code webapps/}. The {@code tokenrefresh.*} keys come as environment variables
 * ({@code TOKENREFRESH_BACKEND_URL}), which the filter reads itself on a container without MicroProfile Config;
 * the test application's keys as {@code CATALINA_OPTS} system properties.
 */
public final class TomcatServer extends ContainerServer {

    private TomcatServer(String version, Library library) {
        super("Tomcat", version, "server.xml: one HTTP connector", library);
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
        Path home = distribution("apache-tomcat-" + version());
        Path base = work().resolve("base");
        ServerProcess.copyTree(home.resolve("conf"), base.resolve("conf"));
        write(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(httpPort));
        for (String directory : List.of("logs", "temp", "work")) {
            createDirectories(base.resolve(directory));
        }
        copy(war, base.resolve("webapps").resolve(war.getFileName()));
        Map<String, String> environment = new HashMap<>(ServerSettings.environment(settings.library()));
        environment.put("JAVA_HOME", javaHome());
        environment.put("CATALINA_HOME", home.toString());
        environment.put("CATALINA_BASE", base.toString());
        environment.put("CATALINA_OPTS", String.join(" ", FAST_JVM) + " "
                + String.join(" ", ServerSettings.systemProperties(settings.application())));
        List<String> command = List.of("bash", home.resolve("bin/catalina.sh").toString(), "run");
        return ServerProcess.start(toString(), command, work(), environment, work().resolve("console.log"));
    }
}
