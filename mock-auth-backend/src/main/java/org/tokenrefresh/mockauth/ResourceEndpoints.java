package org.tokenrefresh.mockauth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a resource server asks the backend:
 * <ul>
 * <li>{@code GET /health} &rarr; {@code {"status":"UP"}}, or 503 {@code DOWN} with {@code Retry-After} while
 * the fault is {@link Fault#UNAVAILABLE_503};</li>
 * <li>{@code GET|POST /api/validate} with {@code Authorization: Bearer} &rarr; 200 with the claims, or 401
 * with {@code WWW-Authenticate} (RFC 6750 §3).</li>
 * </ul>
 */
final class ResourceEndpoints {

    private final MockAuthBackend backend;

    ResourceEndpoints(MockAuthBackend backend) {
        this.backend = backend;
    }

    AuthResponse health(AuthRequest request) {
        FaultPlan fault = backend.fault();
        if (fault.mode() == Fault.UNAVAILABLE_503) {
            return AuthResponse.json(503, Map.of("status", "DOWN"),
                    "Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        return AuthResponse.json(200, Map.of("status", "UP"));
    }

    AuthResponse validate(AuthRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return AuthResponse.error(401, "invalid_request", "Bearer token required",
                    "WWW-Authenticate", "Bearer realm=\"mock-auth\"");
        }
        try {
            Claims claims = backend.validateAccessToken(authorization.substring(7).trim());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("active", true);
            body.put("sub", claims.subject());
            body.put("iss", claims.issuer());
            body.put("iat", claims.issuedAt().getEpochSecond());
            body.put("exp", claims.expiresAt().getEpochSecond());
            body.put("jti", claims.jwtId());
            body.put("fam", claims.familyId());
            return AuthResponse.json(200, body, Responses.NO_STORE);
        } catch (MockAuthException e) {
            // RFC 6750 §3
            return AuthResponse.error(401, MockAuthException.INVALID_TOKEN, e.getMessage(), "WWW-Authenticate",
                    "Bearer realm=\"mock-auth\", error=\"invalid_token\", error_description=\"" + e.getMessage()
                            + "\"");
        }
    }
}
