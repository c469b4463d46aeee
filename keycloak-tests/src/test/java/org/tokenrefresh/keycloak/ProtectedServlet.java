package org.tokenrefresh.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A legacy-style protected resource: reads the access token from its cookie, as such applications do, and
 * accepts the request only when Keycloak's userinfo endpoint accepts that token (signature, expiry, live
 * session). Answers 200 {@code {"user":..,"token":<short id of the token it saw>}}, or 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3.1).
 */
final class ProtectedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient KeycloakApi keycloak;
    final AtomicInteger invocations = new AtomicInteger();
    final AtomicInteger unauthorized = new AtomicInteger();

    ProtectedServlet(KeycloakApi keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        invocations.incrementAndGet();
        String token = null;
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if ("authToken".equals(cookie.getName())) {
                    token = cookie.getValue();
                }
            }
        }
        KeycloakApi.UserInfo info = token == null ? null : keycloak.userinfo(token);
        ObjectNode body = KeycloakApi.JSON.createObjectNode();
        response.setContentType("application/json");
        if (info == null || !info.valid()) {
            unauthorized.incrementAndGet();
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            body.put("error", "invalid_token").put("keycloakStatus", info == null ? 0 : info.status());
        } else {
            body.put("user", info.user()).put("token", Tokens.id(token));
        }
        response.getWriter().write(body.toString());
    }
}
