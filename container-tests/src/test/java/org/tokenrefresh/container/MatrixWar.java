package org.tokenrefresh.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tokenrefresh.container.server.ContainerServer;
import org.tokenrefresh.container.server.ContainerServer.Library;

/**
 * The test WAR, {@code matrix.war}, as a user without Maven assembles it: the test application's classes in
 * {@code WEB-INF/classes} and the library's published jars in {@code WEB-INF/lib} (the filter's one-jar
 * drop-in {@code token-refresh-filter-<v>-all.jar}, plus {@code token-refresh-ee-<v>.jar} for EE servers; their
 * {@code -javax} builds for javax servers, with the application's classes as the build transformed them to
 * {@code javax.*}). No {@code web.xml}, no {@code beans.xml}: the library registers itself, the application's
 * servlets are annotated and CDI discovers its annotated beans.
 * <p>
 * A test that needs more builds its own WAR ({@link #named}): the relay servlet with a JAX-RS client in
 * {@code WEB-INF/lib} ({@link #withRelay}), settings of its own as {@code web.xml} context-params
 * ({@link #withContextParams}), which is how two applications on one server get different settings.
 */
final class MatrixWar {

    private static final String APP = "org/tokenrefresh/container/app/";
    private static final String EE_APP = APP + "ee/";
    private static final String RELAY_APP = APP + "relay/";

    private final String context;
    private final Library library;
    private final List<Path> clientJars;
    private final Map<String, String> contextParams;

    private MatrixWar(String context, Library library, List<Path> clientJars, Map<String, String> contextParams) {
        this.context = context;
        this.library = library;
        this.clientJars = List.copyOf(clientJars);
        this.contextParams = new LinkedHashMap<>(contextParams);
    }

    /** Writes {@code matrix.war} for a server into {@code directory}; returns its path. */
    static Path build(Library library, Path directory) {
        return named(ContainerServer.CONTEXT, library).write(directory);
    }

    /** A WAR deployed at {@code /<context>}, with the application's base classes and the library's jars. */
    static MatrixWar named(String context, Library library) {
        return new MatrixWar(context, library, List.of(), Map.of());
    }

    /** Adds the relay servlet ({@code /relay}) and the jars of the JAX-RS client it uses. */
    MatrixWar withRelay(List<Path> jaxRsClientJars) {
        if (jaxRsClientJars.isEmpty()) {
            throw new IllegalArgumentException("the relay servlet needs a JAX-RS client implementation");
        }
        return new MatrixWar(context, library, jaxRsClientJars, contextParams);
    }

    /** Adds a {@code WEB-INF/web.xml} with these context-params (the library still registers itself). */
    MatrixWar withContextParams(Map<String, String> params) {
        return new MatrixWar(context, library, clientJars, params);
    }

    /** Writes {@code <context>.war} into {@code directory}; returns its path. */
    Path write(Path directory) {
        Path classes = Path.of(library.javax() ? System.getProperty("matrix.app-classes-javax", "target/javax-app-classes")
                : System.getProperty("matrix.app-classes", "target/test-classes"));
        if (!Files.isDirectory(classes.resolve(APP))) {
            throw new AssertionError("No " + classes.resolve(APP) + ": run through Maven (mvn verify -pl container-tests -am)");
        }
        Path war = directory.resolve(context + ".war");
        try {
            Files.createDirectories(directory);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
                for (Path file : files(classes.resolve(APP))) {
                    String name = classes.relativize(file).toString().replace('\\', '/');
                    if ((library.ee() || !name.startsWith(EE_APP)) && (!clientJars.isEmpty() || !name.startsWith(RELAY_APP))) {
                        add(zip, "WEB-INF/classes/" + name, Files.readAllBytes(file));
                    }
                }
                List<Path> jars = new ArrayList<>(libraryJars(library));
                jars.addAll(clientJars);
                for (Path jar : jars) {
                    add(zip, "WEB-INF/lib/" + jar.getFileName(), Files.readAllBytes(jar));
                }
                if (!contextParams.isEmpty()) {
                    add(zip, "WEB-INF/web.xml", webXml().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    private String webXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        contextParams.forEach((name, value) -> xml.append("  <context-param><param-name>").append(escape(name))
                .append("</param-name><param-value>").append(escape(value)).append("</param-value></context-param>\n"));
        return xml.append("</web-app>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<Path> libraryJars(Library library) {
        Path directory = Path.of(System.getProperty("matrix.library", "target/library"));
        String version = System.getProperty("project.version", "0.2.0-SNAPSHOT");
        List<Path> jars = library.jars(version).stream().map(directory::resolve).collect(Collectors.toList());
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError("No " + jar + ": run through Maven (mvn verify -pl container-tests -am)");
            }
        }
        return jars;
    }

    /**
     * Jersey's client and what it needs, as Maven resolved them into {@code matrix.jaxrs-client}
     * ({@code target/jaxrs-client}): what a user adds to {@code WEB-INF/lib} on a server without JAX-RS.
     */
    static List<Path> jerseyClientJars() {
        Path directory = Path.of(System.getProperty("matrix.jaxrs-client", "target/jaxrs-client"));
        try {
            List<Path> jars = Files.isDirectory(directory) ? files(directory) : List.of();
            if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith("jersey-client-"))) {
                throw new AssertionError("No Jersey client in " + directory + ": run through Maven (mvn verify -pl"
                        + " container-tests -am), whose maven-dependency-plugin copies it there");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
