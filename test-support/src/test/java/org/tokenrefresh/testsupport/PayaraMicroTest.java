package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's command line; the modules' Payara tests (ee-integration, sample-war) start real servers with it. */
class PayaraMicroTest {

    @TempDir
    Path dir;

    private static String after(List<String> command, String option) {
        int at = command.indexOf(option);
        assertTrue(at >= 0, option + " missing in " + command);
        return command.get(at + 1);
    }

    private PayaraMicro.Builder builder() throws Exception {
        Path jar = dir.resolve("payara-micro.jar");
        if (!Files.exists(jar)) {
            Files.createFile(jar);
        }
        return PayaraMicro.builder(jar).name("node").workDir(dir);
    }

    @Test
    void everyNodeIsBoundToLoopback() throws Exception {
        List<String> command = builder().jvmOptions("-Xmx256m").deploy(Path.of("app.war"), "/")
                .command(8181, dir.resolve("root"), dir.resolve("pre"));

        assertTrue(command.contains("-Dhazelcast.socket.bind.any=false"), command.toString());
        assertEquals("127.0.0.1", after(command, "--interfaces"));
        assertEquals("8181", after(command, "--port"));
        assertTrue(command.contains("--disablephonehome"));
        assertTrue(after(command, "--clustermode").matches("tcpip:127\\.0\\.0\\.1:\\d+"), command.toString());
        assertEquals(after(command, "--clustermode"), "tcpip:127.0.0.1:" + after(command, "--startport"));
        assertTrue(after(command, "--clustername").startsWith("node-"));
        assertEquals("/", after(command, "--contextroot"));
        assertTrue(command.indexOf("-Xmx256m") < command.indexOf("-jar"), "JVM options before the jar");
        assertFalse(command.contains("--nohazelcast"));
    }

    @Test
    void membersOfOneGridListEveryMemberAndTheirOwnPort() throws Exception {
        DataGrid grid = DataGrid.onLoopback("test", 2);

        List<String> first = builder().member(grid, 0).command(1, dir, dir);
        List<String> second = builder().member(grid, 1).command(2, dir, dir);

        String members = "tcpip:127.0.0.1:" + grid.port(0) + ",127.0.0.1:" + grid.port(1);
        assertEquals(members, after(first, "--clustermode"));
        assertEquals(members, after(second, "--clustermode"));
        assertEquals(String.valueOf(grid.port(0)), after(first, "--startport"));
        assertEquals(String.valueOf(grid.port(1)), after(second, "--startport"));
        assertEquals(grid.clusterName(), after(second, "--clustername"));
        assertTrue(grid.clusterName().startsWith("test-"));
        assertTrue(DataGrid.sizeReached(2).matcher("[INFO] DG Size: 2\n").find());
        assertFalse(DataGrid.sizeReached(2).matcher("DG Size: 21").find());
    }

    @Test
    void withoutDataGridSwitchesHazelcastOff() throws Exception {
        List<String> command = builder().withoutDataGrid().postbootCommandFile(dir.resolve("post.txt")).command(1, dir, dir);

        assertTrue(command.contains("--nohazelcast"));
        assertFalse(command.contains("--clustermode"));
        assertEquals(dir.resolve("post.txt").toAbsolutePath().toString(), after(command, "--postbootcommandfile"));
        assertEquals("127.0.0.1", after(command, "--interfaces"), "the HTTP side stays on loopback");
    }

    @Test
    void aMissingJarFailsAtOnceWithItsPath() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PayaraMicro.builder(dir.resolve("nowhere.jar")));

        assertTrue(missing.getMessage().contains("nowhere.jar"), missing.getMessage());
    }

    @Test
    void aProcessThatExitsBeforeItIsReadyFailsWithItsConsole() throws Exception {
        // not a Payara jar: the JVM prints why it cannot run it and exits
        PayaraMicro notPayara = builder().withoutDataGrid().start();
        try {
            AssertionError failure = assertThrows(AssertionError.class, () -> notPayara.awaitReady(java.time.Duration.ofMinutes(2)));
            assertTrue(failure.getMessage().startsWith("node exited with "), failure.getMessage());
            assertTrue(Files.readString(dir.resolve("node-preboot.asadmin")).startsWith(PayaraMicro.LOOPBACK_HTTP_LISTENER));
            assertTrue(Files.isDirectory(dir.resolve("node-root")));
            assertFalse(notPayara.log().isEmpty(), "the console was captured");
        } finally {
            notPayara.close();
        }
    }
}
