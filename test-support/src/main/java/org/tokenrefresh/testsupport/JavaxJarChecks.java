package org.tokenrefresh.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks on a jar transformed from {@code jakarta.*} to {@code javax.*} at build time (the {@code -javax}
 * artifacts), against the jakarta jar it was made from. Each returns the problems it found, so that a test asserts
 * an empty list and a failure names every one.
 */
public final class JavaxJarChecks {

    private static final String SERVICES = "META-INF/services/";
    /** Written by the build tool for each artifact (a copy of its pom), so never the same in both jars. */
    private static final String MAVEN_METADATA = "META-INF/maven/";
    /** Also the build tool's: a shaded jar may have none, and the Transformer writes one. */
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private JavaxJarChecks() {
    }

    /**
     * Every place the jar still names a {@code jakarta} package ({@code jakarta.} or {@code jakarta/}): in the
     * constant pool of a class (types, descriptors, string literals) and in any other entry (service files,
     * descriptors, manifests), and service files named for one. Maven's metadata (the project's pom) is left out.
     */
    public static List<String> jakartaNames(JarContents jar) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : jar.entries().entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(MAVEN_METADATA)) {
                continue;
            }
            if (namesJakarta(name)) {
                found.add(name + ": its name");
            }
            if (JarContents.isClass(name)) {
                ClassFile.parse(entry.getValue()).strings().stream().filter(JavaxJarChecks::namesJakarta)
                        .forEach(constant -> found.add(name + ": " + constant));
            } else {
                String text = new String(entry.getValue(), StandardCharsets.ISO_8859_1);
                text.lines().filter(JavaxJarChecks::namesJakarta).forEach(line -> found.add(name + ": " + line.strip()));
            }
        }
        return found;
    }

    private static boolean namesJakarta(String text) {
        return text.contains("jakarta.") || text.contains("jakarta/");
    }

    /**
     * How the javax jar's entries differ from the jakarta jar's, beyond what the transform must change: an entry
     * missing or added (a service file {@code META-INF/services/jakarta.X} is expected as
     * {@code META-INF/services/javax.X}; Maven's metadata and the manifest are left out), and a class whose class
     * file version changed.
     */
    public static List<String> differences(JarContents jakarta, JarContents javax) {
        List<String> found = new ArrayList<>();
        TreeSet<String> expected = new TreeSet<>();
        for (String name : jakarta.entries().keySet()) {
            if (!buildMetadata(name)) {
                expected.add(name.startsWith(SERVICES + "jakarta.")
                        ? SERVICES + "javax." + name.substring((SERVICES + "jakarta.").length()) : name);
            }
        }
        TreeSet<String> actual = new TreeSet<>();
        javax.entries().keySet().stream().filter(name -> !buildMetadata(name)).forEach(actual::add);
        for (String name : expected) {
            if (!actual.contains(name)) {
                found.add("missing " + name);
            }
        }
        for (String name : actual) {
            if (!expected.contains(name)) {
                found.add("added " + name);
            }
        }
        for (Map.Entry<String, byte[]> entry : jakarta.entries().entrySet()) {
            byte[] transformed = javax.entries().get(entry.getKey());
            if (JarContents.isClass(entry.getKey()) && transformed != null) {
                int before = ClassFile.parse(entry.getValue()).majorVersion();
                int after = ClassFile.parse(transformed).majorVersion();
                if (before != after) {
                    found.add(entry.getKey() + ": class file version " + before + " became " + after);
                }
            }
        }
        return found;
    }

    private static boolean buildMetadata(String name) {
        return name.startsWith(MAVEN_METADATA) || name.equals(MANIFEST);
    }

    /** The entries under {@code prefix} whose bytes the transform changed (for code that must stay as it was). */
    public static List<String> changedUnder(JarContents jakarta, JarContents javax, String prefix) {
        List<String> changed = new ArrayList<>();
        jakarta.entries().forEach((name, content) -> {
            if (name.startsWith(prefix) && !Arrays.equals(content, javax.entries().get(name))) {
                changed.add(name);
            }
        });
        return changed;
    }
}
