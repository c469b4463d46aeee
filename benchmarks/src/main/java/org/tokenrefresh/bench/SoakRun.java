package org.tokenrefresh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.testsupport.FileTrees;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.testsupport.PayaraMicro;

/** Item 7: the soak, on Payara Micro with the sample WAR when it is available, else on in-process Tomcat. */
final class SoakRun {

    private SoakRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        Duration duration = full ? Duration.ofMinutes(10) : Duration.ofSeconds(40);
        int users = full ? 50 : 10;
        Duration lifetime = Duration.ofSeconds(15);
        Path micro = PayaraRun.locate("bench.payara.micro", "sample-war/target/payara-micro.jar");
        Path war = PayaraRun.locate("bench.sample.war", "sample-war/target/token-refresh-sample.war");
        SoakBenchmark.Result r;
        String where;
        if (micro != null && war != null && !Boolean.getBoolean("bench.soak.tomcat")) {
            where = "Payara Micro 6.2025.10 running the sample WAR (library and ee-integration in `WEB-INF/lib`, default "
                    + "settings, its background monitor included), `GET /api/orders`; the mock auth backend in the benchmark JVM";
            r = onPayara(micro, war, duration, users, lifetime);
        } else {
            where = "an in-process Tomcat 11 with the filter at its default settings (Payara Micro inputs not available)";
            r = SoakBenchmark.run(duration, users, lifetime, 7);
        }
        System.out.println("soak: " + r);
        StringBuilder md = new StringBuilder("## 7. Soak\n\n");
        md.append(users).append(" simulated users for ").append(duration.toMinutes() > 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " s")
                .append(" against ").append(where).append(", all on 127.0.0.1. The backend issues ").append(lifetime.toSeconds())
                .append("-second access tokens (so the refresh threshold is capped at half their lifetime: 7 s) and rotates ")
                .append("single-use refresh tokens with reuse detection. Each user thinks for a random time (75 %: 0–1.5 s, ")
                .append("20 %: 1.5–5.5 s, 5 %: 15–30 s, past the token's lifetime), then sends one request (60 %) or a parallel ")
                .append("burst of 2–8, and keeps the answers' cookies as a browser does.\n\n");
        md.append("| figure | value |\n|---|---|\n");
        md.append("| requests / bursts | ").append(r.requests()).append(" / ").append(r.bursts()).append(" |\n");
        md.append("| failed requests (not 200) | ").append(r.failed()).append(" |\n");
        md.append("| spurious logouts (401 or cookies cleared) | ").append(r.spuriousLogouts()).append(" |\n");
        md.append("| backend refresh calls / successful | ").append(r.backendCalls()).append(" / ").append(r.successfulRefreshes()).append(" |\n");
        md.append("| reuse detections at the backend | ").append(r.reuseDetections()).append(" |\n");
        md.append("| revoked token families | ").append(r.revokedFamilies()).append(" |\n");
        md.append("| request latency p50 / p99 / max, ms | ").append(Stats.fmt("%.1f", r.p50Millis())).append(" / ")
                .append(Stats.fmt("%.1f", r.p99Millis())).append(" / ").append(Stats.fmt("%.0f", r.maxMillis())).append(" |\n");
        md.append("| load before → after | ").append(r.loadBefore()).append(" → ").append(r.loadAfter()).append(" |\n");
        report.section("7", md.toString());
        report.row("7. soak " + (duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s") + ", "
                + users + " users, 15-s tokens (" + (where.startsWith("Payara") ? "Payara Micro" : "in-process Tomcat") + ")",
                "0 spurious logouts, 0 reuse detections", r.spuriousLogouts() + " logouts, " + r.reuseDetections()
                        + " reuse detections, " + r.failed() + " failed of " + r.requests(),
                r.spuriousLogouts() == 0 && r.reuseDetections() == 0 && r.failed() == 0);
    }

    private static SoakBenchmark.Result onPayara(Path micro, Path war, Duration duration, int users, Duration lifetime)
            throws Exception {
        Path work = Files.createTempDirectory("token-refresh-bench-soak-");
        try {
            Path microCopy = Files.copy(micro, work.resolve("payara-micro.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path warCopy = Files.copy(war, work.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
            MockAuthBackend backend = PayaraRun.backend(MutableClock.followingSystemTime(), lifetime);
            try (RecordingAuthServer auth = new RecordingAuthServer(backend)) {
                try (PayaraMicro node = PayaraRun.node("soak", microCopy, warCopy, work, PayaraRun.nodeProperties(auth)).start();
                        LoadClient client = new LoadClient(node.baseUrl() + "/api/orders", 8)) {
                    node.awaitReady(Duration.ofSeconds(300));
                    return SoakBenchmark.run(client, backend, duration, users, lifetime, 7);
                }
            }
        } finally {
            FileTrees.delete(work);
        }
    }
}
