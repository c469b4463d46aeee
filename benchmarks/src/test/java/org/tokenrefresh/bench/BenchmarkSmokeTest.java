package org.tokenrefresh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The benchmarks' smoke run for "mvn verify": small sizes, a few seconds, asserting only the invariants the
 * full run reports (never a time). The full run is "mvn -Pbench -pl benchmarks -am -DskipTests verify".
 */
class BenchmarkSmokeTest {

    @Test
    void stormMakesExactlyOneRefreshCallPerSession() throws Exception {
        StormBenchmark.Result result = StormBenchmark.run(AppServer.Mode.LIBRARY, 10, 10, 1);
        assertEquals(100, result.requests());
        assertEquals(10, result.backendCalls());
        assertEquals(1, result.maxCallsPerSession());
        assertEquals(0, result.failed());
        assertEquals(0, result.revokedFamilies());
        assertEquals(0, result.reuseDetections());
        assertEquals(0, result.cookiesCleared());
    }

    @Test
    void naiveStormTripsReuseDetection() throws Exception {
        StormBenchmark.Result result = StormBenchmark.run(AppServer.Mode.NAIVE, 10, 10, 1);
        assertEquals(100, result.backendCalls(), "the seed's design calls the backend once per request");
        assertTrue(result.reuseDetections() > 0, "concurrent use of one refresh token is reuse");
        assertTrue(result.revokedFamilies() > 0);
        assertTrue(result.failed() > 0);
    }
}
