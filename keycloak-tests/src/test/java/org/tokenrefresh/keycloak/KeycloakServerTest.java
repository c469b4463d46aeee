package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How Keycloak's JDK is recognised, and how a Keycloak that never gets ready fails the run (with stand-in scripts). */
class KeycloakServerTest {

    @Test
    void keycloakThatExitsBeforeItIsReadyFailsWithItsStatusAndTheTailOfItsLog(@TempDir Path dir) throws IOException {
        Path home = distribution(dir, "echo 'ERROR: stand-in Keycloak cannot start'; exit 3");
        assertStartFails(dir, home, "21", Duration.ofSeconds(60), "exited with status 3", "ERROR: stand-in Keycloak cannot start");
    }

    @Test
    void keycloakThatIsNotReadyInTimeIsStoppedAndFailsWithTheTailOfItsLog(@TempDir Path dir) throws IOException {
        Path home = distribution(dir, "echo \"started as $$\"; echo $$ > \"$(dirname \"$0\")/pid\"; exec sleep 600");
        assertStartFails(dir, home, "25", Duration.ofSeconds(2), "not ready within 2 s", "started as ");
        long pid = Long.parseLong(Files.readString(home.resolve("bin/pid")).trim());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the stand-in was stopped");
    }

    /** Starting the stand-in at {@code home} on a JDK of this version fails with a message containing every fragment. */
    private static void assertStartFails(Path dir, Path home, String javaVersion, Duration timeout, String... fragments) throws IOException {
        Path javaHome = jdk(dir.resolve("jdk"), "JAVA_VERSION=\"" + javaVersion + "\"");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> KeycloakServer.start(home, javaHome, timeout));
        for (String fragment : fragments) {
            assertTrue(failure.getMessage().contains(fragment), failure.getMessage());
        }
    }

    /** A stand-in distribution whose {@code bin/kc.sh} runs {@code script}; its log goes to {@code ../keycloak.log}, as in the build. */
    private static Path distribution(Path dir, String script) throws IOException {
        Path home = Files.createDirectories(dir.resolve("keycloak").resolve("keycloak-0"));
        Path kc = Files.createDirectories(home.resolve("bin")).resolve("kc.sh");
        Files.writeString(kc, "#!/bin/bash\n" + script + "\n");
        Files.setPosixFilePermissions(kc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    @Test
    void featureVersionIsReadFromTheJdksReleaseFile(@TempDir Path jvms) throws IOException {
        assertEquals(21, KeycloakServer.javaVersion(jdk(jvms.resolve("a"), "JAVA_VERSION=\"21.0.5\"")));
        assertEquals(25, KeycloakServer.javaVersion(jdk(jvms.resolve("b"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25\"")));
        assertEquals(8, KeycloakServer.javaVersion(jdk(jvms.resolve("c"), "JAVA_VERSION=\"1.8.0_402\"")));
        assertEquals(-1, KeycloakServer.javaVersion(jdk(jvms.resolve("d"), "IMPLEMENTOR=\"nobody\"")), "no version line");
        Path noLauncher = Files.createDirectories(jvms.resolve("e"));
        Files.writeString(noLauncher.resolve("release"), "JAVA_VERSION=\"21\"");
        assertEquals(-1, KeycloakServer.javaVersion(noLauncher), "no bin/java: not a JDK");
    }

    private static Path jdk(Path home, String release) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), release + "\n");
        return home;
    }
}
