package org.tokenrefresh.spi;

/**
 * Receives every refresh outcome. Register one programmatically on the engine, or through
 * {@link java.util.ServiceLoader} in {@code META-INF/services/org.tokenrefresh.spi.RefreshListener}. Called on
 * the request thread that did the refresh: keep it quick, and do not throw (exceptions are logged and
 * ignored).
 */
@FunctionalInterface
public interface RefreshListener {

    void onEvent(RefreshEvent event);
}
