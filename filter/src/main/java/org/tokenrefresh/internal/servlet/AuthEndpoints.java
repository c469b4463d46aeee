package org.tokenrefresh.internal.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.logging.Logger;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.spi.TokenPair;

/**
 * The endpoints for front-end code, under {@code endpoints-path} (default {@code /api/auth}). An endpoint
 * the application maps itself is left to the application, unless {@code endpoints-path} was set explicitly
 * ({@link EndpointCollisions}):
 * <ul>
 * <li>{@code POST .../refresh}: refreshes now and sets the cookies; answers
 * {@code {"refreshed":true,"expiresAt":..}}. CSRF-safe: only same-origin requests are accepted (the
 * {@code Origin} header, else Fetch Metadata {@code Sec-Fetch-Site}, else {@code Referer}, must name this
 * server; OWASP CSRF Prevention Cheat Sheet, "Verifying Origin With Standard Headers").</li>
 * <li>{@code GET .../status}: {@code {"authenticated":..,"expiresAt":..,"expiresIn":..}}, refreshing first
 * when the token is due.</li>
 * <li>{@code GET .../events} (only with {@code events-endpoint=true}): the latest refresh events, newest
 * first, for dashboards and diagnostics.</li>
 * </ul>
 * Times are epoch seconds.
 */
public final class AuthEndpoints {

    private static final Logger LOG = Logger.getLogger(AuthEndpoints.class.getName());

    private final String basePath;
    private final String refreshPath;
    private final String statusPath;
    private final String eventsPath;
    private final RecentEvents recentEvents;
    private final RefreshEngine engine;
    private final RequestTokens tokens;
    private final CookieWriter cookies;
    private final SessionResponses responses;

    public AuthEndpoints(TokenRefreshSettings settings, RefreshEngine engine, RequestTokens tokens, CookieWriter cookies,
            SessionResponses responses, ServletContext context) {
        EndpointCollisions collisions = new EndpointCollisions(context);
        this.basePath = settings.endpointsPath() + "/";
        String application = application(context);
        this.refreshPath = served(settings, collisions, settings.endpointsPath() + "/refresh", application);
        this.statusPath = served(settings, collisions, settings.endpointsPath() + "/status", application);
        String events = settings.eventsEndpoint() ? served(settings, collisions, settings.endpointsPath() + "/events", application) : null;
        if (events != null) {
            this.eventsPath = events;
            this.recentEvents = new RecentEvents();
            engine.addListener(recentEvents);
        } else {
            this.eventsPath = null;
            this.recentEvents = null;
        }
        this.engine = engine;
        this.tokens = tokens;
        this.cookies = cookies;
        this.responses = responses;
    }

    /**
     * The path when the library serves it: always when {@code endpoints-path} was set explicitly (with a WARNING
     * when the application maps it too); otherwise only when no servlet of the application covers it.
     */
    private static String served(TokenRefreshSettings settings, EndpointCollisions collisions, String path, String application) {
        String owner = collisions.owner(path);
        if (owner == null) {
            return path;
        }
        if (settings.endpointsPathSet()) {
            LOG.warning("Token refresh endpoint " + path + application + " shadows the application's servlet " + owner
                    + ": tokenrefresh.endpoints-path was set to " + settings.endpointsPath() + " explicitly, so the library serves it");
            return path;
        }
        LOG.warning("Token refresh endpoint " + path + application + " is left to the application's servlet " + owner + " and not"
                + " served by the library; set tokenrefresh.endpoints-path to another path (e.g. /token-refresh) to serve the"
                + " library's endpoints");
        return null;
    }

    /** " in application /orders": a server's log mixes the applications it runs. */
    private static String application(ServletContext context) {
        if (context == null) {
            return "";
        }
        String path = context.getContextPath();
        return " in application " + (path == null || path.isEmpty() ? "/" : path);
    }

    /** Whether any endpoint is served. */
    boolean servesAny() {
        return refreshPath != null || statusPath != null || eventsPath != null;
    }

