package org.tokenrefresh.bench;

/** Items 2 and 4 on Payara Micro: reported as missing until the sample-war and ee-integration modules can be used. */
final class PayaraRun {

    private PayaraRun() {
    }

    static void run(Report report, boolean full) {
        report.section("2", "## 2. Throughput on Payara Micro / 4. Two nodes\n\nNot measured in this run.\n");
        report.row("2. throughput filter ÷ no filter (Payara Micro)", "≥ 0.97", "not measured", "missing");
        report.row("4. two-node storm (Payara Micro)", "exactly 100 refresh calls", "not measured", "missing");
    }
}
