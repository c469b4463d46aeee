package org.tokenrefresh.spi;

import jakarta.servlet.ServletContext;
import java.time.Clock;

/**
 * What a {@link TokenRefreshPlugin} may change or read while the filter starts. Narrow on purpose: a store,
 * listeners, and the clock the engine runs on.
 */
public interface PluginContext {

    /** The web application the filter runs in. */
    ServletContext servletContext();

    /** The clock the engine runs on (tests substitute their own). */
    Clock clock();

    /** Whether a store was already chosen (by the application or an earlier plug-in): leave it alone then. */
    boolean hasStore();

    /**
     * Makes the engine keep its records in this store. Only in {@link TokenRefreshPlugin#configure}.
     *
     * @throws IllegalStateException after the engine was built
     */
    void useStore(RefreshStore store);

    /**
     * Makes the engine call the auth backend through this instead of the built-in HTTP client (another
     * refresh protocol). Only in {@link TokenRefreshPlugin#configure}.
     *
     * @throws IllegalStateException after the engine was built
     */
    void useBackend(AuthBackend backend);

    /**
     * Adds a listener for every refresh outcome. Only in {@link TokenRefreshPlugin#configure}.
     *
     * @throws IllegalStateException after the engine was built
     */
    void addListener(RefreshListener listener);

    /**
     * Implementation-specific access for the library's own plug-ins (as {@code EntityManager.unwrap} in
     * Jakarta Persistence): no compatibility promise is made for what it returns.
     *
     * @throws IllegalArgumentException when this context has nothing of that type
     */
    <T> T unwrap(Class<T> type);
}
