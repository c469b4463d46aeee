package org.tokenrefresh.spi;

/**
 * Extends the filter when it starts, found through {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.tokenrefresh.spi.TokenRefreshPlugin}. {@code token-refresh-ee} uses it to plug
 * in the cluster-wide store, CDI events, metrics and the background monitor. Each method runs once, in
 * {@code Filter.init} and {@code Filter.destroy}; an exception from {@link #configure} fails the deployment.
 */
public interface TokenRefreshPlugin {

    /** Before the engine is built: choose a store, add listeners. */
    default void configure(PluginContext context) {
    }

    /** Once the engine is running. */
    default void started(PluginContext context) {
    }

    /** When the filter is destroyed, before the engine is closed. */
    default void stopping(PluginContext context) {
    }
}
