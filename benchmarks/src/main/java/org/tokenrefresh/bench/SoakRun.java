package org.tokenrefresh.bench;

import java.time.Duration;

/** Item 7: the soak. */
final class SoakRun {

    private SoakRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        Duration duration = full ? Duration.ofMinutes(10) : Duration.ofSeconds(40);
        int users = full ? 50 : 10;
        Duration lifetime = Duration.ofSeconds(15);
        SoakBenchmark.Result r = SoakBenchmark.run(duration, users, lifetime, 7);
        System.out.println("soak: " + r);
        StringBuilder md = new StringBuilder("## 7. Soak (in-process Tomcat 11)\n\n");
        md.append(users).append(" simulated users for ").append(duration.toMinutes() > 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " s")
                .append(" against a real Tomcat 11 on 127.0.0.1 with the filter at its default settings (the refresh threshold ")
                .append("is capped at half the token lifetime: 7 s); the mock auth backend issues ").append(lifetime.toSeconds())
                .append("-second access tokens and rotates single-use refresh tokens with reuse detection. Each user thinks for ")
                .append("a random time (75 %: 0–1.5 s, 20 %: 1.5–5.5 s, 5 %: 15–30 s, past the token's lifetime), then sends ")
                .append("one request (60 %) or a parallel burst of 2–8, and keeps the answers' cookies as a browser does. ")
                .append("Payara Micro was not used for this run: see item 2/4 for why.\n\n");
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
        report.row("7. soak " + duration.toMinutes() + " min, " + users + " users, 15-s tokens (in-process Tomcat)",
                "0 spurious logouts, 0 reuse detections", r.spuriousLogouts() + " logouts, " + r.reuseDetections()
                        + " reuse detections, " + r.failed() + " failed of " + r.requests(),
                r.spuriousLogouts() == 0 && r.reuseDetections() == 0 && r.failed() == 0);
    }
}
