package org.tokenrefresh.ee.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.tokenrefresh.ee.TokenRefreshRuntime;
import org.tokenrefresh.ee.monitor.ActiveSessions;
import org.tokenrefresh.ee.monitor.MonitorReport;
import org.tokenrefresh.engine.CircuitBreaker;
import org.tokenrefresh.engine.RefreshEngine;

/**
 * MicroProfile Health readiness check {@value #NAME} ({@code /health/ready}): the auth backend as the
 * token refresh sees it.
 *
 * <h2>Behaviour</h2>
 * DOWN while the circuit breaker toward the auth backend is open, or when the background monitor's last
 * probe of the backend failed; UP otherwise, and UP with {@code enabled=false} when the filter is not
 * running. Data: {@code circuit} (closed, open, half-open), {@code retryAfterSeconds} while open,
 * {@code store} ({@code cluster} or {@code memory}), {@code backendReachable} and {@code activeSessions}
 * once the monitor has run.
 *
 * <p>Mind what readiness does in your platform: when the auth backend is down, every node reports DOWN,
 * although users with a valid access token could still be served.
 */
@Readiness
@ApplicationScoped
public class TokenRefreshReadiness implements HealthCheck {

    /** Name of the check in the health report. */
    public static final String NAME = "token-refresh";

    @Inject
    TokenRefreshRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        RefreshEngine engine = runtime.engine();
        if (engine == null) {
            return response.up().withData("enabled", false).build();
        }
        CircuitBreaker.State state = engine.circuit().state();
        response.withData("circuit", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .withData("store", engine.store().clustered() ? "cluster" : "memory");
        boolean up = state != CircuitBreaker.State.OPEN;
        if (!up) {
            response.withData("retryAfterSeconds", Math.max(1L, engine.circuit().retryAfter().getSeconds()));
        }
        MonitorReport lastRun = runtime.lastMonitorRun();
        if (lastRun != null) {
            response.withData("backendReachable", lastRun.backendReachable());
            up &= lastRun.backendReachable();
        }
        ActiveSessions sessions = runtime.sessions();
        if (sessions != null) {
            response.withData("activeSessions", sessions.size());
        }
        return response.status(up).build();
    }
}
