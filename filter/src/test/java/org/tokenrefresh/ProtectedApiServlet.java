package org.tokenrefresh;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.tokenrefresh.mockauth.Claims;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthException;
import org.tokenrefresh.testsupport.CookieTokenServlet;

/**
 * A legacy-style protected resource: reads the access token from its cookie, as such applications do, and
 * answers 401 when the auth backend would not accept it. Tokens issued before {@link #notBefore} are also
 * refused (a server-side invalidation that only a refresh fixes). {@code /api/senderror} answers 401 with
 * {@code sendError}; everything else with {@code setStatus} and a JSON body.
 */
final class ProtectedApiServlet extends CookieTokenServlet {

    private static final long serialVersionUID = 1L;

    final transient MockAuthBackend backend;
    final AtomicLong notBefore = new AtomicLong();

    ProtectedApiServlet(MockAuthBackend backend) {
        super("authToken");
        this.backend = backend;
    }

    /** The claims of an access token the mock backend accepts; {@code null} for any other token, or none. */
    static Claims claimsOf(MockAuthBackend backend, String token) {
        try {
            return token == null ? null : backend.validateAccessToken(token);
        } catch (MockAuthException e) {
            return null;
        }
    }

    @Override
    protected void answer(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Claims claims = claimsOf(backend, token);
        if (claims == null || claims.issuedAt().getEpochSecond() < notBefore.get()) {
            unauthorized.incrementAndGet();
            if (request.getRequestURI().endsWith("/stream")) {
                response.setStatus(401);
                response.setContentType("text/plain");
                for (int i = 0; i < 2000; i++) {
                    response.getWriter().write("streamed line " + i + "\n");
                }
                response.flushBuffer();
            } else if (request.getRequestURI().endsWith("/senderror")) {
                response.sendError(401, "token rejected");
            } else {
                response.setStatus(401);
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"invalid_token\"}");
            }
            return;
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"user\":\"" + claims.subject() + "\",\"jti\":\"" + claims.jwtId() + "\",\"method\":\""
                + request.getMethod() + "\",\"body\":\"" + body.replace("\"", "'") + "\",\"cookieHeader\":\""
                + (request.getHeader("Cookie") != null && request.getHeader("Cookie").contains(token) ? "fresh" : "stale") + "\"}");
    }
}
