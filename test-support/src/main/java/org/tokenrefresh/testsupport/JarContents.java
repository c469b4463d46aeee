package org.tokenrefresh.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The entries of a built jar, read once into memory, for checks on what a build produced. */
public final class JarContents {

    private final Path jar;
    private final Map<String, byte[]> entries;

    private JarContents(Path jar, Map<String, byte[]> entries) {
        this.jar = jar;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Reads every file entry of {@code jar}; fails clearly when it was not built. */
    public static JarContents read(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("No " + jar + ": run through Maven, which builds it first");
        }
        Map<String, byte[]> entries = new TreeMap<>();
        try (InputStream file = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
        return new JarContents(jar, entries);
    }

    /** The jar's path. */
    public Path path() {
        return jar;
    }

    /** Entry name to content, in name order, directories left out. */
    public Map<String, byte[]> entries() {
        return entries;
    }

    /** The class files, parsed. */
    public List<ClassFile> classes() {
        return entries.entrySet().stream().filter(entry -> isClass(entry.getKey()))
                .map(entry -> ClassFile.parse(entry.getValue())).toList();
    }

    /** An entry as UTF-8 text, or {@code null} when the jar has no such entry. */
    public String text(String name) {
        byte[] content = entries.get(name);
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }

    /** Whether an entry name is a class file (module descriptors excepted). */
    public static boolean isClass(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class");
    }

    @Override
    public String toString() {
        return jar.getFileName().toString();
    }
}
