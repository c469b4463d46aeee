package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.backend.RetryAfter;

/**
 * The answers the library itself gives: session over (401 JSON, or a redirect to the configured
 * {@code login-url} for page navigations) and backend unavailable (503 JSON with {@code Retry-After}).
 * The login URL comes from configuration only, never from the request: no open redirect.
 */
public final class SessionResponses {

    public static final String SESSION_EXPIRED_JSON =
            "{\"error\":\"session_expired\",\"message\":\"Session expired. Please log in again.\"}";

    private final TokenRefreshSettings settings;
    private final CookieWriter cookies;

    public SessionResponses(TokenRefreshSettings settings, CookieWriter cookies) {
        this.settings = settings;
        this.cookies = cookies;
    }

    /** Ends the session: clears cookies when asked, then redirects a page navigation or answers 401 JSON. */
    public void sessionExpired(HttpServletRequest request, HttpServletResponse response, boolean clearCookies) throws IOException {
        if (clearCookies) {
            cookies.clear(request, response);
        }
        if (settings.loginUrl() != null && isPageNavigation(request)) {
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(loginLocation(request));
            return;
        }
        json(response, HttpServletResponse.SC_UNAUTHORIZED, SESSION_EXPIRED_JSON);
    }

    /** 503 with {@code Retry-After}; the cookies stay as they are. */
    public void unavailable(HttpServletResponse response, Duration retryAfter) throws IOException {
        String seconds = RetryAfter.format(retryAfter);
        response.setHeader("Retry-After", seconds);
        json(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                "{\"error\":\"auth_unavailable\",\"message\":\"The authentication service is temporarily unavailable. Please retry.\",\"retryAfter\":"
                        + seconds + "}");
    }

    /** Writes a small JSON answer that no cache keeps. */
    public static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * Whether the browser is navigating to a page (as opposed to a fetch/XHR call): Fetch Metadata
     * {@code Sec-Fetch-Mode: navigate}, or, from older browsers, a GET that accepts {@code text/html}.
     */
    static boolean isPageNavigation(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null) {
            return "navigate".equals(mode);
        }
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")
                && request.getHeader("X-Requested-With") == null;
    }

    private String loginLocation(HttpServletRequest request) {
        String url = settings.loginUrl();
        return url.startsWith("/") ? request.getContextPath() + url : url;
    }
}
