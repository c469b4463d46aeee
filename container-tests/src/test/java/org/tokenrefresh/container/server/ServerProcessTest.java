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

/** A server that does not come up fails loudly, with what it wrote. */
class ServerProcessTest {

    @TempDir
    Path work;

    @Test
    void serverThatExitsBeforeAnsweringFailsWithItsExitCodeAndLogTail() {
        try (ServerProcess process = ServerProcess.start("crashing server",
                List.of("bash", "-c", "echo 'SEVERE: cannot bind the port'; exit 3"), work, Map.of(), work.resolve("console.log"))) {
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> process.awaitHttp(URI.create("http://127.0.0.1:" + ServerProcess.freePort() + "/"), Duration.ofSeconds(60)));
            assertTrue(failure.getMessage().contains("crashing server exited with code 3"), failure.getMessage());
            assertTrue(failure.getMessage().contains("SEVERE: cannot bind the port"), failure.getMessage());
        }
    }

    @Test
    void serverThatNeverAnswersFailsAfterTheTimeoutWithItsLogTail() {
        try (ServerProcess process = ServerProcess.start("silent server",
                List.of("bash", "-c", "echo 'still starting'; sleep 60"), work, Map.of(), work.resolve("console.log"))) {
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> process.awaitHttp(URI.create("http://127.0.0.1:" + ServerProcess.freePort() + "/"), Duration.ofSeconds(5)));
            assertTrue(failure.getMessage().contains("did not answer 200 within 5 s"), failure.getMessage());
            assertTrue(failure.getMessage().contains("still starting"), failure.getMessage());
        }
    }
}
