package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirCleanupTest {

    @TempDir
    Path elsewhere;

    @Test
    void removesOnlyTheConnectorCopiesThatAppearedDuringTheSessionAndCreatesTheTemporaryDirectory() throws Exception {
        Path dir = Files.createDirectories(Path.of("target"));
        Path tmp = Files.createTempDirectory(dir, "cleanup-test-").resolve("it-tmp");
        String previous = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            TempDirCleanup cleanup = new TempDirCleanup();
            cleanup.launcherSessionOpened(null);
            assertTrue(Files.isDirectory(tmp), "created for the connector");
            Path older = Files.createDirectory(tmp.resolve("arquillian-payara-micro-older"));
            Files.writeString(older.resolve("x.war"), "x");
            TempDirCleanup session = new TempDirCleanup();
            session.launcherSessionOpened(null);
            Path ours = Files.createDirectory(tmp.resolve("arquillian-payara-micro-ours"));
            Files.writeString(ours.resolve("app.war"), "war");
            Path other = Files.createDirectory(tmp.resolve("something-else"));

            session.launcherSessionClosed(null);

            assertFalse(Files.exists(ours), "this session's copy is removed");
            assertTrue(Files.exists(older.resolve("x.war")), "an earlier copy is left alone");
            assertTrue(Files.exists(other), "other directories are left alone");
        } finally {
            System.setProperty("java.io.tmpdir", previous);
            FileTrees.delete(tmp.getParent());
        }
    }

    @Test
    void aSharedTemporaryDirectoryOutsideTheBuildIsLeftAlone() throws Exception {
        String previous = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", elsewhere.toString());
        try {
            TempDirCleanup session = new TempDirCleanup();
            session.launcherSessionOpened(null);
            Path anothers = Files.createDirectory(elsewhere.resolve("arquillian-payara-micro-another-build"));

            session.launcherSessionClosed(null);

            assertTrue(Files.exists(anothers), "perhaps another build's copy, mid-deployment");
            assertFalse(TempDirCleanup.ownTemporaryDirectory());
        } finally {
            System.setProperty("java.io.tmpdir", previous);
        }
    }
}
