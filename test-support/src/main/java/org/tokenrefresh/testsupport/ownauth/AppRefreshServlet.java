package org.tokenrefresh.testsupport.ownauth;

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
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's own refresh endpoint, as the seed has it: sends the {@code refreshToken} cookie it received
 * to the auth backend ({@code POST {"refreshToken":..}}), and writes the rotated pair as the token cookies itself.
 * Answers {@link #BODY}, or 401 when the backend refused. It knows nothing of the library: whatever refresh token
 * the request carries is the one it spends.
 *
 * <p>The backend's refresh URL is the constructor's argument, or, when the container creates it from its
 * annotation, the system property {@value #REFRESH_URL_PROPERTY} (the application's own setting).
 */
@WebServlet(AppRefreshServlet.PATH)
public class AppRefreshServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the application serves it: the library's default refresh path. */
    public static final String PATH = "/api/auth/refresh";
    /** What it answers after a rotation. */
    public static final String BODY = "{\"refreshedBy\":\"application\"}";
    /** The application's setting naming the auth backend's refresh URL. */
    public static final String REFRESH_URL_PROPERTY = "ownauth.refresh-url";
    /** The token cookies the application reads and writes (the library's defaults). */
    public static final String ACCESS_COOKIE = "authToken";
    public static final String REFRESH_COOKIE = "refreshToken";

    private static final Pattern TOKEN_FIELD = Pattern.compile("\"(accessToken|refreshToken)\"\\s*:\\s*\"([^\"]+)\"");

    private final String refreshUrl;
    private final transient HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** For a container: the URL from {@value #REFRESH_URL_PROPERTY}. */
    public AppRefreshServlet() {
        this(System.getProperty(REFRESH_URL_PROPERTY));
    }

    public AppRefreshServlet(String refreshUrl) {
        this.refreshUrl = refreshUrl;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (refreshUrl == null) {
            throw new IllegalStateException(REFRESH_URL_PROPERTY + " is not set");
        }
        String refresh = request.getCookies() == null ? null : Arrays.stream(request.getCookies())
                .filter(cookie -> REFRESH_COOKIE.equals(cookie.getName())).map(Cookie::getValue).findFirst().orElse(null);
        response.setContentType("application/json");
        if (refresh == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.getWriter().write("{\"refreshedBy\":\"nobody\"}");
            return;
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(refreshUrl)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + refresh + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (answer.statusCode() != 200) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.getWriter().write("{\"refreshedBy\":\"nobody\",\"status\":" + answer.statusCode() + "}");
            return;
        }
        Matcher fields = TOKEN_FIELD.matcher(answer.body());
        while (fields.find()) {
            Cookie cookie = new Cookie(fields.group(1).equals("accessToken") ? ACCESS_COOKIE : REFRESH_COOKIE, fields.group(2));
            cookie.setHttpOnly(true);
            cookie.setPath("/");
            response.addCookie(cookie);
        }
        response.getWriter().write(BODY);
    }
}
