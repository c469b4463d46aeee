package org.tokenrefresh.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A legacy-style protected resource: reads the access token from its cookie, as such applications do, and
 * accepts the request only with a currently valid Keycloak access token ({@link AccessTokenCheck}). Answers 200
 * {@code {"user":..,"token":<short id of the token it saw>}}, or 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3.1).
 */
final class ProtectedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AccessTokenCheck check;
    final AtomicInteger invocations = new AtomicInteger();
    final AtomicInteger unauthorized = new AtomicInteger();

    ProtectedServlet(AccessTokenCheck check) {
        this.check = check;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        invocations.incrementAndGet();
        Cookie[] cookies = request.getCookies();
        // the last authToken cookie, as a loop over getCookies() finds it
        String token = cookies == null ? null : Arrays.stream(cookies).filter(cookie -> "authToken".equals(cookie.getName()))
                .reduce((first, last) -> last).map(Cookie::getValue).orElse(null);
        String user = check.user(token);
        ObjectNode body = KeycloakApi.JSON.createObjectNode();
        response.setContentType("application/json");
        if (user == null) {
            unauthorized.incrementAndGet();
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            body.put("error", "invalid_token");
        } else {
            body.put("user", user).put("token", Tokens.id(token));
        }
        response.getWriter().write(body.toString());
    }
}
