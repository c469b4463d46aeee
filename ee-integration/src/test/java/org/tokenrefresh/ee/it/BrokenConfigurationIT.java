package org.tokenrefresh.ee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.testsupport.PayaraMicro;

/**
 * A broken configuration fails the deployment with one message that lists every bad key. A plain Payara
 * Micro process, because the Arquillian connector does not report a failed deployment (it sees "Deployed: []"
 * and throws nothing) and a test cannot read the server's console through it.
 */
class BrokenConfigurationIT {

    @Test
    void brokenConfigurationFailsTheDeploymentWithOneMessageListingEveryBadKey() throws Exception {
        Path war = TestWar.named("broken").withLibrary().withTestApplication().exportTo(Nodes.workDir("broken"));
        try (PayaraMicro micro = Nodes.node("broken", "broken")
                .jvmOptions("-Dtokenrefresh.backend-url=ftp://auth.example.com/refresh", "-Dtokenrefresh.refresh-interval=soon",
                        "-Dtokenrefresh.replay=sometimes")
                .deploy(war).withoutDataGrid().start()) {
            micro.awaitReady(Duration.ofSeconds(120));
            String log = micro.log();
            assertTrue(log.contains("Invalid token refresh configuration (3 problems)"), micro.tail());
            assertTrue(log.contains("tokenrefresh.backend-url=\"ftp://auth.example.com/refresh\": expected an absolute http:// or https:// URL"), micro.tail());
            assertTrue(log.contains("tokenrefresh.refresh-interval=\"soon\": expected a duration"), micro.tail());
            assertTrue(log.contains("tokenrefresh.replay=\"sometimes\": expected one of none, idempotent, all"), micro.tail());
            assertTrue(Pattern.compile("\"Deployed\": \\[\\s*\\]").matcher(log).find(), "nothing deployed:\n" + micro.tail());
            assertEquals(404, Http.scrape(URI.create(micro.baseUrl() + "/broken/public/page")).statusCode(),
                    "the application is not served");
            assertEquals(503, Http.scrape(URI.create(micro.baseUrl() + "/health")).statusCode());
        }
    }
}
