package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClassFile reads what compiled code refers to and finds what a version of an API lacks; JarContents reads jars;
 * JavaxJarChecks compares a jakarta jar with its javax transform.
 */
class JarInspectionTest {

    @TempDir
    Path dir;

    /** Compiled by javac in the test: every kind of constant the reader must step over, and references to read. */
    private static final String USER = """
            package demo;
            public class User {
                static final long BIG = 1L << 40;
                static final double HALF = 0.5;
                String run(Api api) {
                    api.kept();
                    api.added();
                    Runnable lambda = () -> System.out.println(api.FIELD + BIG + HALF);
                    lambda.run();
                    return "jakarta.servlet.http.HttpServletRequest";
                }
            }
            """;

    private static final String API_OLD = """
            package demo;
            public class Api {
                public void kept() {
                }
            }
            """;

    private static final String API_NEW = """
            package demo;
            public class Api extends Base {
                public int FIELD;
                public void added() {
                }
            }
            """;

    private static final String BASE = """
            package demo;
            public class Base {
                public void kept() {
                }
            }
            """;

    @Test
    void readsTheNameVersionStringsClassesAndMembersOfACompiledClass() throws IOException {
        Path classes = compile("all", Map.of("demo/User.java", USER, "demo/Api.java", API_NEW, "demo/Base.java", BASE));

        ClassFile user = ClassFile.parse(Files.readAllBytes(classes.resolve("demo/User.class")));

        assertEquals("demo/User", user.name());
        assertEquals(55, user.majorVersion(), "compiled with --release 11");
        assertTrue(user.strings().contains("jakarta.servlet.http.HttpServletRequest"), user.strings().toString());
        assertTrue(user.classes().containsAll(Set.of("demo/Api", "java/lang/Runnable", "java/io/PrintStream")),
                user.classes().toString());
        assertTrue(user.members().contains(new ClassFile.MemberRef("demo/Api", "added", "()V", true)), user.members().toString());
        assertTrue(user.members().contains(new ClassFile.MemberRef("demo/Api", "FIELD", "I", false)), user.members().toString());
        assertTrue(user.members().contains(new ClassFile.MemberRef("java/lang/System", "out", "Ljava/io/PrintStream;", false)));
    }

    @Test
    void findsTheClassesAndMembersAnOlderApiLacksAndNothingInTheApiItWasBuiltAgainst() throws IOException {
        Path built = compile("new", Map.of("demo/User.java", USER, "demo/Api.java", API_NEW, "demo/Base.java", BASE));
        Path older = compile("old", Map.of("demo/Api.java", API_OLD));
        List<ClassFile> user = List.of(ClassFile.parse(Files.readAllBytes(built.resolve("demo/User.class"))));

        try (URLClassLoader newApi = loader(built); URLClassLoader oldApi = loader(older)) {
            // kept() is found on the superclass in the new version, on the class itself in the old one
            assertEquals(Set.of(), ClassFile.missingFrom(user, name -> name.startsWith("demo/Api"), newApi));
            assertEquals(Set.of("demo.Api#FIELD:I (used by demo/User)", "demo.Api.added()V (used by demo/User)"),
                    ClassFile.missingFrom(user, name -> name.startsWith("demo/Api"), oldApi));
            assertEquals(Set.of("class demo.User (used by demo/User)"),
                    ClassFile.missingFrom(user, name -> name.equals("demo/User"), oldApi));
        }
    }

