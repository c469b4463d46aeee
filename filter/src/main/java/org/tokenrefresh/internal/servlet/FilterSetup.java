package org.tokenrefresh.internal.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.internal.config.ConfigurationSources;
import org.tokenrefresh.internal.config.EeKeys;
import org.tokenrefresh.internal.config.InvalidSettingsException;
import org.tokenrefresh.internal.config.Keys;
import org.tokenrefresh.internal.config.SettingsSource;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.spi.TokenRefreshPlugin;

/**
 * Starts and stops the filter's machinery for one web application: reads and audits the settings, loads the
 * plug-ins, builds the engine and the per-request flow. {@code TokenRefreshFilter} and
 * {@code TokenRefreshInitializer} are thin shells over this.
 */
public final class FilterSetup {

    private static final Logger LOG = Logger.getLogger("org.tokenrefresh.TokenRefreshFilter");
    private static final String MP_CONFIG_FILE = "META-INF/microprofile-config.properties";

    /**
     * Servlet context attribute: set it to a {@link RefreshEngine} before the filter starts to have the filter
     * run on that engine (embedded servers, benchmarks, tests; the caller keeps and closes it). While the
     * filter runs, the attribute holds its engine.
     */
    public static final String ENGINE_ATTRIBUTE = RefreshEngine.class.getName();

    /** The plug-ins, when this setup built the engine (and so owns it); {@code null} for a caller's engine. */
    private final PluginSupport plugins;
    private final RefreshEngine engine;
    private final RefreshFlow flow;

    private FilterSetup(PluginSupport plugins, RefreshEngine engine, ServletContext context) {
        this.flow = new RefreshFlow(engine, context);
        this.plugins = plugins;
        this.engine = engine;
    }

    /**
     * The configuration sources in order of precedence: MicroProfile Config, system properties, environment
     * variables, filter init-params, context-params; with the names each kind of source sets.
     */
    public static ConfigurationSources sources(ServletContext context, FilterConfig config) {
        ClassLoader loader = loader(context);
        SettingsSource chain = SettingsSource.firstOf(
                SettingsSource.microProfileConfig(loader),
                SettingsSource.systemProperties(),
                SettingsSource.environment(),
                config == null ? null : SettingsSource.named("filter init-params", config::getInitParameter),
                context == null ? null : SettingsSource.named("context-params", context::getInitParameter));
        Map<String, String> packaged = new LinkedHashMap<>();
        if (config != null) {
            names(config.getInitParameterNames(), "filter init-param", packaged);
        }
        if (context != null) {
            names(context.getInitParameterNames(), "context-param", packaged);
        }
        packagedConfigFiles(loader, packaged);
        Map<String, String> serverWide = new LinkedHashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            addIfOurs(name, "system property", serverWide);
        }
        for (String name : System.getenv().keySet()) {
            addIfOurs(name, "environment variable", serverWide);
        }
        for (String name : SettingsSource.microProfileConfigNames(loader)) {
            if (!serverWide.containsKey(name)) {
                addIfOurs(name, "MicroProfile Config", serverWide);
            }
        }
        return new ConfigurationSources(chain, packaged, serverWide);
    }

    /** Reads, validates and audits the settings; warnings go to {@code warn}. */
    public static TokenRefreshSettings settings(ServletContext context, FilterConfig config, Consumer<String> warn) {
        List<TokenRefreshPlugin> found = PluginSupport.load(loader(context));
        TokenRefreshSettings.Loaded loaded = TokenRefreshSettings.load(sources(context, config), EeKeys.readBy(found));
        for (String warning : loaded.warnings) {
            warn.accept(warning);
        }
        return loaded.settings;
    }

    /**
     * Starts the filter for an application: {@code null} when {@code tokenrefresh.enabled=false}.
     *
     * @param given an engine the caller built and keeps, or {@code null} (then {@link #ENGINE_ATTRIBUTE}, else a new one)
     * @throws org.tokenrefresh.internal.config.InvalidSettingsException listing every invalid setting
     */
    public static FilterSetup start(ServletContext context, FilterConfig config, RefreshEngine given) {
        ClassLoader loader = loader(context);
        Object attribute = context.getAttribute(ENGINE_ATTRIBUTE);
        RefreshEngine preset = given != null ? given : attribute instanceof RefreshEngine ? (RefreshEngine) attribute : null;
        FilterSetup setup;
        if (preset != null) {
            setup = new FilterSetup(null, preset, context);
        } else {
            TokenRefreshSettings settings = settings(context, config, LOG::warning);
            if (!settings.enabled()) {
                LOG.info("Token refresh disabled (tokenrefresh.enabled=false): requests pass through");
                return null;
            }
            warnAboutTransport(settings);
            PluginSupport plugins = PluginSupport.build(context, PluginSupport.load(loader), RefreshEngine.builder(settings), loader);
            setup = new FilterSetup(plugins, plugins.engine(), context);
        }
        context.setAttribute(ENGINE_ATTRIBUTE, setup.engine);
        return setup;
    }

    public RefreshFlow flow() {
        return flow;
    }

    public RefreshEngine engine() {
        return engine;
    }

    /** Tells the plug-ins, then closes the engine when this setup built it. */
    public void stop(ServletContext context) {
        if (plugins != null) {
            plugins.stopping();
            if (context != null) {
                context.removeAttribute(ENGINE_ATTRIBUTE);
            }
            engine.close();
        }
    }

    /** A plain-HTTP auth backend on another host sends refresh tokens and client secrets in the clear. */
    static void warnAboutTransport(TokenRefreshSettings settings) {
        URI url = settings.backendUrl();
        if (url != null && "http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
            LOG.warning("tokenrefresh.backend-url " + TokenRefreshSettings.redacted(url) + " is plain http:// to another host:"
                    + " refresh tokens and client credentials cross the network unencrypted. Use https://.");
        }
    }

    static boolean isLoopback(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static ClassLoader loader(ServletContext context) {
        return context != null && context.getClassLoader() != null ? context.getClassLoader() : FilterSetup.class.getClassLoader();
    }

    private static void names(Enumeration<String> names, String source, Map<String, String> into) {
        while (names != null && names.hasMoreElements()) {
            addIfOurs(names.nextElement(), source, into);
        }
    }

    private static void addIfOurs(String name, String source, Map<String, String> into) {
        if (name.regionMatches(true, 0, "tokenrefresh", 0, 12) && name.length() > 13
                && (name.charAt(12) == '.' || name.charAt(12) == '_')) {
            into.putIfAbsent(name, source);
        }
    }

    /** The keys of the application's own {@code META-INF/microprofile-config.properties} (not the server's). */
    private static void packagedConfigFiles(ClassLoader loader, Map<String, String> into) {
        try {
            Set<String> inherited = new HashSet<>();
            if (loader.getParent() != null) {
                for (URL url : Collections.list(loader.getParent().getResources(MP_CONFIG_FILE))) {
                    inherited.add(url.toString());
                }
            }
            for (URL url : Collections.list(loader.getResources(MP_CONFIG_FILE))) {
                if (inherited.contains(url.toString())) {
                    continue;
                }
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                for (String name : properties.stringPropertyNames()) {
                    addIfOurs(name, MP_CONFIG_FILE, into);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not read the application's " + MP_CONFIG_FILE + " for the key check", e);
        }
    }

}
