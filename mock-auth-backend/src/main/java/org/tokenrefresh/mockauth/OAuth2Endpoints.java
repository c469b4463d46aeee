package org.tokenrefresh.mockauth;

import java.util.Map;

/**
 * The {@code oauth2} protocol's endpoints, each with client authentication ({@link ClientAuthentication}).
 * <ul>
 * <li>{@code POST /oauth2/token} (RFC 6749 §6): form {@code grant_type=refresh_token&refresh_token=..}. Answers
 * 200 {@code {"access_token","token_type","expires_in","refresh_token"}}, errors per RFC 6749 §5.2.</li>
 * <li>{@code POST /oauth2/revoke} (RFC 7009 §2.1): form {@code token} (a refresh or access token;
 * {@code token_type_hint} is accepted and not needed); the whole token family is revoked &rarr; 200 with an
 * empty body, whether or not the token was valid (§2.2).</li>
 * </ul>
 */
final class OAuth2Endpoints {

    private final MockAuthBackend backend;
    private final RefreshCall refresh;
    private final ClientAuthentication clients;

    OAuth2Endpoints(MockAuthBackend backend) {
        this.backend = backend;
        this.refresh = new RefreshCall(backend);
        this.clients = new ClientAuthentication(backend);
    }

    AuthResponse token(AuthRequest request) {
        Map<String, String> form = Map.of();
        AuthResponse rejection;
        try {
            form = ClientAuthentication.form(request);
            rejection = check(request, form);
        } catch (IllegalArgumentException e) {
            rejection = Responses.oauth2Error(400, "invalid_request", e.getMessage());
        }
        String token = form.get("refresh_token");
        return refresh.answer(token == null || token.isEmpty() ? null : token, rejection, Responses::oauth2Tokens,
                message -> Responses.oauth2Error(400, MockAuthException.INVALID_GRANT, message));
    }

    /** Client authentication, then the grant; null when the request may proceed. */
    private AuthResponse check(AuthRequest request, Map<String, String> form) {
        AuthResponse clientError = clients.check(request, form);
        if (clientError != null) {
            return clientError;
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return Responses.oauth2Error(400, "invalid_request", "grant_type is required");
        }
        if (!"refresh_token".equals(grantType)) {
            return Responses.oauth2Error(400, "unsupported_grant_type", "only refresh_token is supported");
        }
        String token = form.get("refresh_token");
        if (token == null || token.isEmpty()) {
            return Responses.oauth2Error(400, "invalid_request", "refresh_token is required");
        }
        return null;
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
