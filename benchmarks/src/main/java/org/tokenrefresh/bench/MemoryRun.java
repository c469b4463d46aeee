package org.tokenrefresh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.tokenrefresh.bench.MemoryBenchmark.RefreshShape;
import org.tokenrefresh.bench.MemoryBenchmark.Result;

/** Item 6: heap per tracked session, during and after the rotation grace, several rounds per token shape. */
final class MemoryRun {

    /** The goal for the small and the Keycloak-shaped access token, once the grace has passed. */
    static final double GOAL_BYTES = 512;

    private MemoryRun() {
    }

    static void run(Report report, boolean full) {
        int sessions = full ? 100_000 : 10_000;
        int rounds = full ? 3 : 1;
        StringBuilder md = new StringBuilder("## 6. Memory per tracked session\n\n");
        md.append(String.format("%,d", sessions)).append(" sessions, each refreshed once through the real `RefreshEngine` ")
                .append("(a backend fake answers at once) with everything the library keeps per session attached as in ")
                .append("production: the `InMemoryRefreshStore` (the used token's marker for `reuse-guard`, 1 h, and its ")
                .append("successor record for `rotation-grace`, 30 s) and the ee integration's background monitor (`ActiveSessions`, ")
                .append("which tracks each session the library refreshed, by its refresh token; `monitor-max-memory` raised to ")
                .append("1 GiB so that all are tracked). Measured during the grace and after it (clock moved past ")
                .append("`rotation-grace`, expired successors removed): the second is what a session costs for the rest of its ")
                .append("life. Top-down: growth of used heap after full GCs (`MemoryMXBean`) per session. Bottom-up: JOL 0.17's walk of ")
                .append("the whole object graph of the store and of the monitor, less the empty walk. ").append(rounds)
                .append(" rounds per shape; median (min–max, n).\n\n");
        md.append("| access token (chars) | refresh token (chars) | in grace, B (MemoryMXBean) | after grace, B (MemoryMXBean) ")
                .append("| after grace, JOL: store + monitor = B | goal | load |\n|---|---|---|---|---|---|---|\n");
        Object[][] shapes = {{Jwts.Shape.SMALL, RefreshShape.OPAQUE}, {Jwts.Shape.LARGE, RefreshShape.OPAQUE},
                {Jwts.Shape.HUGE, RefreshShape.OPAQUE}, {Jwts.Shape.LARGE, RefreshShape.KEYCLOAK}};
        for (Object[] pair : shapes) {
            Jwts.Shape shape = (Jwts.Shape) pair[0];
            RefreshShape refreshShape = (RefreshShape) pair[1];
            List<Result> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                results.add(MemoryBenchmark.run(shape, refreshShape, sessions, true));
                System.out.println("memory " + shape + "/" + refreshShape + " round " + round + ": " + results.get(round));
            }
            Result first = results.get(0);
            boolean goal = shape != Jwts.Shape.HUGE && refreshShape == RefreshShape.OPAQUE;
            double afterGrace = Stats.median(values(results, Result::afterGrace));
            md.append("| ").append(shape).append(" (").append(first.accessTokenLength()).append(") | ").append(refreshShape)
                    .append(" (").append(first.refreshTokenLength()).append(") | ")
                    .append(Stats.spread(values(results, Result::inGrace), "%.0f")).append(" | ")
                    .append(Stats.spread(values(results, Result::afterGrace), "%.0f")).append(" | ")
                    .append(Stats.fmt("%.0f", Stats.median(values(results, Result::jolStoreAfterGrace)))).append(" + ")
                    .append(Stats.fmt("%.0f", Stats.median(values(results, Result::jolMonitor)))).append(" = ")
                    .append(Stats.fmt("%.0f", Stats.median(values(results, Result::jolAfterGrace)))).append(" | ")
                    .append(goal ? "≤ 512 B" : "stated").append(" | ")
                    .append(Stats.fmt("%.2f", Stats.median(values(results, Result::load)))).append(" |\n");
            report.row("6. heap per session after the grace, " + String.format("%,d", sessions) + " sessions, " + shape + " access token ("
                    + first.accessTokenLength() + " chars), " + refreshShape.name().toLowerCase() + " refresh token ("
                    + first.refreshTokenLength() + " chars)", goal ? "≤ 512 B" : "stated",
                    Stats.fmt("%.0f", afterGrace) + " B (in grace " + Stats.fmt("%.0f", Stats.median(values(results, Result::inGrace)))
                            + " B)", !goal || afterGrace <= GOAL_BYTES);
        }
        md.append("\nDuring the grace a session costs its successor record, which holds the new access and refresh tokens ")
                .append("(about one byte per token character, as the token strings are Latin-1); after it only a token-free ")
                .append("marker (two longs of the old token's SHA-256 and the grace end) stays in the store, and the monitor keeps ")
                .append("the refresh token it needs for a background refresh, so the figure after the grace grows with the ")
                .append("refresh token's length, not the access token's. Without the ee integration (the filter alone) the ")
                .append("monitor's share is not spent.\n");
        report.section("6", md.toString());
    }

    private static double[] values(List<Result> results, ToDoubleFunction<Result> value) {
        return results.stream().mapToDouble(value).toArray();
    }
}
