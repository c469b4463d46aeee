package org.tokenrefresh.ee.internal.monitor;

import java.time.Duration;
import java.time.Instant;

/** What one run of the background monitor did. Immutable. */
public final class MonitorReport {

    private final Instant at;
    private final Duration took;
    private final boolean backendReachable;
    private final int active;
    private final int evicted;
    private final int refreshed;
    private final int fromOtherNode;
    private final int ended;
    private final int failed;
    private final boolean skippedCircuitOpen;
    private final Boolean serviceTokens;

    MonitorReport(Instant at, Duration took, boolean backendReachable, int active, int evicted, int refreshed,
            int fromOtherNode, int ended, int failed, boolean skippedCircuitOpen, Boolean serviceTokens) {
        this.at = at;
        this.took = took;
        this.backendReachable = backendReachable;
        this.active = active;
        this.evicted = evicted;
        this.refreshed = refreshed;
        this.fromOtherNode = fromOtherNode;
        this.ended = ended;
        this.failed = failed;
        this.skippedCircuitOpen = skippedCircuitOpen;
        this.serviceTokens = serviceTokens;
    }

    /** When the run started. */
    public Instant at() { return at; }
    public Duration took() { return took; }
    /** Result of the auth backend probe. */
    public boolean backendReachable() { return backendReachable; }
    /** Sessions seen within the activity window. */
    public int active() { return active; }
    /** Idle sessions dropped. */
    public int evicted() { return evicted; }
    /** Sessions refreshed ahead at the backend by this node. */
    public int refreshed() { return refreshed; }
    /** Due sessions whose successor another node (or a request) had already obtained. */
    public int fromOtherNode() { return fromOtherNode; }
    /** Due sessions the backend had ended. */
    public int ended() { return ended; }
    /** Due sessions whose refresh failed; tried again next run. */
    public int failed() { return failed; }
    /** Whether refreshing ahead was skipped because the circuit was open. */
    public boolean skippedCircuitOpen() { return skippedCircuitOpen; }
    /** What refreshing the registered service tokens came to, or {@code null} when none were registered or due. */
    public Boolean serviceTokens() { return serviceTokens; }

    @Override
    public String toString() {
        return "MonitorReport[backend " + (backendReachable ? "reachable" : "UNREACHABLE") + ", active=" + active
                + ", evicted=" + evicted + ", refreshed=" + refreshed + ", fromOtherNode=" + fromOtherNode + ", ended="
                + ended + ", failed=" + failed + (skippedCircuitOpen ? ", circuit open: nothing refreshed" : "")
                + (serviceTokens == null ? "" : ", serviceTokens=" + serviceTokens) + ", took=" + took.toMillis() + "ms]";
    }
}
