package org.tokenrefresh.ee.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Logger;

/**
 * Adds {@link TokenRefreshReadiness} as an application-scoped bean when the container has MicroProfile Health,
 * and nothing otherwise, so that a server without it (WildFly's default profile, Open Liberty without
 * {@code mpHealth}) never loads a class whose interface it lacks. Registered in
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public class HealthCheckRegistration implements Extension {

    private static final Logger LOG = Logger.getLogger(HealthCheckRegistration.class.getName());
    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    void addReadinessCheck(@Observes BeforeBeanDiscovery discovery) {
        if (!visible(HEALTH_CHECK)) {
            LOG.fine("No MicroProfile Health: no token refresh readiness check");
            return;
        }
        discovery.addAnnotatedType(TokenRefreshReadiness.class, TokenRefreshReadiness.class.getName())
                .add(ApplicationScoped.Literal.INSTANCE);
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, HealthCheckRegistration.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
