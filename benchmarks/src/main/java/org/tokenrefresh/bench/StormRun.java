package org.tokenrefresh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.tokenrefresh.bench.AppServer.Mode;
import org.tokenrefresh.bench.StormBenchmark.Result;

/** Item 3: storm rounds with the library and with the seed's design, alternating, and the storm chart. */
final class StormRun {

    private StormRun() {
    }

    static void run(Report report, boolean full) throws Exception {
        int rounds = full ? 5 : 1;
        int sessions = 100;
        int perSession = 10;
        List<Result> library = new ArrayList<>();
        List<Result> naive = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            library.add(StormBenchmark.run(Mode.LIBRARY, sessions, perSession, round));
            naive.add(StormBenchmark.run(Mode.NAIVE, sessions, perSession, round));
            System.out.println("storm round " + round + ": library " + summary(library.get(round)) + "; naive " + summary(naive.get(round)));
        }
        chart(report, library.get(library.size() - 1), naive.get(naive.size() - 1));
        StringBuilder md = new StringBuilder("## 3. Refresh storm\n\n");
        md.append(sessions * perSession).append(" requests sent at once over ").append(sessions)
                .append(" sessions whose access tokens have all expired, each refreshed through the server once before (so the ")
                .append("library vouches for it, as for the sessions of a site's returning users; ")
                .append(perSession).append(" per session, interleaved), to a real Tomcat 11 (200 worker threads) on ")
                .append("127.0.0.1; the mock auth backend over HTTP on 127.0.0.1 with rotating single-use refresh tokens and ")
                .append("reuse detection (a reused refresh token revokes its whole family, its access tokens included). ")
                .append("The application validates every access token (HS256, expiry, family alive). `library`: the filter with ")
                .append("default settings. `seed's design`: `NaiveRefreshFilter` in this module, which calls the backend for ")
                .append("every request that finds its token due, with the same cookie reading and expiry decision. ")
                .append(rounds).append(" rounds each, alternating; figures are median (min–max, n).\n\n");
        md.append("| figure | library | seed's design |\n|---|---|---|\n");
        Stats.compareRow(md, "backend refresh calls", library, naive, r -> r.backendCalls(), "%.0f");
        Stats.compareRow(md, "most calls for one session", library, naive, r -> r.maxCallsPerSession(), "%.0f");
        Stats.compareRow(md, "failed requests (not 200)", library, naive, r -> r.failed(), "%.0f");
        Stats.compareRow(md, "responses clearing the cookies", library, naive, r -> r.cookiesCleared(), "%.0f");
        Stats.compareRow(md, "reuse detections at the backend", library, naive, r -> r.reuseDetections(), "%.0f");
        Stats.compareRow(md, "revoked token families", library, naive, r -> r.revokedFamilies(), "%.0f");
        Stats.compareRow(md, "storm wall time, ms", library, naive, Result::wallMillis, "%.0f");
        Stats.compareRow(md, "request latency p50, ms", library, naive, Result::p50Millis, "%.0f");
        Stats.compareRow(md, "request latency p99, ms", library, naive, Result::p99Millis, "%.0f");
        Stats.compareRow(md, "load before", library, naive, Result::loadBefore, "%.2f");
        md.append("\n![storm timeline](storm.png)\n\n`storm.png`: the last round of each, cumulative over time since the first request was sent.\n");
        report.section("3", md.toString());
        double calls = Stats.median(Stats.values(library, r -> r.backendCalls()));
        boolean exact = library.stream().allMatch(r -> r.backendCalls() == sessions && r.failed() == 0 && r.revokedFamilies() == 0);
        report.row("3. refresh storm, library", "exactly 100 refresh calls, 0 failed, 0 revoked",
                Stats.fmt("%.0f", calls) + " calls, " + Stats.fmt("%.0f", Stats.median(Stats.values(library, r -> r.failed())))
                        + " failed, " + Stats.fmt("%.0f", Stats.median(Stats.values(library, r -> r.revokedFamilies())))
                        + " revoked (all " + rounds + " rounds)", exact);
        report.row("3. same storm, seed's design", "(comparison)", Stats.fmt("%.0f", Stats.median(Stats.values(naive, r -> r.backendCalls())))
                + " calls, " + Stats.fmt("%.0f", Stats.median(Stats.values(naive, r -> r.failed()))) + " failed, "
                + Stats.fmt("%.0f", Stats.median(Stats.values(naive, r -> r.revokedFamilies()))) + " revoked", "n/a");
    }

    private static String summary(Result r) {
        return r.backendCalls() + " calls, " + r.failed() + " failed, " + r.revokedFamilies() + " revoked, "
                + r.reuseDetections() + " reuse, " + Math.round(r.wallMillis()) + " ms";
    }



    static void chart(Report report, Result library, Result naive) throws Exception {
        double xMax = Math.max(library.wallMillis(), naive.wallMillis()) * 1.05;
        List<Charts.Panel> panels = new ArrayList<>();
        for (Result r : List.of(library, naive)) {
            String title = r.mode() == Mode.LIBRARY ? "library: single-flight + successor record" : "seed's design: every due request refreshes";
            Charts.Panel panel = new Charts.Panel(title, new Charts.Axis("ms since the storm began", xMax),
                    new Charts.Axis("count (cumulative)", r.requests()));
            panel.add(Charts.cumulative("requests answered 200", Charts.GREEN, r.exchanges().stream()
                    .filter(e -> e.status() == 200).mapToDouble(e -> e.endNanos() / 1e6).toArray()));
            panel.add(Charts.cumulative("requests failed", Charts.RED, r.exchanges().stream()
                    .filter(e -> e.status() != 200).mapToDouble(e -> e.endNanos() / 1e6).toArray()));
            panel.add(Charts.cumulative("backend refresh calls", Charts.BLUE, r.calls().stream()
                    .mapToDouble(c -> c.atNanos() / 1e6).toArray()));
            panel.add(Charts.cumulative("... refused (token reused/revoked)", Charts.ORANGE, r.calls().stream()
                    .filter(c -> c.status() != 200).mapToDouble(c -> c.atNanos() / 1e6).toArray()));
            panels.add(panel);
        }
        Charts.write(report.dir().resolve("storm.png"), "Refresh storm: " + library.requests() + " concurrent requests over "
                + library.sessions() + " sessions with expired access tokens", 2, panels);
    }
}
