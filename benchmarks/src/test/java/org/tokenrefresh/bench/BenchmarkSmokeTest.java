package org.tokenrefresh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
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
        assertZero(Map.of("failed", result.failed(), "revokedFamilies", result.revokedFamilies(),
                "reuseDetections", result.reuseDetections(), "cookiesCleared", result.cookiesCleared()));
    }

    @Test
    void naiveStormTripsReuseDetection() throws Exception {
        StormBenchmark.Result result = StormBenchmark.run(AppServer.Mode.NAIVE, 10, 10, 1);
        assertEquals(100, result.backendCalls(), "the seed's design calls the backend once per request");
        assertTrue(result.reuseDetections() > 0, "concurrent use of one refresh token is reuse");
        assertTrue(result.revokedFamilies() > 0);
        assertTrue(result.failed() > 0);
    }

    @Test
    void outageKeepsValidSessionsAndClearsNoCookie() throws Exception {
        OutageBenchmark.Result result = OutageBenchmark.run(java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(4), 50, 1, 5);
        java.util.List<LoadClient.Exchange> valid = result.during(OutageBenchmark.VALID);
        java.util.List<LoadClient.Exchange> expired = result.during(OutageBenchmark.EXPIRED);
        assertTrue(valid.size() > 10 && expired.size() > 10);
        assertEquals(valid.size(), OutageBenchmark.Result.count(valid, 200), "still-valid tokens always get through");
        assertEquals(expired.size(), OutageBenchmark.Result.count(expired, 503) + OutageBenchmark.Result.count(expired, 200),
                "expired tokens get 503 while the backend is down (or 200 once it is back)");
        assertEquals(0, result.cookiesCleared());
        // without the circuit breaker every one of the ~100 requests would call the backend
        assertTrue(result.callsDuring() <= 10 + 2 * result.callsPerWindow().length,
                "the circuit breaker bounds the calls: " + result.calls());
        assertTrue(result.afterRecovery().size() > 10);
        assertTrue(result.afterRecovery().stream().allMatch(e -> e.status() == 200),
                "all recover: " + result.after().stream().map(e -> e.kind() + " " + e.status() + " at " + e.startNanos() / 1_000_000).toList());
    }

    @Test
    void floodLeavesVouchedSessionsWorkingAndCostsTheBackendAtMostTheUnvouchedRate() throws Exception {
        FloodBenchmark.Plan plan = new FloodBenchmark.Plan(300, java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(4), 10, 2,
                java.time.Duration.ofSeconds(2), false);
        FloodBenchmark.Result library = FloodBenchmark.run(AppServer.Mode.LIBRARY, plan, 1);
        System.out.println("flood smoke, library: " + library.floodSent() + " sent, statuses " + library.floodStatuses() + ", "
                + library.floodBackendCalls() + " flood backend calls, vouched " + library.vouched().size() + " requests");
        assertTrue(library.floodSent() > 300, "the flood ran: " + library.floodSent());
        assertTrue(library.vouched().size() >= 10, "every vouched session sent");
        assertEquals(0, library.vouchedFailed(), "vouched sessions keep working");
        assertEquals(0, library.vouchedCleared());
        assertTrue(library.vouchedRefreshes() > 0, "4-s tokens are refreshed during the flood");
        assertEquals(0, library.reuseDetections());
        assertEquals(0, library.revokedFamilies());
        assertFalse(library.floodStatuses().containsKey(500), library.floodStatuses().toString());
        // per node: the first unvouched failures, then unvouched-rate (50) a second; the flood spans about 5 seconds
        assertTrue(library.floodBackendCalls() <= 20 + 50 * 6, "the bulkhead bounds the flood's backend calls: " + library.floodBackendCalls());
        assertEquals(2, library.freshThroughApp().stream().filter(FloodBenchmark.FirstRefresh::succeeded).count(),
                "users signed in through the application are vouched from the start");

        FloodBenchmark.Result naive = FloodBenchmark.run(AppServer.Mode.NAIVE, new FloodBenchmark.Plan(300,
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(4), 2, 0, java.time.Duration.ZERO, false), 1);
        assertEquals(naive.floodSent() - naive.floodStatuses().getOrDefault(0, 0L), naive.floodBackendCalls(),
                "the seed's design calls the backend for every flood request");
    }

    @Test
    void memoryRunTracksEverySessionAndShrinksItsRecordsAfterTheGrace() {
        MemoryBenchmark.Result result = MemoryBenchmark.run(Jwts.Shape.LARGE, MemoryBenchmark.RefreshShape.OPAQUE, 2_000, true);
        System.out.println("memory smoke: " + result);
        assertEquals(4_000, result.storeEntries(), "in the grace: one marker and one successor record per session");
        assertEquals(2_000, result.storeEntriesAfterGrace(), "after the grace: the marker only");
        assertEquals(2_000, result.monitored(), "the monitor tracks every session the library refreshed");
        assertTrue(result.accessTokenLength() > 1_000 && result.refreshTokenLength() == 43, result.toString());
        assertTrue(result.jolStoreInGrace() > result.accessTokenLength(), "the successor record holds the new tokens: " + result);
        assertTrue(result.jolStoreAfterGrace() < result.accessTokenLength() / 4.0, "after the grace no token is kept: " + result);
    }

    @Test
    void soakLogsNobodyOutAndNeverReusesARefreshToken() throws Exception {
        SoakBenchmark.Result result = SoakBenchmark.run(java.time.Duration.ofSeconds(4), 5, java.time.Duration.ofSeconds(2), 1);
        System.out.println("soak smoke: " + result);
        assertTrue(result.requests() > 20);
        assertTrue(result.successfulRefreshes() > 0, "2-second tokens are refreshed during 4 seconds");
        assertZero(Map.of("failed", result.failed(), "spuriousLogouts", result.spuriousLogouts(),
                "reuseDetections", result.reuseDetections(), "revokedFamilies", result.revokedFamilies()));
    }

    @Test
    void hotPathOperationsAgreeThatAValidTokenIsNotDue() throws Exception {
        for (String shape : HotPathRun.SHAPES) {
            HotPathBenchmark b = new HotPathBenchmark();
            b.shape = shape;
            b.setUp();
            assertEquals(java.util.List.of(false, false, false, false, false, false), java.util.List.of(b.headerOurs(),
                    b.headerJavaJwt(), b.headerNimbus(), b.tokenOurs(), b.tokenJavaJwt(), b.tokenNimbus()), shape);
            CpuTimeComparison.Result cpu = CpuTimeComparison.run(shape, 2, 200);
            assertEquals(6, cpu.nanosPerOp().size());
        }
        CpuTimeComparison.Result isolated = CpuTimeComparison.runIsolated("SMALL", 2, 200);
        assertEquals(6, isolated.nanosPerOp().size());
        assertTrue(isolated.nanosPerOp().values().stream().allMatch(v -> v.length == 2 && v[0] > 0), "every operation measured");
    }

    @Test
    void inProcessThroughputAndChartsWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TomcatThroughput.Result result = TomcatThroughput.run(1, java.time.Duration.ofMillis(300), java.time.Duration.ofMillis(250), 4);
        assertTrue(result.with()[0] > 0 && result.without()[0] > 0, "both answered 200 throughout");
        StormBenchmark.Result storm = StormBenchmark.run(AppServer.Mode.LIBRARY, 5, 4, 2);
        Report report = new Report(dir, "smoke", "quick");
        StormRun.chart(report, storm, storm);
        report.write();
        byte[] png = java.nio.file.Files.readAllBytes(dir.resolve("storm.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(java.nio.file.Files.readString(dir.resolve("RESULTS.md")).contains("## Machine"));
    }

    /** Every named count is 0; a failure names each one that is not, with its value. */
    private static void assertZero(Map<String, ? extends Number> counts) {
        Map<String, Number> notZero = new TreeMap<>();
        counts.forEach((name, count) -> {
            if (count.longValue() != 0) {
                notZero.put(name, count);
            }
        });
        assertEquals(Map.of(), notZero, "counts that must be 0");
    }
}
