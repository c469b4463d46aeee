package org.tokenrefresh.container.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's own authentication, as a legacy application has it: a filter on {@code /api/*} that asks
 * the auth backend ({@code POST /api/validate}) whether the {@code authToken} cookie is good and answers 401
 * when not. It counts its rejections, so a test can tell whether it ran before or after the library.
 * The backend's address is the application's setting {@code matrix.auth-url} (system property, or environment
 * variable {@code MATRIX_AUTH_URL}).
 */
@WebFilter(urlPatterns = "/api/*")
public class AppAuthFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final AtomicInteger REJECTIONS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String token = cookie(request, "authToken");
        if (token == null || !valid(token)) {
            REJECTIONS.incrementAndGet();
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"invalid_token\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The auth backend's base URL, the application's setting {@code matrix.auth-url}. */
    public static String authUrl() {
        String authUrl = System.getProperty("matrix.auth-url", System.getenv("MATRIX_AUTH_URL"));
        if (authUrl == null) {
            throw new IllegalStateException("matrix.auth-url is not set");
        }
        return authUrl;
    }

    /** Whether the auth backend accepts the access token. */
    static boolean valid(String token) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(authUrl() + "/api/validate")).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (name.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
