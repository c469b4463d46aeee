package org.tokenrefresh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Where the jars a test WAR needs are: on the test class path, found by a class each holds (a Maven build puts the
 * jars there; inside this project's reactor the modules' {@code target/classes}, packed into a jar here). The one-jar
 * drop-in is found beside the filter's jar, or named by {@value #ONE_JAR_PROPERTY}.
 */
final class LibraryJars {

    /** System property naming the filter's {@code -all} jar, when it is not beside the filter's jar. */
    static final String ONE_JAR_PROPERTY = "tokenrefresh.testing.one-jar";

    static final String FILTER_CLASS = "org.tokenrefresh.TokenRefreshFilter";
    static final String EE_CLASS = "org.tokenrefresh.ee.events.TokenRefreshEvent";
    static final String MOCK_CLASS = "org.tokenrefresh.mockauth.MockAuthBackend";

    /**
     * A class of each runtime dependency of {@code token-refresh-filter}, in the order Maven lists them: HttpClient 5,
     * HttpCore 5, HttpCore 5 H2, Caffeine, SLF4J API. {@code LibraryJarsTest} checks the list against the artifacts
     * shaded into the one-jar drop-in.
     */
    static final List<String> FILTER_DEPENDENCIES = List.of("org.apache.hc.client5.http.impl.classic.HttpClients",
            "org.apache.hc.core5.http.HttpHost", "org.apache.hc.core5.http2.HttpVersionPolicy",
            "com.github.benmanes.caffeine.cache.Caffeine", "org.slf4j.LoggerFactory");

    private LibraryJars() {
    }

    /** The filter's jar and its runtime dependencies, as Maven packages a WAR. */
    static void addMavenJars(WebArchive war) {
        add(war, FILTER_CLASS, "token-refresh-filter.jar");
        for (String dependency : FILTER_DEPENDENCIES) {
            add(war, dependency, null);
        }
    }

    /** The one-jar drop-in: the filter's {@code -all} jar, its dependencies relocated inside. */
    static void addOneJar(WebArchive war) {
        war.addAsLibrary(oneJar().toFile());
    }

    static void addEeIntegration(WebArchive war) {
        add(war, EE_CLASS, "token-refresh-ee.jar");
    }

    static void addMockAuthBackend(WebArchive war) {
        add(war, MOCK_CLASS, "mock-auth-backend.jar");
    }

    /** The filter's {@code -all} jar: the system property, else beside the filter's jar (or its build's classes). */
    static Path oneJar() {
        String named = System.getProperty(ONE_JAR_PROPERTY);
        if (named != null) {
            Path jar = Path.of(named);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(ONE_JAR_PROPERTY + "=" + named + " is not a file");
            }
            return jar;
        }
        Path filter = location(FILTER_CLASS);
        String file = filter.getFileName().toString();
        Path found;
        if (Files.isDirectory(filter)) { // this project's reactor: <module>/target/classes beside <module>/target/*-all.jar
            found = firstMatch(filter.getParent(), "token-refresh-filter-", "-all.jar");
            if (found != null && olderThanClasses(found, filter)) {
                throw new IllegalStateException(found + " is older than the filter's classes in " + filter
                        + ": build through the package phase (mvn verify), so that the one jar holds them");
            }
        } else {
            Path beside = filter.resolveSibling(file.substring(0, file.length() - ".jar".length()) + "-all.jar");
            found = Files.isRegularFile(beside) ? beside : null;
        }
        if (found == null) {
            throw new IllegalStateException("The one-jar drop-in (token-refresh-filter's -all jar) is not beside " + filter
                    + ". Fetch it (mvn dependency:get -Dartifact=org.tokenrefresh:token-refresh-filter:<version>:jar:all)"
                    + " or name it with -D" + ONE_JAR_PROPERTY + "=<path>, or use Library.MAVEN_JARS.");
        }
        return found;
    }

    /** The jar (or classes directory) that holds the class on the test class path. */
    static Path location(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, LibraryJars.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test class path: add the artifact that holds it"
                    + " (test scope) to the project", e);
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell which jar holds " + className);
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell which jar holds " + className, e);
        }
    }

    /** Adds the jar holding the class; a classes directory is packed as {@code jarName}. */
    private static void add(WebArchive war, String className, String jarName) {
        Path location = location(className);
        if (Files.isDirectory(location)) {
            war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, jarName).as(ExplodedImporter.class)
                    .importDirectory(location.toFile()).as(JavaArchive.class));
        } else {
            war.addAsLibrary(location.toFile());
        }
    }

    private static boolean olderThanClasses(Path jar, Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            long jarTime = Files.getLastModifiedTime(jar).toMillis();
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return Files.getLastModifiedTime(file).toMillis() > jarTime;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path firstMatch(Path directory, String prefix, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix);
            }).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
