package org.tokenrefresh.container.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokenrefresh.testsupport.Loopback;

/** A server that does not come up fails loudly, with what it wrote. */
class ServerProcessTest {

    @TempDir
    Path work;

    @Test
    void serverThatExitsBeforeAnsweringFailsWithItsExitCodeAndLogTail() {
        assertStartFails("crashing server", "echo 'SEVERE: cannot bind the port'; exit 3", Duration.ofSeconds(60),
                "crashing server exited with code 3", "SEVERE: cannot bind the port");
    }

    @Test
    void serverThatNeverAnswersFailsAfterTheTimeoutWithItsLogTail() {
        assertStartFails("silent server", "echo 'still starting'; sleep 60", Duration.ofSeconds(5),
                "did not answer 200 within 5 s", "still starting");
    }

    /** Starts {@code script} as a server, waits for HTTP 200 and checks the failure names every expected part. */
    private void assertStartFails(String name, String script, Duration timeout, String... expected) {
        try (ServerProcess process = ServerProcess.start(name, List.of("bash", "-c", script), work, Map.of(),
                work.resolve("console.log"))) {
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> process.awaitHttp(URI.create("http://127.0.0.1:" + Loopback.freePort() + "/"), timeout));
            for (String part : expected) {
                assertTrue(failure.getMessage().contains(part), failure.getMessage());
            }
        }
    }
}
