package org.tokenrefresh.mockauth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The control API for tests under {@code /admin/}: fault switches, revocation, run-time settings, time
 * control, counters and reset. Unauthenticated: never for production. Parameters come from the query
 * string, a form body or a JSON object body; an unknown parameter is a 400 naming it. The manual, with
 * every endpoint, is {@link AuthProtocolHandler}'s javadoc.
 */
final class ControlEndpoint {

    private static final Set<String> FAULT_PARAMS = Set.of("mode", "count", "retryAfter", "delayMs", "duration");

    private final MockAuthBackend backend;

    ControlEndpoint(MockAuthBackend backend) {
        this.backend = backend;
    }

    AuthResponse stats(AuthRequest request) {
        return AuthResponse.json(200, stats(), Responses.NO_STORE);
    }

    AuthResponse fault(AuthRequest request) {
        Map<String, String> params = params(request, FAULT_PARAMS);
        String mode = params.getOrDefault("mode", "NONE").toUpperCase(Locale.ROOT);
        Fault fault;
        try {
            fault = Fault.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault mode '" + mode + "'");
        }
        String duration = params.get("duration");
        FaultPlan plan = FaultPlan.of(fault)
                .times((int) number(params, "count", 0))
                .retryAfterSeconds((int) number(params, "retryAfter", FaultPlan.DEFAULT_RETRY_AFTER_SECONDS))
                .delayMillis(number(params, "delayMs", 0))
                .forDuration(duration == null ? Duration.ZERO : Durations.parse(duration));
        backend.setFault(plan);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fault", plan.mode().name());
        body.put("count", plan.times());
        body.put("retryAfter", plan.retryAfterSeconds());
        body.put("delayMs", plan.delayMillis());
        body.put("durationMs", plan.duration().toMillis());
        return AuthResponse.json(200, body, Responses.NO_STORE);
    }

    AuthResponse reset(AuthRequest request) {
        Map<String, String> params = params(request, Set.of("sessions"));
        backend.reset();
        if ("true".equals(params.get("sessions"))) {
            backend.clearSessions();
        }
        return AuthResponse.json(200, stats(), Responses.NO_STORE);
    }

    AuthResponse revoke(AuthRequest request) {
        Map<String, String> params = params(request, Set.of("user", "family"));
        int revoked;
        if (params.containsKey("user")) {
            revoked = backend.revokeUser(params.get("user"));
        } else if (params.containsKey("family")) {
            revoked = backend.revokeFamily(params.get("family")) ? 1 : 0;
        } else {
            throw new IllegalArgumentException("user or family is required");
        }
        return AuthResponse.json(200, Map.of("revoked", revoked), Responses.NO_STORE);
    }

    /** Changes run-time settings (POST only), named in camelCase or as the settings' keys; shows them all. */
    AuthResponse config(AuthRequest request) {
        Map<String, String> settings = new LinkedHashMap<>();
        Requests.params(request).forEach((name, value) -> settings.put(kebabCase(name), value));
        if (!settings.isEmpty() && !"POST".equals(request.method())) {
            throw new IllegalArgumentException("settings change with POST only");
        }
        if (!settings.isEmpty()) {
            backend.configure(settings);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        backend.settingValues().forEach((key, value) -> body.put(camelCase(key), value instanceof Duration
                ? (Object) ((Duration) value).getSeconds() : value instanceof RateLimit ? value.toString() : value));
        return AuthResponse.json(200, body, Responses.NO_STORE);
    }

    /** Time control: the access token again, with {@code exp} = now + {@code expiresIn} seconds. */
    AuthResponse reissue(AuthRequest request) {
        Map<String, String> params = params(request, Set.of("accessToken", "expiresIn"));
        String token = params.get("accessToken");
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("accessToken is required");
        }
        long expiresIn = number(params, "expiresIn", 0);
        String reissued;
        try {
            reissued = backend.reissueAccessToken(token, Duration.ofSeconds(expiresIn));
        } catch (MockAuthException e) {
            return AuthResponse.error(400, MockAuthException.INVALID_TOKEN, e.getMessage(), Responses.NO_STORE);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessToken", reissued);
        body.put("expiresIn", expiresIn);
        body.put("expiresAt", backend.signedClaims(reissued).expiresAt().getEpochSecond());
        return AuthResponse.json(200, body, Responses.NO_STORE);
    }

    /** The counters, the fault and the token lifetimes. */
    private Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("totalRefreshCalls", backend.totalRefreshCalls());
        stats.put("successfulRefreshes", backend.successfulRefreshes());
        stats.put("reuseDetections", backend.reuseDetections());
        stats.put("revokedFamilies", backend.revokedFamilies());
        stats.put("rejectedCalls", backend.rejectedCalls());
        stats.put("rateLimitedCalls", backend.rateLimitedCalls());
        stats.put("fault", backend.fault().mode().name());
        stats.put("accessTtl", backend.accessTokenLifetime().getSeconds());
        stats.put("refreshTtl", backend.refreshTokenLifetime().getSeconds());
        stats.put("refreshCallsPerFamily", backend.refreshCallsPerFamily());
        stats.put("refreshCallsPerUser", backend.refreshCallsPerUser());
        return stats;
    }

    private static Map<String, String> params(AuthRequest request, Set<String> known) {
        Map<String, String> params = Requests.params(request);
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (known: " + new TreeSet<>(known)
                        + ")");
            }
        }
        return params;
    }

    private static long number(Map<String, String> params, String name, long defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number");
        }
    }

    /** {@code userRateLimit} to {@code user-rate-limit}; keys already in kebab case stay as they are. */
    static String kebabCase(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code user-rate-limit} gives {@code userRateLimit}. */
    static String camelCase(String key) {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("-")) {
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }
}
