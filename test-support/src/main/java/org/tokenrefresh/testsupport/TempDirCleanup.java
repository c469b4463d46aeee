package org.tokenrefresh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The Arquillian Payara Micro connector copies each deployment to {@code java.io.tmpdir/arquillian-payara-micro*}
 * and leaves it there. When the test JVM's session ends (the container is stopped by then), the copies this
 * session made are removed; older ones are left alone.
 *
 * <h2>Usage</h2>
 * A module with Arquillian tests on Payara Micro registers it in its test resources, file
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}, and points {@code java.io.tmpdir}
 * at a directory of its own build in failsafe's {@code argLine}
 * ({@code -Djava.io.tmpdir=${project.build.directory}/it-tmp}; created here), so that a build running at the same
 * time elsewhere on the machine never sees, or removes, its copies. Never register it with the shared system
 * temporary directory. Needs {@code org.junit.platform:junit-platform-launcher} (optional here).
 *
 * <h2>Behaviour</h2>
 * It acts only when {@code java.io.tmpdir} lies inside the working directory (the module's own build, where
 * surefire and failsafe run): with the machine's shared temporary directory, as in a surefire run that does not
 * move it, it does nothing, since the copies there may be another build's.
 */
public final class TempDirCleanup implements LauncherSessionListener {

    private static final String PREFIX = "arquillian-payara-micro";
    private final Set<Path> before = new HashSet<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!ownTemporaryDirectory()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create java.io.tmpdir", e);
        }
        before.addAll(leftovers());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (!ownTemporaryDirectory()) {
            return;
        }
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

    /** Whether {@code java.io.tmpdir} is this build's own: inside the working directory. */
    static boolean ownTemporaryDirectory() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        return tmp.startsWith(Path.of("").toAbsolutePath());
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
