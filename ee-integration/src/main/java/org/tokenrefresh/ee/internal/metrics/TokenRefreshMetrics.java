package org.tokenrefresh.ee.internal.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshListener;
import org.tokenrefresh.ee.internal.TokenRefreshRuntime;
import org.tokenrefresh.ee.internal.monitor.ActiveSessions;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshMetrics;

/**
 * MicroProfile Metrics of the token refresh, in the application registry (Prometheus names at
 * {@code /metrics?scope=application}):
 * <ul>
 * <li>{@code tokenrefresh_refreshes_total{outcome,trigger,reason}}: refresh outcomes ({@code refreshed},
 * {@code failed}, {@code session_expired}, {@code replay_detected}) by trigger and failure reason;</li>
 * <li>{@code tokenrefresh_refresh_duration_seconds}: latency of successful refreshes (a timer);</li>
 * <li>gauges, monotonic except the last two: {@code tokenrefresh_backend_calls},
 * {@code tokenrefresh_singleflight_joins} (requests that shared a concurrent refresh),
 * {@code tokenrefresh_successor_hits} (requests served from a successor record), {@code tokenrefresh_replays}
 * (used refresh tokens presented after their grace: possible theft), {@code tokenrefresh_unvouched_refused}
 * (refreshes of unvouched tokens refused by their bulkhead),
 * {@code tokenrefresh_circuit_opens}; {@code tokenrefresh_circuit_state} (0 closed, 1 half-open, 2 open),
 * {@code tokenrefresh_sessions_active} (sessions the background monitor tracks).</li>
 * </ul>
 * Registered by the module's plug-in when the filter starts; absent when the container has no MicroProfile
 * Metrics.
 */
@ApplicationScoped
public class TokenRefreshMetrics implements RefreshListener {

    static final String REFRESHES = "tokenrefresh.refreshes";
    static final String DURATION = "tokenrefresh.refresh.duration";

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    TokenRefreshRuntime runtime;

    /** Whether the container has a MicroProfile Metrics registry. */
    public boolean available() {
        return registries.isResolvable();
    }

    /** Creates the gauges, so that they are scraped from the start. */
    public void register() {
        MetricRegistry registry = registries.get();
        gauge(registry, "tokenrefresh.backend.calls", "HTTP calls made to the auth backend, retries included",
                RefreshMetrics::backendCalls);
        gauge(registry, "tokenrefresh.singleflight.joins", "Requests that shared a concurrent refresh instead of making their own",
                RefreshMetrics::joins);
        gauge(registry, "tokenrefresh.successor.hits", "Requests served from the successor record of an already rotated token",
                RefreshMetrics::successorHits);
        gauge(registry, "tokenrefresh.replays", "Used refresh tokens presented after their grace period (possible theft)",
                RefreshMetrics::replays);
        gauge(registry, "tokenrefresh.unvouched.refused", "Refreshes of unvouched tokens refused by their bulkhead",
                RefreshMetrics::unvouchedRefused);
        registry.gauge(Metadata.builder().withName("tokenrefresh.circuit.opens")
                .withDescription("How many times the circuit breaker toward the auth backend opened").build(),
                () -> {
                    RefreshEngine engine = runtime.engine();
                    return engine == null ? 0L : engine.circuit().opens();
                });
        registry.gauge(Metadata.builder().withName("tokenrefresh.circuit.state")
                .withDescription("Circuit breaker toward the auth backend: 0 closed, 1 half-open, 2 open").build(),
                () -> {
                    RefreshEngine engine = runtime.engine();
                    return engine == null ? 0 : circuitState(engine.circuit().state());
                });
        registry.gauge(Metadata.builder().withName("tokenrefresh.sessions.active")
                .withDescription("Sessions the background monitor tracks").build(),
                () -> {
                    ActiveSessions sessions = runtime.sessions();
                    return sessions == null ? 0 : sessions.size();
                });
    }

    private void gauge(MetricRegistry registry, String name, String description, ToLongFunction<RefreshMetrics> counter) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), () -> {
            RefreshEngine engine = runtime.engine();
            return engine == null ? 0L : counter.applyAsLong(engine.metrics());
        });
    }

    static int circuitState(CircuitBreaker.State state) {
        switch (state) {
            case OPEN:
                return 2;
            case HALF_OPEN:
                return 1;
            default:
                return 0;
        }
    }

    @Override
    public void onEvent(RefreshEvent event) {
        MetricRegistry registry = registries.get();
        registry.counter(Metadata.builder().withName(REFRESHES)
                .withDescription("Token refresh outcomes by outcome, trigger and failure reason").build(),
                new Tag("outcome", name(event.type())), new Tag("trigger", name(event.trigger())),
                new Tag("reason", name(event.reason()))).inc();
        if (event.type() == RefreshEvent.Type.REFRESHED) {
            registry.timer(Metadata.builder().withName(DURATION).withDescription("Latency of successful refreshes")
                    .withUnit(MetricUnits.NANOSECONDS).build()).update(event.duration());
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
