package org.tokenrefresh.mockauth;

import java.util.Map;

/**
 * {@code POST /login}: JSON or form {@code username}, {@code password}. Answers 200
 * {@code {"accessToken","refreshToken","expiresIn","user":{"username"}}}, or 401 {@code invalid_credentials}.
 */
final class LoginEndpoint implements Endpoint {

    private final MockAuthBackend backend;

    LoginEndpoint(MockAuthBackend backend) {
        this.backend = backend;
    }

    @Override
    public AuthResponse handle(AuthRequest request) {
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
}
