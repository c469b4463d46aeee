package org.tokenrefresh.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tokenrefresh.testsupport.CookieTokenServlet;

/**
 * A legacy-style protected resource: reads the access token from its cookie, as such applications do, and
 * accepts the request only with a currently valid Keycloak access token ({@link AccessTokenCheck}). Answers 200
 * {@code {"user":..,"token":<short id of the token it saw>}}, or 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3.1).
 */
final class ProtectedServlet extends CookieTokenServlet {

    private static final long serialVersionUID = 1L;

    private final transient AccessTokenCheck check;

    ProtectedServlet(AccessTokenCheck check) {
        super("authToken");
        this.check = check;
    }

    @Override
    protected void answer(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
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
