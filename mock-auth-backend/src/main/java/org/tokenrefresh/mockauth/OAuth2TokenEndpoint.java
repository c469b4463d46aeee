package org.tokenrefresh.mockauth;

import java.util.Map;

/**
 * {@code POST /oauth2/token}, the {@code oauth2} protocol (RFC 6749 §6): form
 * {@code grant_type=refresh_token&refresh_token=..} with client authentication. Answers 200
 * {@code {"access_token","token_type","expires_in","refresh_token"}}, errors per RFC 6749 §5.2.
 */
final class OAuth2TokenEndpoint implements Endpoint {

    private final RefreshCall refresh;
    private final ClientAuthentication clients;

    OAuth2TokenEndpoint(RefreshCall refresh, ClientAuthentication clients) {
        this.refresh = refresh;
        this.clients = clients;
    }

    @Override
    public AuthResponse handle(AuthRequest request) {
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
}
