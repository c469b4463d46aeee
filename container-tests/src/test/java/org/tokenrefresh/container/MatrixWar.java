package org.tokenrefresh.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 */
final class MatrixWar {

    private static final String APP = "org/tokenrefresh/container/app/";
    private static final String EE_APP = APP + "ee/";

    private MatrixWar() {
    }

    /** Writes {@code matrix.war} for a server into {@code directory}; returns its path. */
    static Path build(Library library, Path directory) {
        Path classes = Path.of(library.javax() ? System.getProperty("matrix.app-classes-javax", "target/javax-app-classes")
                : System.getProperty("matrix.app-classes", "target/test-classes"));
        if (!Files.isDirectory(classes.resolve(APP))) {
            throw new AssertionError("No " + classes.resolve(APP) + ": run through Maven (mvn verify -pl container-tests -am)");
        }
        Path war = directory.resolve(ContainerServer.CONTEXT + ".war");
        try {
            Files.createDirectories(directory);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
                for (Path file : files(classes.resolve(APP))) {
                    String name = classes.relativize(file).toString().replace('\\', '/');
                    if (library.ee() || !name.startsWith(EE_APP)) {
                        add(zip, "WEB-INF/classes/" + name, file);
                    }
                }
                for (Path jar : libraryJars(library)) {
                    add(zip, "WEB-INF/lib/" + jar.getFileName(), jar);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    private static List<Path> libraryJars(Library library) {
        Path directory = Path.of(System.getProperty("matrix.library", "target/library"));
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        List<Path> jars = library.jars(version).stream().map(directory::resolve).collect(Collectors.toList());
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError("No " + jar + ": run through Maven (mvn verify -pl container-tests -am)");
            }
        }
        return jars;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Files.readAllBytes(file));
        zip.closeEntry();
    }
}
