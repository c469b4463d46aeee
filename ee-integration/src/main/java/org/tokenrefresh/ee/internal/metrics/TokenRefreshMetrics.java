package org.tokenrefresh.ee.internal.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshListener;
import org.tokenrefresh.ee.internal.monitor.TokenRefreshRuntime;

/**
 * MicroProfile Metrics of the token refresh, in the application registry (Prometheus names at
 * {@code /metrics?scope=application}):
 * <ul>
 * <li>{@code tokenrefresh_refreshes_total{outcome,trigger,reason}}: refresh outcomes ({@code refreshed},
 * {@code failed}, {@code session_expired}) by trigger and failure reason;</li>
 * <li>{@code tokenrefresh_refresh_duration_seconds}: latency of successful refreshes (a timer);</li>
 * <li>gauges, monotonic except the last two: {@code tokenrefresh_backend_calls},
 * {@code tokenrefresh_singleflight_joins} (requests that shared a concurrent refresh),
 * {@code tokenrefresh_successor_hits} (requests served from a successor record),
 * {@code tokenrefresh_circuit_opens}; {@code tokenrefresh_circuit_state} (0 closed, 1 half-open, 2 open),
 * {@code tokenrefresh_sessions_active} (sessions the background monitor tracks).</li>
 * </ul>
 * Registered by the module's plug-in when the filter starts; absent when the container has no MicroProfile
 * Metrics. No method or field of this bean names a MicroProfile Metrics type (the work is in
 * {@link MetricsRecorder}): servers without it reflect on every bean class, and Open Liberty would log warning
 * CWNEN0049W and an FFDC incident for a missing type.
 */
@ApplicationScoped
public class TokenRefreshMetrics implements RefreshListener {

    private static final Logger LOG = Logger.getLogger(TokenRefreshMetrics.class.getName());

    @Inject
    Instance<Object> beans;

    @Inject
    TokenRefreshRuntime runtime;

    private volatile RefreshListener recorder;

    /** Whether the container has a MicroProfile Metrics registry. */
    public boolean available() {
        return recorder() != null;
    }

    /** Creates the gauges, so that they are scraped from the start. */
    public void register() {
        RefreshListener current = recorder();
        if (current != null) {
            ((MetricsRecorder) current).register();
        }
    }

    @Override
    public void onEvent(RefreshEvent event) {
        RefreshListener current = recorder();
        if (current != null) {
            current.onEvent(event);
        }
    }

    private RefreshListener recorder() {
        RefreshListener current = recorder;
        if (current == null) {
            try {
                Instance<MetricRegistry> registries = beans.select(MetricRegistry.class);
                if (registries.isResolvable()) {
                    current = new MetricsRecorder(registries, runtime);
                    recorder = current;
                }
            } catch (LinkageError noMetricsApi) {
                LOG.log(Level.FINE, "MicroProfile Metrics API not visible", noMetricsApi);
            }
        }
        return current;
    }
}
