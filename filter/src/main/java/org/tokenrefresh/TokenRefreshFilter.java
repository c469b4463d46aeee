package org.tokenrefresh;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.tokenrefresh.internal.client.ClientRegistry;

import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.servlet.FilterSetup;
import org.tokenrefresh.internal.servlet.RefreshFlow;

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
 * settings therefore win over what the application packaged. Invalid settings, and unknown keys the
 * application packaged, fail {@code init} with one message naming every bad key; unknown keys from
 * server-wide sources give a WARNING.
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

    private final transient RefreshEngine preset;
    private transient FilterSetup setup;
    private transient RefreshFlow flow;

    /** For containers: settings come from configuration when {@code init} runs. */
    public TokenRefreshFilter() {
        this.preset = null;
    }

    /** For the library's own tests: an engine built (and closed) by the caller, with its fakes. */
    TokenRefreshFilter(RefreshEngine preset) {
        this.preset = preset;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        ServletContext context = config.getServletContext();
        try {
            setup = FilterSetup.start(context, config, preset);
        } catch (IllegalStateException e) {
            LOG.severe(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        if (setup == null) {
            return;
        }
        flow = setup.flow();
        RefreshEngine engine = setup.engine();
        // for the application's outbound JAX-RS calls made outside an inbound request (timers, executors)
        ClientRegistry.registerEngine(context.getClassLoader(), engine);
        LOG.info("Token refresh active for " + context.getContextPath() + ": " + engine.settings()
                + (engine.store().clustered() ? " (cluster-wide store)" : ""));
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

    /** The running engine, or {@code null} when disabled (for the library's own tests). */
    RefreshEngine engine() {
        return setup == null ? null : setup.engine();
    }

    @Override
    public void destroy() {
        if (setup != null) {
            ServletContext context = getFilterConfig() == null ? null : getFilterConfig().getServletContext();
            if (context != null) {
                ClientRegistry.unregisterEngine(context.getClassLoader(), setup.engine());
            }
            setup.stop(context);
            setup = null;
            flow = null;
        }
        super.destroy();
    }
}
