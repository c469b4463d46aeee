package org.tokenrefresh;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.engine.RefreshEngine;
import org.tokenrefresh.jaxrs.ClientRegistry;
import org.tokenrefresh.servlet.RefreshFlow;
import org.tokenrefresh.settings.SettingsSource;

/**
 * Keeps the access token held in a cookie fresh, so that users are not logged out when it expires.
 *
 * <h2>Usage</h2>
 * Put the jar in {@code WEB-INF/lib} and set {@code tokenrefresh.backend-url}. The filter registers itself
 * for {@code /*}, ahead of the application's filters ({@link TokenRefreshInitializer}). To map it yourself,
 * declare it in {@code web.xml}; the automatic registration then steps aside:
 * <pre>
 * &lt;filter&gt;
 *   &lt;filter-name&gt;tokenRefresh&lt;/filter-name&gt;
 *   &lt;filter-class&gt;org.tokenrefresh.TokenRefreshFilter&lt;/filter-class&gt;
 *   &lt;init-param&gt;
 *     &lt;param-name&gt;tokenrefresh.backend-url&lt;/param-name&gt;
 *     &lt;param-value&gt;https://auth.example.com/api/auth/refresh&lt;/param-value&gt;
 *   &lt;/init-param&gt;
 * &lt;/filter&gt;
 * &lt;filter-mapping&gt;
 *   &lt;filter-name&gt;tokenRefresh&lt;/filter-name&gt;
 *   &lt;url-pattern&gt;/*&lt;/url-pattern&gt;
 * &lt;/filter-mapping&gt;
 * </pre>
 *
 * <h2>Configuration</h2>
 * Every {@code tokenrefresh.*} key of the README, looked up in this order: MicroProfile Config (when
 * present; it includes system properties and environment variables), system properties, environment
 * variables ({@code TOKENREFRESH_BACKEND_URL}), filter init-params, context-params. The administrator's
 * settings therefore win over what the application packaged. Invalid settings fail {@code init} with one
 * message naming every bad key.
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>No refresh-token cookie: the request passes through untouched.</li>
 * <li>Access token expired or expiring within {@code refresh-threshold}: refreshed <em>before</em> the
 * application runs; the application sees the new token and the response carries the new cookies.</li>
 * <li>The application answers 401: refreshed, and the request is replayed once with the new token
 * ({@code replay}); a second 401 goes to the client.</li>
 * <li>Backend says the refresh token is dead: cookies cleared, 401 JSON {@code session_expired}, or a
 * redirect to {@code login-url} for page navigations.</li>
 * <li>Backend in trouble: cookies kept; a still-valid token proceeds; an expired one gets 503 with
 * {@code Retry-After}.</li>
 * </ul>
 */
public class TokenRefreshFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TokenRefreshFilter.class.getName());

    /** Servlet context attribute under which the running {@link RefreshEngine} is published. */
    public static final String ENGINE_ATTRIBUTE = RefreshEngine.class.getName();

    private transient RefreshEngine engine;
    private transient boolean ownsEngine;
    private transient List<TokenRefreshPlugin> plugins = List.of();
    private transient RefreshFlow flow;

    /** For containers: settings come from configuration when {@code init} runs. */
    public TokenRefreshFilter() {
    }

    /** For programmatic registration with an engine built by the caller (who also closes it). */
    public TokenRefreshFilter(RefreshEngine engine) {
        this.engine = engine;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        ServletContext context = config.getServletContext();
        if (engine == null) {
            TokenRefreshSettings settings;
            try {
                settings = TokenRefreshSettings.from(settingsSource(context, config));
            } catch (InvalidSettingsException e) {
                LOG.severe(e.getMessage());
                throw new ServletException(e.getMessage(), e);
            }
            if (!settings.enabled()) {
                LOG.info("Token refresh disabled (tokenrefresh.enabled=false): requests pass through");
                return;
            }
            RefreshEngine.Builder builder = RefreshEngine.builder(settings);
            plugins = loadPlugins(context.getClassLoader());
            for (TokenRefreshPlugin plugin : plugins) {
                plugin.configure(builder, context);
            }
            for (RefreshListener listener : ServiceLoader.load(RefreshListener.class, context.getClassLoader())) {
                builder.listener(listener);
            }
            engine = builder.build();
            ownsEngine = true;
        }
        flow = new RefreshFlow(engine);
        context.setAttribute(ENGINE_ATTRIBUTE, engine);
        // for the application's outbound JAX-RS calls made outside an inbound request (timers, executors)
        ClientRegistry.registerEngine(context.getClassLoader(), engine);
        for (TokenRefreshPlugin plugin : plugins) {
            plugin.started(engine, context);
        }
        LOG.info("Token refresh active for " + context.getContextPath() + ": " + engine.settings()
                + (engine.store().clustered() ? " (cluster-wide store)" : ""));
    }

    /**
     * The configuration sources in order of precedence: MicroProfile Config, system properties,
     * environment variables, filter init-params, context-params.
     */
    public static SettingsSource settingsSource(ServletContext context, FilterConfig config) {
        ClassLoader loader = context != null && context.getClassLoader() != null
                ? context.getClassLoader() : TokenRefreshFilter.class.getClassLoader();
        return SettingsSource.firstOf(
                SettingsSource.microProfileConfig(loader),
                SettingsSource.systemProperties(),
                SettingsSource.environment(),
                config == null ? null : SettingsSource.named("filter init-params", config::getInitParameter),
                context == null ? null : SettingsSource.named("context-params", context::getInitParameter));
    }

    private static List<TokenRefreshPlugin> loadPlugins(ClassLoader loader) throws ServletException {
        List<TokenRefreshPlugin> found = new ArrayList<>();
        try {
            for (TokenRefreshPlugin plugin : ServiceLoader.load(TokenRefreshPlugin.class, loader)) {
                found.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new ServletException("A token refresh plug-in could not be loaded: " + e.getMessage(), e);
        }
        return found;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (flow == null) {
            chain.doFilter(request, response);
            return;
        }
        flow.doFilter(request, response, chain);
    }

    /** The running engine, or {@code null} when disabled. */
    public RefreshEngine engine() {
        return engine;
    }

    @Override
    public void destroy() {
        if (engine != null) {
            ServletContext context = getFilterConfig() == null ? null : getFilterConfig().getServletContext();
            for (TokenRefreshPlugin plugin : plugins) {
                try {
                    plugin.stopping(engine, context);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Token refresh plug-in failed to stop", e);
                }
            }
            if (context != null) {
                context.removeAttribute(ENGINE_ATTRIBUTE);
                ClientRegistry.unregisterEngine(context.getClassLoader(), engine);
            }
            if (ownsEngine) {
                engine.close();
                engine = null;
            }
        }
        super.destroy();
    }
}
