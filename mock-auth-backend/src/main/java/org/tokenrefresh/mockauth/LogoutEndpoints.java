package org.tokenrefresh.mockauth;

import java.util.Map;

/**
 * Ending a session from the client's side; the whole token family is revoked, its refresh and access
 * tokens alike.
 * <ul>
 * <li>{@code POST /logout} ({@code json} protocol): JSON or form {@code refreshToken} &rarr; 200
 * {@code {"revoked":1}}, or {@code {"revoked":0}} when no live session had that token; 400 without one.</li>
 * <li>{@code POST /oauth2/revoke} (RFC 7009 §2.1): form {@code token} (a refresh or access token;
 * {@code token_type_hint} is accepted and not needed) with client authentication as at the token endpoint
 * &rarr; 200 with an empty body, whether or not the token was valid (§2.2).</li>
 * </ul>
 */
final class LogoutEndpoints {

    private final MockAuthBackend backend;
    private final ClientAuthentication clients;

    LogoutEndpoints(MockAuthBackend backend, ClientAuthentication clients) {
        this.backend = backend;
        this.clients = clients;
    }

    AuthResponse logout(AuthRequest request) {
        Object token = Requests.readObject(request).get("refreshToken");
        if (!(token instanceof String) || ((String) token).isEmpty()) {
            throw new IllegalArgumentException("refreshToken is required");
        }
        return AuthResponse.json(200, Map.of("revoked", backend.endSession((String) token) ? 1 : 0),
                Responses.NO_STORE);
    }

    AuthResponse revoke(AuthRequest request) {
        Map<String, String> form;
        try {
            form = ClientAuthentication.form(request);
        } catch (IllegalArgumentException e) {
            return Responses.oauth2Error(400, "invalid_request", e.getMessage());
        }
        AuthResponse clientError = clients.check(request, form);
        if (clientError != null) {
            return clientError;
        }
        String token = form.get("token");
        if (token == null || token.isEmpty()) {
            return Responses.oauth2Error(400, "invalid_request", "token is required");
        }
        backend.endSession(token);
        return AuthResponse.of(200, null, "", Responses.NO_STORE);
    }
}
