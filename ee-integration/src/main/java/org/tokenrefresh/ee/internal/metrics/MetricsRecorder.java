package org.tokenrefresh.ee.internal.metrics;

import jakarta.enterprise.inject.Instance;
import java.util.Locale;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshListener;
import org.tokenrefresh.ee.internal.monitor.TokenRefreshRuntime;
import org.tokenrefresh.ee.internal.monitor.ActiveSessions;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshMetrics;

/**
 * Writes the metrics {@link TokenRefreshMetrics} describes into the application's {@link MetricRegistry}. Not a
 * bean, and created only where MicroProfile Metrics exists, so that no server without it reflects on a class that
 * names its types.
 */
final class MetricsRecorder implements RefreshListener {

    /**
     * Whether the container's MicroProfile Metrics is 3.0 or newer: gauges from a {@code Supplier} and
     * {@code Timer.update(Duration)}, which this recorder uses. A MicroProfile 3.x server (Metrics 2.x) has neither.
     */
    static boolean supported() {
        try {
            MetricRegistry.class.getMethod("gauge", Metadata.class, java.util.function.Supplier.class, Tag[].class);
            org.eclipse.microprofile.metrics.Timer.class.getMethod("update", java.time.Duration.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static final String REFRESHES = "tokenrefresh.refreshes";
    static final String DURATION = "tokenrefresh.refresh.duration";

    /** Selected from an injected {@code Instance}: Payara's registry producer reads the injection point. */
    private final Instance<MetricRegistry> registries;
    private final TokenRefreshRuntime runtime;

    MetricsRecorder(Instance<MetricRegistry> registries, TokenRefreshRuntime runtime) {
        this.registries = registries;
        this.runtime = runtime;
    }

    /** Creates the gauges, so that they are scraped from the start. */
    void register() {
        MetricRegistry registry = registries.get();
        gauge(registry, "tokenrefresh.backend.calls", RefreshMetrics.Counter.BACKEND_CALLS);
        gauge(registry, "tokenrefresh.singleflight.joins", RefreshMetrics.Counter.JOINS);
        gauge(registry, "tokenrefresh.successor.hits", RefreshMetrics.Counter.SUCCESSOR_HITS);
        gauge(registry, "tokenrefresh.replays", RefreshMetrics.Counter.REPLAYS);
        gauge(registry, "tokenrefresh.unvouched.refused", RefreshMetrics.Counter.UNVOUCHED_REFUSED);
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

    private void gauge(MetricRegistry registry, String name, RefreshMetrics.Counter counter) {
        registry.gauge(Metadata.builder().withName(name).withDescription(counter.description()).build(), () -> {
            RefreshEngine engine = runtime.engine();
            return engine == null ? 0L : engine.metrics().count(counter);
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
