package org.tokenrefresh.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the JDK for Keycloak is recognised, without starting anything. */
class KeycloakServerTest {

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
