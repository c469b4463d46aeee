package org.tokenrefresh.mockauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP protocol of the mock auth backend, independent of any server: {@link MockAuthHttpServer} and
 * {@link MockAuthServlet} only translate to and from {@link AuthRequest} and {@link AuthResponse}.
 *
 * <h2>Endpoints</h2>
 * <ul>
 * <li>{@code POST /login}: JSON or form {@code username}, {@code password} &rarr; 200
 * {@code {"accessToken","refreshToken","expiresIn","user":{"username"}}}, or 401.</li>
 * <li>{@code POST /api/auth/refresh} (protocol {@code json}): body {@code {"refreshToken":".."}}; any
 * {@code Authorization: Bearer} header is ignored, it may be expired &rarr; 200 as for login, 401
 * {@code invalid_grant}, 400 {@code invalid_request} for a malformed body.</li>
 * <li>{@code POST /oauth2/token} (protocol {@code oauth2}, RFC 6749 §6): form
 * {@code grant_type=refresh_token&refresh_token=..}, client authentication {@code client_secret_basic} or
 * {@code client_secret_post} &rarr; 200 {@code {"access_token","token_type","expires_in","refresh_token"}},
 * errors per RFC 6749 §5.2.</li>
 * <li>{@code GET /health} &rarr; {@code {"status":"UP"}}, or 503 while the fault is
 * {@link Fault#UNAVAILABLE_503}.</li>
 * <li>{@code POST /api/validate} with {@code Authorization: Bearer} &rarr; 200 claims or 401.</li>
 * <li>Admin, unauthenticated, for tests only: {@code GET /admin/stats}; {@code POST /admin/fault?mode=&count=&retryAfter=&delayMs=};
 * {@code POST /admin/reset[?sessions=true]}; {@code POST /admin/revoke?user=|family=};
 * {@code POST /admin/config?accessTtl=&refreshTtl=} (seconds or durations such as {@code 5m}).</li>
 * </ul>
 * Faults and the rate limit apply to the two refresh endpoints only. Thread-safe.
 */
public final class AuthProtocolHandler {

    private static final Logger LOG = Logger.getLogger(AuthProtocolHandler.class.getName());
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String[] NO_STORE = {"Cache-Control", "no-store", "Pragma", "no-cache"};

    private final MockAuthBackend backend;

    public AuthProtocolHandler(MockAuthBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public MockAuthBackend backend() {
        return backend;
    }

    /** Answers one request; never throws. */
    public AuthResponse handle(AuthRequest request) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        boolean post = "POST".equals(request.method());
        boolean get = "GET".equals(request.method()) || "HEAD".equals(request.method());
        try {
            switch (path) {
                case "/login":
                    return post ? login(request) : methodNotAllowed("POST");
                case "/api/auth/refresh":
                    return post ? jsonRefresh(request) : methodNotAllowed("POST");
                case "/oauth2/token":
                    return post ? oauth2Token(request) : methodNotAllowed("POST");
                case "/health":
                    return get ? health() : methodNotAllowed("GET");
                case "/api/validate":
                    return post || get ? validate(request) : methodNotAllowed("GET, POST");
                case "/admin/stats":
                    return get ? AuthResponse.json(200, backend.stats(), NO_STORE) : methodNotAllowed("GET");
                case "/admin/fault":
                case "/admin/reset":
                case "/admin/revoke":
                case "/admin/config":
                    return post ? admin(path, request) : methodNotAllowed("POST");
                default:
                    return AuthResponse.error(404, "not_found", "no endpoint " + path);
            }
        } catch (IllegalArgumentException e) {
            return AuthResponse.error(400, "invalid_request", e.getMessage(), NO_STORE);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mock auth request failed", e);
            return AuthResponse.error(500, "server_error", "internal error");
        }
    }

    private AuthResponse login(AuthRequest request) {
        Map<String, ?> body = readObject(request);
        Object username = body.get("username");
        Object password = body.get("password");
        if (!(username instanceof String) || !(password instanceof String)) {
            throw new IllegalArgumentException("username and password are required");
        }
        try {
            return jsonTokens(backend.login((String) username, (String) password));
        } catch (MockAuthException e) {
            return AuthResponse.error(401, MockAuthException.INVALID_CREDENTIALS, "Invalid username or password",
                    NO_STORE);
        }
    }

    private AuthResponse jsonRefresh(AuthRequest request) {
        String token = null;
        AuthResponse rejection = null;
        try {
            Object value = Json.parseObject(Json.utf8(request.body())).get("refreshToken");
            if (value instanceof String && !((String) value).isEmpty()) {
                token = (String) value;
            } else {
                rejection = AuthResponse.error(400, "invalid_request", "refreshToken is required", NO_STORE);
            }
        } catch (IllegalArgumentException e) {
            rejection = AuthResponse.error(400, "invalid_request", "malformed body: " + e.getMessage(), NO_STORE);
        }
        return refreshThroughFaults(token, rejection, false);
    }

    private AuthResponse oauth2Token(AuthRequest request) {
        Map<String, String> form = Map.of();
        AuthResponse rejection;
        try {
            // RFC 6749 §3.2: the token endpoint takes application/x-www-form-urlencoded parameters
            if (!contentTypeIs(request, FORM)) {
                throw new IllegalArgumentException("Content-Type must be " + FORM);
            }
            form = parseForm(Json.utf8(request.body()));
            rejection = checkTokenRequest(request, form);
        } catch (IllegalArgumentException e) {
            rejection = oauth2Error(400, "invalid_request", e.getMessage());
        }
        String token = form.get("refresh_token");
        return refreshThroughFaults(token == null || token.isEmpty() ? null : token, rejection, true);
    }

    /** Client authentication (RFC 6749 §2.3.1) and grant checks; null when the request may proceed. */
    private AuthResponse checkTokenRequest(AuthRequest request, Map<String, String> form) {
        String authorization = request.header("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (basic && secret != null) {
            return oauth2Error(400, "invalid_request", "more than one client authentication method");
        }
        if (basic) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon < 0 || (id != null && !id.equals(formDecode(decoded.substring(0, colon))))) {
                return invalidClient();
            }
            // §2.3.1: id and secret are form-encoded before they are joined with ':'
            id = formDecode(decoded.substring(0, colon));
            secret = formDecode(decoded.substring(colon + 1));
        }
        if (!backend.authenticateClient(id, secret)) {
            return invalidClient();
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return oauth2Error(400, "invalid_request", "grant_type is required");
        }
        if (!"refresh_token".equals(grantType)) {
            return oauth2Error(400, "unsupported_grant_type", "only refresh_token is supported");
        }
        String token = form.get("refresh_token");
        if (token == null || token.isEmpty()) {
            return oauth2Error(400, "invalid_request", "refresh_token is required");
        }
        return null;
    }

    /**
     * The common path of both refresh protocols: a fault answers first, as a proxy or a failing server
     * would, without consuming the token; then a request error; then the rotation itself.
     */
    private AuthResponse refreshThroughFaults(String token, AuthResponse rejection, boolean oauth2) {
        FaultPlan fault = backend.takeFault();
        if (fault.mode().rejects()) {
            backend.recordCall(token, true);
            return faultResponse(fault);
        }
        if (fault.mode() == Fault.DELAY) {
            pause(fault.delayMillis());
        }
        if (rejection != null) {
            backend.recordCall(token, false);
            return rejection;
        }
        try {
            TokenSet tokens = backend.refresh(token);
            return oauth2 ? oauth2Tokens(tokens) : jsonTokens(tokens);
        } catch (MockAuthException e) {
            if (MockAuthException.RATE_LIMITED.equals(e.error())) {
                return tooManyRequests(e.retryAfterSeconds());
            }
            return oauth2 ? oauth2Error(400, MockAuthException.INVALID_GRANT, e.getMessage())
                    : AuthResponse.error(401, MockAuthException.INVALID_GRANT, e.getMessage(), NO_STORE);
        }
    }

    private static AuthResponse faultResponse(FaultPlan fault) {
        String retryAfter = String.valueOf(fault.retryAfterSeconds());
        switch (fault.mode()) {
            case RATE_LIMIT_429:
                return tooManyRequests(fault.retryAfterSeconds());
            case UNAVAILABLE_503:
                return AuthResponse.error(503, "temporarily_unavailable", "Service temporarily unavailable",
                        "Retry-After", retryAfter);
            case ERROR_500:
                return AuthResponse.error(500, "server_error", "Internal server error");
            case HTML_502:
                return AuthResponse.of(502, "text/html; charset=utf-8", "<html><head><title>502 Bad Gateway"
                        + "</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx"
                        + "</center></body></html>\n");
            case GARBAGE_200:
                return AuthResponse.of(200, "application/json", "<!DOCTYPE html><p>Session OK</p> }{ not json");
            case EMPTY_200:
                return AuthResponse.of(200, "application/json", "");
            case MISSING_FIELDS_200:
                return AuthResponse.of(200, "application/json", "{\"status\":\"ok\",\"user\":null}");
            default:
                return AuthResponse.drop();
        }
    }

    private static AuthResponse tooManyRequests(long retryAfterSeconds) {
        return AuthResponse.error(429, "Too many authentication attempts", "Please try again in 15 minutes",
                "Retry-After", String.valueOf(retryAfterSeconds));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AuthResponse health() {
        FaultPlan fault = backend.fault();
        if (fault.mode() == Fault.UNAVAILABLE_503) {
            return AuthResponse.json(503, Map.of("status", "DOWN"),
                    "Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        return AuthResponse.json(200, Map.of("status", "UP"));
    }

    private AuthResponse validate(AuthRequest request) {
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
            return AuthResponse.json(200, body, NO_STORE);
        } catch (MockAuthException e) {
            // RFC 6750 §3
            return AuthResponse.error(401, MockAuthException.INVALID_TOKEN, e.getMessage(), "WWW-Authenticate",
                    "Bearer realm=\"mock-auth\", error=\"invalid_token\", error_description=\"" + e.getMessage()
                            + "\"");
        }
    }

    private AuthResponse admin(String path, AuthRequest request) {
        Map<String, String> params = parseForm(request.query() == null ? "" : request.query());
        if (contentTypeIs(request, FORM)) {
            params = new LinkedHashMap<>(params);
            params.putAll(parseForm(Json.utf8(request.body())));
        }
        switch (path) {
            case "/admin/fault":
                String mode = params.getOrDefault("mode", "NONE").toUpperCase(Locale.ROOT);
                Fault fault;
                try {
                    fault = Fault.valueOf(mode);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown fault mode '" + mode + "'");
                }
                FaultPlan plan = FaultPlan.of(fault)
                        .times((int) number(params, "count", 0))
                        .retryAfterSeconds((int) number(params, "retryAfter", FaultPlan.DEFAULT_RETRY_AFTER_SECONDS))
                        .delayMillis(number(params, "delayMs", 0));
                backend.setFault(plan);
                return AuthResponse.json(200, Map.of("fault", plan.mode().name(), "count", plan.times()));
            case "/admin/reset":
                backend.reset();
                if ("true".equals(params.get("sessions"))) {
                    backend.clearSessions();
                }
                return AuthResponse.json(200, backend.stats());
            case "/admin/revoke":
                int revoked;
                if (params.containsKey("user")) {
                    revoked = backend.revokeUser(params.get("user"));
                } else if (params.containsKey("family")) {
                    revoked = backend.revokeFamily(params.get("family")) ? 1 : 0;
                } else {
                    throw new IllegalArgumentException("user or family is required");
                }
                return AuthResponse.json(200, Map.of("revoked", revoked));
            default:
                if (params.containsKey("accessTtl")) {
                    backend.setAccessTokenLifetime(duration(params.get("accessTtl"), "accessTtl"));
                }
                if (params.containsKey("refreshTtl")) {
                    backend.setRefreshTokenLifetime(duration(params.get("refreshTtl"), "refreshTtl"));
                }
                return AuthResponse.json(200, Map.of("accessTtl", backend.accessTokenLifetime().getSeconds(),
                        "refreshTtl", backend.refreshTokenLifetime().getSeconds()));
        }
    }

    private static Duration duration(String value, String name) {
        try {
            return MockAuthBackend.Builder.parseDuration(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a duration");
        }
    }

    private static long number(Map<String, String> params, String name, long defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number");
        }
    }

    private AuthResponse jsonTokens(TokenSet tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessToken", tokens.accessToken());
        body.put("refreshToken", tokens.refreshToken());
        body.put("expiresIn", tokens.expiresIn());
        body.put("user", Map.of("username", tokens.username()));
        return AuthResponse.json(200, body, NO_STORE);
    }

    /** RFC 6749 §5.1. */
    private AuthResponse oauth2Tokens(TokenSet tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.expiresIn());
        body.put("refresh_token", tokens.refreshToken());
        return AuthResponse.json(200, body, NO_STORE);
    }

    /** RFC 6749 §5.2. */
    private static AuthResponse oauth2Error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return AuthResponse.json(status, body, NO_STORE);
    }

    private static AuthResponse invalidClient() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_client");
        body.put("error_description", "client authentication failed");
        return AuthResponse.json(401, body, "WWW-Authenticate", "Basic realm=\"mock-auth\"", "Cache-Control",
                "no-store", "Pragma", "no-cache");
    }

    private static AuthResponse methodNotAllowed(String allowed) {
        return AuthResponse.error(405, "method_not_allowed", "use " + allowed, "Allow", allowed);
    }

    /** A JSON object or a form, by Content-Type, else by the first character. */
    private static Map<String, ?> readObject(AuthRequest request) {
        String body = Json.utf8(request.body());
        boolean json = contentTypeIs(request, "application/json")
                || (!contentTypeIs(request, FORM) && body.trim().startsWith("{"));
        return json ? Json.parseObject(body) : parseForm(body);
    }

    private static boolean contentTypeIs(AuthRequest request, String mediaType) {
        String contentType = request.header("Content-Type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    /** Parses {@code a=1&b=2}; a repeated parameter is an error (RFC 6749 §3.2). */
    static Map<String, String> parseForm(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            if (result.put(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name + " is repeated");
            }
        }
        return result;
    }

    private static String formDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
