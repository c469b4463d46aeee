package org.tokenrefresh.ee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A broken configuration fails the deployment with one message that lists every bad key. A plain Payara
 * Micro process, because the Arquillian connector does not report a failed deployment (it sees "Deployed: []"
 * and throws nothing) and a test cannot read the server's console through it.
 */
class BrokenConfigurationIT {

    @Test
    void brokenConfigurationFailsTheDeploymentWithOneMessageListingEveryBadKey() throws Exception {
        Path dir = Path.of(System.getProperty("it.work-dir", "target/payara"), "broken");
        Path war = TestWar.named("broken").withLibrary().withTestApplication().exportTo(dir);
        int http = MicroProcess.freeLoopbackPort();
        try (MicroProcess micro = MicroProcess.start("broken", dir,
                List.of("-Dtokenrefresh.backend-url=ftp://auth.example.com/refresh", "-Dtokenrefresh.refresh-interval=soon",
                        "-Dtokenrefresh.replay=sometimes"),
                List.of("--deploy", war.toAbsolutePath().toString(), "--port", String.valueOf(http), "--nohazelcast"))) {
            micro.await(MicroProcess.READY, 120);
            String log = micro.log();
            assertTrue(log.contains("Invalid token refresh configuration (3 problems)"), micro.tail());
            assertTrue(log.contains("tokenrefresh.backend-url=\"ftp://auth.example.com/refresh\": expected an absolute http:// or https:// URL"), micro.tail());
            assertTrue(log.contains("tokenrefresh.refresh-interval=\"soon\": expected a duration"), micro.tail());
            assertTrue(log.contains("tokenrefresh.replay=\"sometimes\": expected one of none, idempotent, all"), micro.tail());
            assertTrue(Pattern.compile("\"Deployed\": \\[\\s*\\]").matcher(log).find(), "nothing deployed:\n" + micro.tail());
            assertEquals(404, Http.scrape(URI.create("http://127.0.0.1:" + http + "/broken/public/page")).statusCode(),
                    "the application is not served");
            assertEquals(503, Http.scrape(URI.create("http://127.0.0.1:" + http + "/health")).statusCode());
        }
    }
}
