package org.tokenrefresh.mockauth;

import java.util.Map;

/**
 * The {@code json} protocol's session endpoints.
 * <ul>
 * <li>{@code POST /login}: JSON or form {@code username}, {@code password}. Answers 200
 * {@code {"accessToken","refreshToken","expiresIn","user":{"username"}}}, or 401 {@code invalid_credentials}.</li>
 * <li>{@code POST /api/auth/refresh}: body {@code {"refreshToken":".."}}; any {@code Authorization: Bearer}
 * header is ignored, it may be expired. Answers 200 with the tokens as login does, 401 {@code invalid_grant}
 * for a dead token, 400 {@code invalid_request} for a malformed body.</li>
 * <li>{@code POST /logout}: JSON or form {@code refreshToken}; the whole token family is revoked, its refresh
 * and access tokens alike &rarr; 200 {@code {"revoked":1}}, or {@code {"revoked":0}} when no live session had
 * that token; 400 without one.</li>
 * </ul>
 */
final class JsonEndpoints {

    private final MockAuthBackend backend;
    private final RefreshCall refresh;

    JsonEndpoints(MockAuthBackend backend) {
        this.backend = backend;
        this.refresh = new RefreshCall(backend);
    }

    AuthResponse login(AuthRequest request) {
        Map<String, ?> body = Requests.readObject(request);
        Object username = body.get("username");
        Object password = body.get("password");
        if (!(username instanceof String) || !(password instanceof String)) {
            throw new IllegalArgumentException("username and password are required");
        }
        try {
            return Responses.jsonTokens(backend.login((String) username, (String) password));
        } catch (MockAuthException e) {
            return AuthResponse.error(401, MockAuthException.INVALID_CREDENTIALS, "Invalid username or password",
                    Responses.NO_STORE);
        }
    }

    AuthResponse refresh(AuthRequest request) {
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

    AuthResponse logout(AuthRequest request) {
        Object token = Requests.readObject(request).get("refreshToken");
        if (!(token instanceof String) || ((String) token).isEmpty()) {
            throw new IllegalArgumentException("refreshToken is required");
        }
        return AuthResponse.json(200, Map.of("revoked", backend.endSession((String) token) ? 1 : 0),
                Responses.NO_STORE);
    }
}
