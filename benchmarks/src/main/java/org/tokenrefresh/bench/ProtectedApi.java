package org.tokenrefresh.bench;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tokenrefresh.mockauth.Claims;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthException;

/**
 * The legacy application under load: reads the access token from its cookie, as such applications do, and
 * really validates it (HS256 signature, issuer, expiry, session not revoked). 200 with a small JSON body, or
 * 401.
 */
final class ProtectedApi extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The cookie the application reads its access token from. */
    static final String ACCESS_COOKIE = "authToken";

    private final transient MockAuthBackend backend;

    ProtectedApi(MockAuthBackend backend) {
        this.backend = backend;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (ACCESS_COOKIE.equals(cookie.getName())) {
                    token = cookie.getValue();
                    break;
                }
            }
        }
        Claims claims = token == null ? null : validClaims(token);
        response.setContentType("application/json");
        if (claims == null) {
            response.setStatus(401);
            response.getWriter().write("{\"error\":\"invalid_token\"}");
            return;
        }
        response.getWriter().write("{\"user\":\"" + claims.subject() + "\",\"orders\":[1,2,3]}");
    }

    /** The token's claims, or {@code null} when the backend refuses it. */
    private Claims validClaims(String token) {
        try {
            return backend.validateAccessToken(token);
        } catch (MockAuthException e) {
            return null;
        }
    }
}
