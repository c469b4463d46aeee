package org.tokenrefresh.mockauth;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answers the protocol endpoints share: token bodies of both protocols, errors, 429 and 405. */
final class Responses {

    /** RFC 6749 §5.1: token answers must not be cached. */
    static final String[] NO_STORE = {"Cache-Control", "no-store", "Pragma", "no-cache"};

    private Responses() {
    }

    /** The {@code json} protocol's tokens, as login and {@code /api/auth/refresh} answer them. */
    static AuthResponse jsonTokens(TokenSet tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessToken", tokens.accessToken());
        body.put("refreshToken", tokens.refreshToken());
        body.put("expiresIn", tokens.expiresIn());
        body.put("user", Map.of("username", tokens.username()));
        return AuthResponse.json(200, body, NO_STORE);
    }

    /** RFC 6749 §5.1. */
    static AuthResponse oauth2Tokens(TokenSet tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.expiresIn());
        body.put("refresh_token", tokens.refreshToken());
        return AuthResponse.json(200, body, NO_STORE);
    }

    /** RFC 6749 §5.2. */
    static AuthResponse oauth2Error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return AuthResponse.json(status, body, NO_STORE);
    }

    /** RFC 6749 §5.2: failed client authentication, with the scheme the client should use. */
    static AuthResponse invalidClient() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_client");
        body.put("error_description", "client authentication failed");
        return AuthResponse.json(401, body, "WWW-Authenticate", "Basic realm=\"mock-auth\"", "Cache-Control",
                "no-store", "Pragma", "no-cache");
    }

    /** The seed backend's rate-limit answer, body and all. */
    static AuthResponse tooManyRequests(long retryAfterSeconds) {
        return AuthResponse.error(429, "Too many authentication attempts", "Please try again in 15 minutes",
                "Retry-After", String.valueOf(retryAfterSeconds));
    }

    static AuthResponse badRequest(String message) {
        return AuthResponse.error(400, "invalid_request", message, NO_STORE);
    }

    static AuthResponse methodNotAllowed(String allowed) {
        return AuthResponse.error(405, "method_not_allowed", "use " + allowed, "Allow", allowed);
    }
}
