package org.tokenrefresh.ee.it;

import java.nio.file.Path;
import org.tokenrefresh.testsupport.PayaraMicro;

/** Payara Micro nodes as this module's plain-process tests start them: the jar failsafe copied, a small heap, quick JIT. */
final class Nodes {

    private Nodes() {
    }

    /** A loopback-only node writing its files under {@code it.work-dir/<subdirectory>}. */
    static PayaraMicro.Builder node(String name, String subdirectory) {
        return PayaraMicro.builder(Path.of(System.getProperty("payara.micro.jar", "target/payara-micro.jar")))
                .name(name).workDir(workDir(subdirectory)).jvmOptions("-Xmx384m", "-XX:TieredStopAtLevel=1");
    }

    /** {@code it.work-dir/<subdirectory>} (under {@code target/}, so a killed process leaves nothing in /tmp). */
    static Path workDir(String subdirectory) {
        return Path.of(System.getProperty("it.work-dir", "target/payara"), subdirectory);
    }
}
