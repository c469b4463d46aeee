package org.tokenrefresh.ee.internal.health;

import jakarta.enterprise.inject.spi.CDI;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.tokenrefresh.ee.internal.monitor.TokenRefreshRuntime;
import org.tokenrefresh.ee.internal.monitor.ActiveSessions;
import org.tokenrefresh.ee.internal.monitor.MonitorReport;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.engine.RefreshEngine;

/**
 * MicroProfile Health readiness check {@value #NAME} ({@code /health/ready}): the auth backend as the
 * token refresh sees it.
 *
 * <h2>Behaviour</h2>
 * DOWN while the shared circuit breaker toward the auth backend is open, or when the background monitor's
 * last probe of the backend failed; UP otherwise, and UP with {@code enabled=false} when the filter is not
 * running. The shared circuit hears only signals about the backend as a whole (transport failures, 5xx/429
 * for several distinct vouched sessions): one user's 429, or a flood of forged cookies, never takes a node
 * out. Data: {@code circuit} (closed, open, half-open), {@code retryAfterSeconds} while open, {@code store}
 * ({@code cluster} or {@code memory}), {@code configurationProblem} when the backend's last answer to a
 * vouched session pointed at the configuration (404, {@code invalid_client}: shown, not DOWN, since every
 * node shares the configuration), {@code backendReachable} and {@code activeSessions} once the monitor has
 * run.
 *
 * <p>Mind what readiness does in your platform: when the auth backend is down, every node reports DOWN,
 * although users with a valid access token could still be served.
 *
 * <p>An application-scoped bean added by {@link HealthCheckRegistration} only where MicroProfile Health exists:
 * it carries no bean-defining annotation, so a server without the Health API never loads it (WildFly would log a
 * warning for a bean class whose interface is missing).
 */
@Readiness
public class TokenRefreshReadiness implements HealthCheck {

    /** Name of the check in the health report. */
    public static final String NAME = "token-refresh";

    @Override
    public HealthCheckResponse call() {
        // Looked up, not injected: an added type's injection points are not resolved against this jar's beans on
        // every server (Payara validates it in an archive of its own).
        TokenRefreshRuntime runtime = CDI.current().select(TokenRefreshRuntime.class).get();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        RefreshEngine engine = runtime.engine();
        if (engine == null) {
            return response.up().withData("enabled", false).build();
        }
        CircuitBreaker.State state = engine.circuit().state();
        response.withData("circuit", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .withData("store", engine.store().clustered() ? "cluster" : "memory");
        boolean up = state != CircuitBreaker.State.OPEN;
        String problem = engine.configurationProblem();
        if (problem != null) {
            response.withData("configurationProblem", problem);
        }
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
