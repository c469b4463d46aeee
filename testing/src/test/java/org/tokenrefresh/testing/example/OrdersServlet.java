package org.tokenrefresh.testing.example;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application under test in the kit's examples, as a legacy application is: {@code GET /orders} answers the
 * user's orders while the {@code authToken} cookie holds a token that has not expired, else 401. It knows nothing of
 * the library.
 */
@WebServlet("/orders")
public class OrdersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern SUBJECT = Pattern.compile("\"sub\":\"([^\"]*)\"");
    private static final Pattern EXPIRY = Pattern.compile("\"exp\":(\\d+)");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String payload = payload(request);
        Matcher subject = SUBJECT.matcher(payload);
        Matcher expiry = EXPIRY.matcher(payload);
        response.setContentType("application/json");
        if (!subject.find() || !expiry.find() || Long.parseLong(expiry.group(1)) <= System.currentTimeMillis() / 1000) {
            response.setStatus(401);
            response.getWriter().write("{\"error\":\"invalid_token\"}");
            return;
        }
        response.getWriter().write("{\"user\":\"" + subject.group(1) + "\",\"orders\":[\"A-1042\",\"A-1043\"]}");
    }

    private static String payload(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        for (Cookie cookie : cookies == null ? new Cookie[0] : cookies) {
            String[] parts = cookie.getValue().split("\\.");
            if (cookie.getName().equals("authToken") && parts.length == 3) {
                try {
                    return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException notBase64) {
                    return "";
                }
            }
        }
        return "";
    }
}
