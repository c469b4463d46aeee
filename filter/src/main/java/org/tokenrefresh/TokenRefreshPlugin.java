package org.tokenrefresh;

import jakarta.servlet.ServletContext;
import org.tokenrefresh.engine.RefreshEngine;

/**
 * Extends the filter when it starts, found through {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.tokenrefresh.TokenRefreshPlugin}. The ee-integration module uses it to plug
 * in the cluster-wide store, CDI events and metrics. Plugins run once, in {@code Filter.init}.
 */
public interface TokenRefreshPlugin {

    /** Adjusts the engine before it is built: a store, listeners, a clock. */
    default void configure(RefreshEngine.Builder engine, ServletContext context) {
    }

    /** Called once the engine is running. */
    default void started(RefreshEngine engine, ServletContext context) {
    }

    /** Called when the filter is destroyed, before the engine is closed. */
    default void stopping(RefreshEngine engine, ServletContext context) {
    }
}
