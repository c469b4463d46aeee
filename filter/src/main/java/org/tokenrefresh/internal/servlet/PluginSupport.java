package org.tokenrefresh.internal.servlet;

import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.PluginContext;
import org.tokenrefresh.spi.RefreshListener;
import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.spi.TokenRefreshPlugin;

/**
 * The plug-ins of one filter ({@link TokenRefreshPlugin}, found with {@link ServiceLoader}) and the narrow
 * {@link PluginContext} they get: a store, a backend, listeners, the clock; {@link #unwrap} gives the
 * library's own plug-ins the engine builder, the engine and the settings.
 */
final class PluginSupport implements PluginContext {

    private static final Logger LOG = Logger.getLogger(PluginSupport.class.getName());

    private final ServletContext context;
    private final List<TokenRefreshPlugin> plugins;
    private final RefreshEngine.Builder builder;
    private RefreshEngine engine;

    private PluginSupport(ServletContext context, List<TokenRefreshPlugin> plugins, RefreshEngine.Builder builder) {
        this.context = context;
        this.plugins = plugins;
        this.builder = builder;
    }

    /** The application's plug-ins. */
    static List<TokenRefreshPlugin> load(ClassLoader loader) {
        List<TokenRefreshPlugin> found = new ArrayList<>();
        try {
            for (TokenRefreshPlugin plugin : ServiceLoader.load(TokenRefreshPlugin.class, loader)) {
                found.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("A token refresh plug-in could not be loaded: " + e.getMessage(), e);
        }
        return found;
    }

    /** Lets every plug-in configure the engine, builds it, and tells them it started. */
    static PluginSupport build(ServletContext context, List<TokenRefreshPlugin> plugins, RefreshEngine.Builder builder,
            ClassLoader loader) {
        PluginSupport support = new PluginSupport(context, plugins, builder);
        for (TokenRefreshPlugin plugin : plugins) {
            plugin.configure(support);
        }
        for (RefreshListener listener : ServiceLoader.load(RefreshListener.class, loader)) {
            builder.listener(listener);
        }
        support.engine = builder.build();
        for (TokenRefreshPlugin plugin : plugins) {
            plugin.started(support);
        }
        return support;
    }

    RefreshEngine engine() {
        return engine;
    }

    void stopping() {
        for (TokenRefreshPlugin plugin : plugins) {
            try {
                plugin.stopping(this);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Token refresh plug-in " + plugin.getClass().getName() + " failed to stop", e);
            }
        }
    }

    @Override
    public ServletContext servletContext() {
        return context;
    }

    @Override
    public Clock clock() {
        return builder.clock();
    }

    @Override
    public boolean hasStore() {
        return builder.hasStore();
    }

    @Override
    public void useStore(RefreshStore store) {
        building().store(store);
    }

    @Override
    public void useBackend(AuthBackend backend) {
        building().backend(backend);
    }

    @Override
    public void addListener(RefreshListener listener) {
        building().listener(listener);
    }

    private RefreshEngine.Builder building() {
        if (engine != null) {
            throw new IllegalStateException("the engine is already built: change it in TokenRefreshPlugin.configure");
        }
        return builder;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type == RefreshEngine.Builder.class) {
            return type.cast(building());
        }
        if (type == RefreshEngine.class && engine != null) {
            return type.cast(engine);
        }
        if (type == TokenRefreshSettings.class) {
            return type.cast(builder.settings());
        }
        throw new IllegalArgumentException("Nothing of type " + type.getName() + " here");
    }
}