    @Test
    void refusesWhatIsNotAClassFile() {
        assertThrows(IllegalArgumentException.class, () -> ClassFile.parse("not a class".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void jarContentsReadsEveryFileEntryAndItsClasses() throws IOException {
        Path classes = compile("jar", Map.of("demo/Api.java", API_OLD));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("demo/", null);
        entries.put("demo/Api.class", Files.readAllBytes(classes.resolve("demo/Api.class")));
        entries.put("META-INF/services/demo.Service", "demo.Api\n".getBytes(StandardCharsets.UTF_8));

        JarContents contents = JarContents.read(jar("demo", entries));

        assertEquals(Set.of("demo/Api.class", "META-INF/services/demo.Service"), contents.entries().keySet());
        assertEquals("demo.Api\n", contents.text("META-INF/services/demo.Service"));
        assertNull(contents.text("absent"));
        assertEquals(List.of("demo/Api"), contents.classes().stream().map(ClassFile::name).toList());
        AssertionError notBuilt = assertThrows(AssertionError.class, () -> JarContents.read(dir.resolve("none.jar")));
        assertNotNull(notBuilt.getMessage());
        assertTrue(notBuilt.getMessage().contains("none.jar"), notBuilt.getMessage());
    }

    @Test
    void javaxChecksFindJakartaNamesLeftInClassesServiceFilesAndTheirNames() throws IOException {
        Path classes = compile("names", Map.of("demo/User.java", USER, "demo/Api.java", API_NEW, "demo/Base.java", BASE));
        JarContents jakarta = JarContents.read(jar("jakarta", Map.of(
                "demo/User.class", Files.readAllBytes(classes.resolve("demo/User.class")),
                "META-INF/services/jakarta.servlet.ServletContainerInitializer", "demo.Api\n".getBytes(StandardCharsets.UTF_8),
                "META-INF/maven/demo/demo/pom.xml", "<description>from jakarta.* to javax.*</description>".getBytes(StandardCharsets.UTF_8),
                "META-INF/beans.xml", "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"/>".getBytes(StandardCharsets.UTF_8))));
        JarContents clean = JarContents.read(jar("clean", Map.of(
                "demo/Api.class", Files.readAllBytes(classes.resolve("demo/Api.class")),
                "META-INF/services/javax.servlet.ServletContainerInitializer", "demo.Api\n".getBytes(StandardCharsets.UTF_8))));

        assertEquals(List.of("META-INF/beans.xml: <beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"/>",
                "META-INF/services/jakarta.servlet.ServletContainerInitializer: its name",
                "demo/User.class: jakarta.servlet.http.HttpServletRequest"), JavaxJarChecks.jakartaNames(jakarta));
        assertEquals(List.of(), JavaxJarChecks.jakartaNames(clean));
    }

    @Test
    void javaxChecksExpectTheSameEntriesAndClassVersionsWithServiceFilesRenamed() throws IOException {
        byte[] java11 = Files.readAllBytes(compile("v11", Map.of("demo/Api.java", API_OLD)).resolve("demo/Api.class"));
        byte[] java17 = Files.readAllBytes(compile("v17", Map.of("demo/Api.java", API_OLD), "17").resolve("demo/Api.class"));
        byte[] service = "demo.Api\n".getBytes(StandardCharsets.UTF_8);
        JarContents jakarta = JarContents.read(jar("jakarta", Map.of("demo/Api.class", java11, "demo/Kept.class", java11,
                "META-INF/services/jakarta.servlet.ServletContainerInitializer", service,
                "META-INF/maven/demo/jakarta/pom.properties", service)));
        JarContents javax = JarContents.read(jar("javax", Map.of("demo/Api.class", java11, "demo/Kept.class", java11,
                "META-INF/services/javax.servlet.ServletContainerInitializer", service,
                "META-INF/maven/demo/javax/pom.properties", service, "META-INF/MANIFEST.MF", new byte[0])));
        JarContents broken = JarContents.read(jar("broken", Map.of("demo/Api.class", java17, "demo/Added.class", java11,
                "META-INF/services/jakarta.servlet.ServletContainerInitializer", service)));

        assertEquals(List.of(), JavaxJarChecks.differences(jakarta, javax));
        assertEquals(List.of("missing META-INF/services/javax.servlet.ServletContainerInitializer", "missing demo/Kept.class",
                "added META-INF/services/jakarta.servlet.ServletContainerInitializer", "added demo/Added.class",
                "demo/Api.class: class file version 55 became 61"), JavaxJarChecks.differences(jakarta, broken));
        assertEquals(List.of(), JavaxJarChecks.changedUnder(jakarta, javax, "demo/"));
        assertEquals(List.of("demo/Api.class", "demo/Kept.class"), JavaxJarChecks.changedUnder(jakarta, broken, "demo/"));
    }

    /** Writes a jar of these entries (a {@code null} content is a directory entry). */
    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    out.write(entry.getValue());
                }
            }
        }
        return jar;
    }

    private Path compile(String name, Map<String, String> sources) throws IOException {
        return compile(name, sources, "11");
    }

    private Path compile(String name, Map<String, String> sources, String release) throws IOException {
        Path src = dir.resolve(name + "-src");
        Path out = dir.resolve(name + "-classes");
        Files.createDirectories(out);
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--release", release, "-d", out.toString()));
        for (String file : sources.keySet()) {
            arguments.add(src.resolve(file).toString());
        }
        assertEquals(0, javac.run(null, null, null, arguments.toArray(String[]::new)), "javac " + arguments);
        return out;
    }

    private static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, JarInspectionTest.class.getClassLoader().getParent());
    }
}
