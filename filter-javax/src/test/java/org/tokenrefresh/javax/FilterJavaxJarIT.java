package org.tokenrefresh.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tokenrefresh.testsupport.ClassFile;
import org.tokenrefresh.testsupport.JarContents;
import org.tokenrefresh.testsupport.JavaxJarChecks;

/**
 * The javax jars this module builds, {@code token-refresh-filter-javax} and its one-jar drop-in {@code -all}, against
 * the jakarta jars they were transformed from: no {@code jakarta} name left, the container initializer's service file
 * renamed, every Servlet 4.0 / JAX-RS 2.1 / MicroProfile Config 1.4 member they use present in those versions, the
 * same classes at the same class file versions (Java 11 for the library's own), and the relocated libraries inside
 * the {@code -all} jar byte for byte as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterJavaxJarIT {

    private static final String INITIALIZER_SERVICE = "META-INF/services/javax.servlet.ServletContainerInitializer";
    private static final int JAVA_11 = 55;

    private final JarContents javax = JarContents.read(Path.of(System.getProperty("javax.jar")));
    private final JarContents javaxAll = JarContents.read(Path.of(System.getProperty("javax.all-jar")));
    private final JarContents jakarta = JarContents.read(Path.of(System.getProperty("jakarta.jar")));
    private final JarContents jakartaAll = JarContents.read(Path.of(System.getProperty("jakarta.all-jar")));

    @Test
    void noJakartaNameIsLeftInAnyClassOrResourceOfEitherJar() {
        assertEquals(List.of(), JavaxJarChecks.jakartaNames(javax), javax.toString());
        assertEquals(List.of(), JavaxJarChecks.jakartaNames(javaxAll), javaxAll.toString());
    }

    @Test
    void bothJarsHoldTheSameClassesAtTheSameClassFileVersionsWithTheInitializerServiceRenamed() {
        assertEquals(List.of(), JavaxJarChecks.differences(jakarta, javax));
        assertEquals(List.of(), JavaxJarChecks.differences(jakartaAll, javaxAll));
    }

    @Test
    void theLibrarysOwnClassesAreJava11Bytecode() {
        Map<Integer, Long> versions = new TreeMap<>();
        javax.classes().stream().filter(c -> c.name().startsWith("org/tokenrefresh/"))
                .forEach(c -> versions.merge(c.majorVersion(), 1L, Long::sum));
        assertEquals(Set.of(JAVA_11), versions.keySet(), "class file versions (55 is Java 11): " + versions);
    }

    @Test
    void theServletContainerInitializerIsRegisteredUnderItsJavaxServiceNameInBothJars() {
        for (JarContents jar : List.of(javax, javaxAll)) {
            String service = jar.text(INITIALIZER_SERVICE);
            assertNotNull(service, jar + " has " + INITIALIZER_SERVICE + ": " + jar.entries().keySet());
            String initializer = service.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .findFirst().orElseThrow();
            assertTrue(jar.entries().containsKey(initializer.replace('.', '/') + ".class"), initializer + " in " + jar);
            ClassFile initializerClass = ClassFile.parse(jar.entries().get(initializer.replace('.', '/') + ".class"));
            assertTrue(initializerClass.classes().contains("javax/servlet/ServletContainerInitializer"),
                    initializerClass.classes().toString());
        }
    }

    @Test
    void everyServletJaxRsAndMicroProfileConfigMemberTheClassesUseExistsInTheJavaEe8Apis() {
        // the test class path holds javax.servlet-api 4.0.1, javax.ws.rs-api 2.1.1 and microprofile-config-api 1.4
        ClassLoader apis = getClass().getClassLoader();
        for (JarContents jar : List.of(javax, javaxAll)) {
            assertEquals(Set.of(), ClassFile.missingFrom(jar.classes(), FilterJavaxJarIT::javaxApi, apis), jar.toString());
        }
    }

    @Test
    void theRelocatedLibrariesInTheOneJarDropInAreLeftByteForByteAsTheyWere() {
        for (String relocated : List.of("org/tokenrefresh/internal/hc/", "org/tokenrefresh/internal/caffeine/",
                "org/tokenrefresh/internal/slf4j/")) {
            assertTrue(javaxAll.entries().keySet().stream().anyMatch(name -> name.startsWith(relocated)),
                    relocated + " is in " + javaxAll);
            assertEquals(List.of(), JavaxJarChecks.changedUnder(jakartaAll, javaxAll, relocated), relocated);
        }
        assertFalse(javaxAll.entries().keySet().stream().anyMatch(name -> name.startsWith("org/apache/hc/")),
                "nothing unrelocated");
    }

    private static boolean javaxApi(String internalName) {
        return internalName.startsWith("javax/servlet/") || internalName.startsWith("javax/ws/rs/")
                || internalName.startsWith("org/eclipse/microprofile/");
    }
}
