package org.tokenrefresh.mockauth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP protocol of the mock auth backend, independent of any server: {@link MockAuthHttpServer} and
 * {@link MockAuthServlet} only translate to and from {@link AuthRequest} and {@link AuthResponse}. This
 * class routes each path to its endpoint; its javadoc is the manual of every endpoint.
 *
 * <h2>Protocol endpoints</h2>
 * <ul>
 * <li>{@code POST /login}: JSON or form {@code username}, {@code password} &rarr; 200
 * {@code {"accessToken","refreshToken","expiresIn","user":{"username"}}}, or 401.</li>
 * <li>{@code POST /api/auth/refresh} (protocol {@code json}): body {@code {"refreshToken":".."}}; any
 * {@code Authorization: Bearer} header is ignored, it may be expired &rarr; 200 as for login, 401
 * {@code invalid_grant}, 400 {@code invalid_request} for a malformed body, 429 past a rate limit.</li>
 * <li>{@code POST /oauth2/token} (protocol {@code oauth2}, RFC 6749 §6): form
 * {@code grant_type=refresh_token&refresh_token=..}, client authentication {@code client_secret_basic} or
 * {@code client_secret_post} &rarr; 200 {@code {"access_token","token_type","expires_in","refresh_token"}},
 * errors per RFC 6749 §5.2.</li>
 * <li>{@code POST /logout}: {@code {"refreshToken":".."}} &rarr; 200 {@code {"revoked":1}} (0 when no live
 * session had it); {@code POST /oauth2/revoke} (RFC 7009): form {@code token} with client authentication
 * &rarr; 200, empty. Both revoke the token's whole family.</li>
 * <li>{@code GET /health} &rarr; {@code {"status":"UP"}}, or 503 while the fault is
 * {@link Fault#UNAVAILABLE_503}.</li>
 * <li>{@code POST /api/validate} with {@code Authorization: Bearer} &rarr; 200 claims or 401.</li>
 * </ul>
 * Faults and rate limits apply to the two refresh endpoints only. A rate limit answers the seed's
 * {@code 429 {"error":"Too many authentication attempts","message":"Please try again in 15 minutes"}}
 * with {@code Retry-After}: the rest of the window per family, the configured lock-out (900 s by
 * default) per user.
 *
 * <h2>Control API (for tests; unauthenticated)</h2>
 * Parameters in the query string, a form body or a JSON object body ({@code {"mode":"UNAVAILABLE_503",
 * "count":2}}); an unknown parameter is 400 naming it. Every answer is a JSON object.
 * <ul>
 * <li>{@code GET /admin/stats} &rarr; {@code {"totalRefreshCalls","successfulRefreshes" (rotations),
 * "reuseDetections","revokedFamilies","rejectedCalls" (by a fault or a rate limit),"rateLimitedCalls",
 * "fault","accessTtl","refreshTtl","refreshCallsPerFamily":{id:n},"refreshCallsPerUser":{user:n}}}.</li>
 * <li>{@code POST /admin/fault}: {@code mode} (a {@link Fault} name, case-insensitive; {@code NONE} ends
 * the fault), {@code count} (next N refresh calls; 0: all), {@code duration} (for this long, such as
 * {@code 30s}; 0: until changed), {@code retryAfter} (seconds, for 429 and 503; default 1), {@code delayMs}
 * (for {@code DELAY} and {@code LATE_ANSWER}) &rarr; {@code {"fault","count","retryAfter","delayMs",
 * "durationMs"}}. {@code RESET} closes the connection unread, {@code LOST_RESPONSE} after the refresh,
 * {@code LATE_ANSWER} answers after {@code delayMs} (past the client's timeout).</li>
 * <li>{@code POST /admin/revoke}: {@code user} or {@code family} &rarr; {@code {"revoked":n}}.</li>
 * <li>{@code GET|POST /admin/config}: with POST, any of {@code accessTtl}, {@code refreshTtl},
 * {@code userRateLimitRetryAfter} (durations: {@code 90}, {@code 90s}, {@code 15m}), {@code rateLimit}
 * (per family) and {@code userRateLimit} ({@code 5/15m}, or {@code off}), {@code accessTokenSize} and
 * {@code refreshTokenSize} (characters; 0: no padding), {@code rotation} and {@code reuseDetection}
 * ({@code true}/{@code false}); the settings' kebab-case keys work too. All or nothing &rarr;
 * {@code {"accessTtl","refreshTtl","rateLimit","userRateLimit","userRateLimitRetryAfter","accessTokenSize",
 * "refreshTokenSize","rotation","reuseDetection"}} (durations in seconds).</li>
 * <li>{@code POST /admin/reissue}: {@code accessToken}, {@code expiresIn} (seconds, may be 0 or negative;
 * default 0) &rarr; {@code {"accessToken","expiresIn","expiresAt"}}: the same token (user, family, claims)
 * with {@code exp} = now + {@code expiresIn} and {@code iat} moved with it (its lifetime kept), as if time
 * had passed, so a test makes it expire, or fall due, without waiting (a revoked session's token too); 400
 * {@code invalid_token} when the mock did not sign it.</li>
 * <li>{@code POST /admin/reset[?sessions=true]}: clears the fault, every counter and the rate-limit
 * windows (and with {@code sessions=true} forgets every session) &rarr; the stats.</li>
 * </ul>
 * Thread-safe.
 */
public final class AuthProtocolHandler {

    private static final Logger LOG = Logger.getLogger(AuthProtocolHandler.class.getName());

    private final MockAuthBackend backend;
    /** The endpoint of each path, and the methods it takes ({@code GET} includes {@code HEAD}). */
    private final Map<String, Endpoint> routes = new HashMap<>();
    private final Map<String, List<String>> methods = new HashMap<>();

    public AuthProtocolHandler(MockAuthBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        JsonEndpoints json = new JsonEndpoints(backend);
        route("/login", "POST", json::login);
        route("/api/auth/refresh", "POST", json::refresh);
        route("/logout", "POST", json::logout);
        OAuth2Endpoints oauth2 = new OAuth2Endpoints(backend);
        route("/oauth2/token", "POST", oauth2::token);
        route("/oauth2/revoke", "POST", oauth2::revoke);
        ResourceEndpoints resources = new ResourceEndpoints(backend);
        route("/health", "GET", resources::health);
        route("/api/validate", "GET, POST", resources::validate);
        ControlEndpoint control = new ControlEndpoint(backend);
        route("/admin/stats", "GET", control::stats);
        route("/admin/fault", "POST", control::fault);
        route("/admin/reset", "POST", control::reset);
        route("/admin/revoke", "POST", control::revoke);
        route("/admin/config", "GET, POST", control::config);
        route("/admin/reissue", "POST", control::reissue);
    }

    private void route(String path, String methods, Endpoint endpoint) {
        routes.put(path, endpoint);
        this.methods.put(path, List.of(methods.split(", ")));
    }

    public MockAuthBackend backend() {
        return backend;
    }

    /** Answers one request; never throws. */
    public AuthResponse handle(AuthRequest request) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        Endpoint endpoint = routes.get(path);
        if (endpoint == null) {
            return AuthResponse.error(404, "not_found", "no endpoint " + path);
        }
        String method = "HEAD".equals(request.method()) ? "GET" : request.method();
        List<String> allowed = methods.get(path);
        if (!allowed.contains(method)) {
            return Responses.methodNotAllowed(String.join(", ", allowed));
        }
        try {
            return endpoint.handle(request);
        } catch (IllegalArgumentException e) {
            return Responses.badRequest(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mock auth request failed", e);
            return AuthResponse.error(500, "server_error", "internal error");
        }
    }
}
