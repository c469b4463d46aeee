package org.tokenrefresh.internal.client;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.spi.TokenSource;

/**
 * Where providers that the JAX-RS runtime creates itself (no-arg {@link org.tokenrefresh.TokenRefreshClientFeature}, found
 * through {@code @Provider} or MicroProfile Rest Client's {@code @RegisterProvider}) find what they cannot
 * be given by constructor, outside an inbound request.
 *
 * <ul>
 * <li><b>Engines.</b> {@code TokenRefreshFilter.init} registers its engine here under the web application's
 * class loader, and removes it in {@code destroy}. {@link #engine()} gives the application that engine
 * from any of its threads (timers, executors), to build a {@link org.tokenrefresh.ServiceTokenSource} on it.</li>
 * <li><b>Token sources.</b> The application registers the source a no-arg feature uses when no inbound
 * request is being served on the calling thread: {@link #registerTokenSource(ClassLoader, TokenSource)}.</li>
 * </ul>
 * Lookups use the calling thread's context class loader and its parents, which is how a Jakarta EE
 * container tells applications apart; an application finds only what its own class loader registered.
 * With the jar in {@code WEB-INF/lib}, every application has its own copy of this class anyway.
 * Register and unregister symmetrically: an entry keeps its class loader reachable.
 */
public final class ClientRegistry {

    private static final Logger LOG = Logger.getLogger(ClientRegistry.class.getName());
    /** Stands for the bootstrap class loader, which {@link ConcurrentHashMap} cannot hold as {@code null}. */
    private static final Object BOOTSTRAP = new Object();

    private static final ConcurrentMap<Object, RefreshEngine> ENGINES = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Object, TokenSource> SOURCES = new ConcurrentHashMap<>();

    private ClientRegistry() {
    }

    /** Registers the engine of the application whose classes {@code loader} loads. Called by the servlet filter. */
    public static void registerEngine(ClassLoader loader, RefreshEngine engine) {
        ENGINES.put(key(loader), Objects.requireNonNull(engine, "engine"));
        LOG.fine(() -> "Refresh engine registered for outbound calls of " + loader);
    }

    /** Removes the registration, if it still holds this engine. */
    public static void unregisterEngine(ClassLoader loader, RefreshEngine engine) {
        ENGINES.remove(key(loader), engine);
    }

    /** The engine of the calling application, or {@code null} when none is registered. */
    public static RefreshEngine engine() {
        return lookup(ENGINES);
    }

    /**
     * Registers the token source that no-arg client features of the application use outside an inbound
     * request, typically a {@link org.tokenrefresh.ServiceTokenSource}.
     */
    public static void registerTokenSource(ClassLoader loader, TokenSource source) {
        SOURCES.put(key(loader), Objects.requireNonNull(source, "source"));
    }

    /** Removes the registration, if it still holds this source. */
    public static void unregisterTokenSource(ClassLoader loader, TokenSource source) {
        SOURCES.remove(key(loader), source);
    }

    /** The token source the calling application registered, or {@code null}. */
    public static TokenSource tokenSource() {
        return lookup(SOURCES);
    }

    private static Object key(ClassLoader loader) {
        return loader == null ? BOOTSTRAP : loader;
    }

    /**
     * The entry of the calling thread's application: its context class loader, then that loader's parents
     * (an EJB module's loader sits below the application's). Never another application's entry: there is no
     * fallback to "the only one registered", which would hand one application's engine or service tokens to
     * another when the jar sits in a shared library folder.
     */
    private static <T> T lookup(ConcurrentMap<Object, T> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
            T found = entries.get(loader);
            if (found != null) {
                return found;
            }
        }
        return entries.get(BOOTSTRAP);
    }
}
