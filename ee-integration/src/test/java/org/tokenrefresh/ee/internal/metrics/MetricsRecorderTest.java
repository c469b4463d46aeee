package org.tokenrefresh.ee.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

    @Test
    void theMetricsApiTheModuleIsBuiltAgainstHasWhatTheRecorderCalls() {
        // the recorder is used only where this holds; a MicroProfile 3.x server (Metrics 2.x) gets no metrics, no error
        assertTrue(MetricsRecorder.supported());
    }
}
