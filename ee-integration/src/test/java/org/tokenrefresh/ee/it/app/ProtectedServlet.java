package org.tokenrefresh.ee.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A legacy-style protected resource: reads the access token from its cookie and asks the auth backend
 * ({@code POST /api/validate}) whether it is good, answering 401 when not. The backend is the mock in this
 * WAR, or the one at system property {@code it.validate-url}.
 */
@WebServlet("/api/*")
public class ProtectedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = cookie(request, "authToken");
        String validateUrl = System.getProperty("it.validate-url",
                "http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/mock-auth/api/validate");
        HttpResponse<String> verdict = null;
        if (token != null) {
            try {
                verdict = HTTP.send(HttpRequest.newBuilder(URI.create(validateUrl)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        response.setContentType("application/json");
        if (verdict == null || verdict.statusCode() != 200) {
            response.setStatus(401);
            response.getWriter().write("{\"error\":\"invalid_token\"}");
            return;
        }
        response.getWriter().write(verdict.body());
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
