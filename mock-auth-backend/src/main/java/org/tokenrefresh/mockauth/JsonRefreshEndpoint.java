package org.tokenrefresh.mockauth;

/**
 * {@code POST /api/auth/refresh}, the {@code json} protocol: body {@code {"refreshToken":".."}}; any
 * {@code Authorization: Bearer} header is ignored, it may be expired. Answers 200 with the tokens as login
 * does, 401 {@code invalid_grant} for a dead token, 400 {@code invalid_request} for a malformed body.
 */
final class JsonRefreshEndpoint implements Endpoint {

    private final RefreshCall refresh;

    JsonRefreshEndpoint(RefreshCall refresh) {
        this.refresh = refresh;
    }

    @Override
    public AuthResponse handle(AuthRequest request) {
        String token = null;
        AuthResponse rejection = null;
        try {
            Object value = Json.parseObject(Json.utf8(request.body())).get("refreshToken");
            if (value instanceof String && !((String) value).isEmpty()) {
                token = (String) value;
            } else {
                rejection = Responses.badRequest("refreshToken is required");
            }
        } catch (IllegalArgumentException e) {
            rejection = Responses.badRequest("malformed body: " + e.getMessage());
        }
        return refresh.answer(token, rejection, Responses::jsonTokens,
                message -> AuthResponse.error(401, MockAuthException.INVALID_GRANT, message, Responses.NO_STORE));
    }
}
