package org.tokenrefresh.testsupport;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Copying a server's configuration or a class path, and removing what a test left on disk. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes the file or directory tree; nothing happens when it does not exist. Links are not followed. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(root)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.deleteIfExists(path);
        }
    }

    /**
     * Copies a file, or a directory tree (parents before children), to {@code to}; {@code options} apply to each
     * file.
     */
    public static void copy(Path from, Path to, CopyOption... options) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, options);
                }
            }
        }
    }
}
