package org.tokenrefresh.bench;

import java.util.ArrayList;
import java.util.List;

/** Item 6: heap per tracked session, several rounds per token shape. */
final class MemoryRun {

    private MemoryRun() {
    }

    static void run(Report report, boolean full) {
        int sessions = full ? 100_000 : 10_000;
        int rounds = full ? 3 : 1;
        StringBuilder md = new StringBuilder("## 6. Memory per tracked session\n\n");
        md.append(String.format("%,d", sessions)).append(" sessions, each refreshed once through the real `RefreshEngine` ")
                .append("(a backend fake answers at once), so the `InMemoryRefreshStore` holds what the engine writes for a ")
                .append("rotation (key: SHA-256 hex of the old refresh token): the successor record with the new access and refresh ")
                .append("tokens, for `rotation-grace` (30 s), and the token-free \"used\" marker, for `reuse-guard` (1 h); measured ")
                .append("while both are there. ")
                .append("Top-down: growth of used heap after full GCs (`MemoryMXBean`), divided by the sessions. Bottom-up: JOL ")
                .append("0.17, the key and record strings of 1,000 sampled sessions plus the instance sizes of the per-record ")
                .append("structure (store entry, Caffeine node, hash-map node and table slot). ").append(rounds)
                .append(" rounds per shape; median (min–max, n).\n\n");
        md.append("| access token | token length | store entries | heap per session, bytes (MemoryMXBean) | JOL bottom-up, bytes | load |\n")
                .append("|---|---|---|---|---|---|\n");
        double smallMedian = Double.NaN;
        for (Jwts.Shape shape : new Jwts.Shape[] {Jwts.Shape.SMALL, Jwts.Shape.LARGE}) {
            List<MemoryBenchmark.Result> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                results.add(MemoryBenchmark.run(shape, sessions, true));
                System.out.println("memory " + shape + " round " + round + ": " + results.get(round));
            }
            double[] bytes = results.stream().mapToDouble(MemoryBenchmark.Result::bytesPerSession).toArray();
            double[] jol = results.stream().mapToDouble(MemoryBenchmark.Result::jolBytesPerSession).toArray();
            MemoryBenchmark.Result first = results.get(0);
            md.append("| ").append(shape).append(" | ").append(first.accessTokenLength()).append(" | ")
                    .append(String.format("%,d", first.storeEntries())).append(" | ").append(Stats.spread(bytes, "%.0f"))
                    .append(" | ").append(Stats.fmt("%.0f", Stats.median(jol))).append(" | ")
                    .append(Stats.fmt("%.2f", Stats.median(results.stream().mapToDouble(MemoryBenchmark.Result::load).toArray())))
                    .append(" |\n");
            if (shape == Jwts.Shape.SMALL) {
                smallMedian = Stats.median(bytes);
            }
            report.row("6. heap per session, " + String.format("%,d", sessions) + " sessions, " + shape + " token ("
                    + first.accessTokenLength() + " chars)", "≤ 1 KiB", Stats.fmt("%.0f", Stats.median(bytes)) + " B",
                    Stats.median(bytes) <= 1024);
        }
        md.append("\nThe record holds the successor's access token, so the figure grows with the identity provider's token ")
                .append("size: about one byte per token character plus ").append(Double.isNaN(smallMedian) ? "?" : Stats.fmt("%.0f",
                        smallMedian - Jwts.token(Jwts.Shape.SMALL, 1, 2, 1).length()))
                .append(" bytes of key, refresh token and structure.\n");
        report.section("6", md.toString());
    }
}
