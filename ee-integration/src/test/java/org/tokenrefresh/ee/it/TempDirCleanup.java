package org.tokenrefresh.ee.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.tokenrefresh.testsupport.FileTrees;

/**
 * The Arquillian Payara Micro connector copies each deployment to {@code java.io.tmpdir/arquillian-payara-micro*}
 * and leaves it there. When the test JVM's session ends (the container is stopped by then), the copies this
 * session made are removed; older ones, possibly another build's, are left alone.
 */
public final class TempDirCleanup implements LauncherSessionListener {

    private static final String PREFIX = "arquillian-payara-micro";
    private final Set<Path> before = new HashSet<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        before.addAll(leftovers());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        for (Path dir : leftovers()) {
            if (!before.contains(dir)) {
                try {
                    FileTrees.delete(dir);
                } catch (IOException e) {
                    System.err.println("Could not remove " + dir + ": " + e);
                }
            }
        }
    }

    private static Set<Path> leftovers() {
        Set<Path> found = new HashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), PREFIX + "*")) {
            dirs.forEach(found::add);
        } catch (IOException e) {
            // nothing to clean
        }
        return found;
    }
}