    /** Whether the request addresses one of the endpoints. */
    public boolean matches(HttpServletRequest request) {
        // cheap rejection first: this runs for every request
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (!uri.startsWith(basePath, context == null ? 0 : context.length())) {
            return false;
        }
        String path = path(request);
        return path.equals(refreshPath) || path.equals(statusPath) || path.equals(eventsPath);
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (path.equals(refreshPath)) {
            refresh(request, response);
        } else if (path.equals(eventsPath)) {
            SessionResponses.json(response, HttpServletResponse.SC_OK, recentEvents.toJson());
        } else {
            status(request, response);
        }
    }

    private void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            SessionResponses.json(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "{\"error\":\"method_not_allowed\"}");
            return;
        }
        if (!isSameOrigin(request)) {
            SessionResponses.json(response, HttpServletResponse.SC_FORBIDDEN,
                    "{\"error\":\"cross_origin_rejected\",\"message\":\"The refresh endpoint only accepts same-origin requests.\"}");
            return;
        }
        TokenPair current = tokens.read(request);
        if (current == null) {
            SessionResponses.json(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "{\"error\":\"no_session\",\"message\":\"No refresh token cookie.\"}");
            return;
        }
        RefreshOutcome outcome = engine.refresh(current, Trigger.ENDPOINT, tokens.vouched(request, current, engine.vouching()),
                engine.budget());
        switch (outcome.status()) {
            case REFRESHED:
                cookies.write(request, response, outcome.tokens());
                SessionResponses.json(response, HttpServletResponse.SC_OK,
                        "{\"refreshed\":true,\"expiresAt\":" + expiresAt(outcome.tokens()) + "}");
                return;
            case SESSION_EXPIRED:
                responses.sessionExpired(request, response, outcome.clearCookies());
                return;
            default:
                responses.unavailable(response, outcome.retryAfter());
        }
    }

    private void status(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            SessionResponses.json(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "{\"error\":\"method_not_allowed\"}");
            return;
        }
        TokenPair current = tokens.read(request);
        if (current == null) {
            SessionResponses.json(response, HttpServletResponse.SC_OK, "{\"authenticated\":false}");
            return;
        }
        if (engine.isDue(current)) {
            RefreshOutcome outcome = engine.refresh(current, Trigger.ENDPOINT, tokens.vouched(request, current, engine.vouching()),
                    engine.budget());
            if (outcome.isRefreshed()) {
                cookies.write(request, response, outcome.tokens());
                current = outcome.tokens();
            } else if (outcome.status() == RefreshOutcome.Status.SESSION_EXPIRED
                    && (outcome.clearCookies() || engine.isExpired(current))) {
                if (outcome.clearCookies()) {
                    cookies.clear(request, response);
                }
                SessionResponses.json(response, HttpServletResponse.SC_OK,
                        "{\"authenticated\":false,\"error\":\"session_expired\",\"message\":\"Session expired. Please log in again.\"}");
                return;
            } else if (outcome.status() == RefreshOutcome.Status.UNAVAILABLE && engine.isExpired(current)) {
                responses.unavailable(response, outcome.retryAfter());
                return;
            }
        }
        long now = engine.clock().millis() / 1000;
        String expiry = current.hasExpiry()
                ? ",\"expiresAt\":" + current.expiresAt() + ",\"expiresIn\":" + Math.max(0, current.expiresAt() - now)
                : ",\"expiresAt\":null,\"expiresIn\":null";
        SessionResponses.json(response, HttpServletResponse.SC_OK, "{\"authenticated\":" + !engine.isExpired(current) + expiry + "}");
    }

    private static String expiresAt(TokenPair pair) {
        return pair.hasExpiry() ? Long.toString(pair.expiresAt()) : "null";
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Same-origin check against this server's own origin, as the container sees it. */
    static boolean isSameOrigin(HttpServletRequest request) {
        String own = origin(request);
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return origin.toLowerCase(Locale.ROOT).equals(own);
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return "same-origin".equals(site);
        }
        String referer = request.getHeader("Referer");
        return referer != null && referer.regionMatches(true, 0, own, 0, own.length())
                && (referer.length() == own.length() || referer.charAt(own.length()) == '/');
    }

    private static String origin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443) || port <= 0;
        return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
