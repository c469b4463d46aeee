package org.tokenrefresh.mockauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Drives a running mock auth backend through its control API over HTTP JSON, for tests whose mock runs in
 * another process or inside a deployed WAR; in the same JVM, {@link MockAuthBackend}'s methods do the
 * same directly. The endpoints are described in {@link AuthProtocolHandler}.
 *
 * <h2>Usage</h2>
 * <pre>
 * MockAuthControl mock = new MockAuthControl("http://127.0.0.1:8080/app/mock-auth");
 * mock.fault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(5).times(2));
 * String expiredNow = mock.reissueAccessToken(accessToken, Duration.ZERO);
 * assertEquals(0, mock.counter("reuseDetections"));
 * mock.reset();
 * </pre>
 *
 * <h2>Behaviour</h2>
 * Every call waits for the answer (at most {@value #TIMEOUT_SECONDS} s) and throws
 * {@link IllegalStateException} naming the endpoint, status and the mock's error message when the mock
 * refuses it or cannot be reached. Thread-safe.
 */
public final class MockAuthControl {

    /** Longest wait for one control call, in seconds. */
    public static final int TIMEOUT_SECONDS = 30;

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param baseUrl where the mock's endpoints are, without a trailing slash, such as
     *                {@code http://127.0.0.1:41234} ({@link MockAuthHttpServer#baseUrl()}) or
     *                {@code http://127.0.0.1:8080/app/mock-auth} (a {@link MockAuthServlet} mapping)
     */
    public MockAuthControl(String baseUrl) {
        String url = Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code GET /admin/stats}: the counters, the fault and the token lifetimes, by name. */
    public Map<String, Object> stats() {
        return call("GET", "/admin/stats", null);
    }

    /** One number of {@link #stats()}, such as {@code totalRefreshCalls} or {@code reuseDetections}. */
    public long counter(String name) {
        Object value = stats().get(name);
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException("the mock's stats have no counter " + name);
        }
        return (Long) value;
    }

    /** {@code POST /admin/fault}: puts the plan in force; {@code FaultPlan.of(Fault.NONE)} ends any fault. */
    public void fault(FaultPlan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", plan.mode().name());
        body.put("count", plan.times());
        body.put("retryAfter", plan.retryAfterSeconds());
        body.put("delayMs", plan.delayMillis());
        body.put("duration", plan.duration().toMillis() + "ms");
        call("POST", "/admin/fault", body);
    }

    /**
     * {@code POST /login}: starts a session as an application's login would; returns the answer
     * ({@code accessToken}, {@code refreshToken}, {@code expiresIn}, {@code user}). Wrong credentials throw.
     */
    public Map<String, Object> login(String username, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        return call("POST", "/login", body);
    }

    /** {@code POST /admin/revoke}: ends every session of the user; returns how many were alive. */
    public int revokeUser(String username) {
        return ((Long) call("POST", "/admin/revoke", Map.of("user", username)).get("revoked")).intValue();
    }

    /** {@code POST /admin/revoke}: ends one session; false when it was unknown or already ended. */
    public boolean revokeFamily(String familyId) {
        return (Long) call("POST", "/admin/revoke", Map.of("family", familyId)).get("revoked") > 0;
    }

    /**
     * {@code POST /admin/config}: changes run-time settings, named as in {@link MockAuthBackend#configure}
     * or in camelCase ({@code userRateLimit=3/15m}, {@code accessTokenSize=6000}); all or nothing. Returns
     * the settings in force.
     */
    public Map<String, Object> configure(Map<String, String> settings) {
        return call("POST", "/admin/config", new LinkedHashMap<>(settings));
    }

    /** {@code GET /admin/config}: the run-time settings in force. */
    public Map<String, Object> config() {
        return call("GET", "/admin/config", null);
    }

    /**
     * {@code POST /admin/reissue}: an access token the mock signed again, with {@code exp} = the mock's
     * now + {@code expiresIn} (zero or negative: already expired) and its lifetime kept.
     */
    public String reissueAccessToken(String accessToken, Duration expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessToken", accessToken);
        body.put("expiresIn", expiresIn.getSeconds());
        return (String) call("POST", "/admin/reissue", body).get("accessToken");
    }

    /** {@code POST /admin/reset}: clears the fault, the counters and the rate-limit windows; sessions stay. */
    public Map<String, Object> reset() {
        return call("POST", "/admin/reset", Map.of());
    }

    /** {@code POST /admin/reset?sessions=true}: as {@link #reset()}, and every session is forgotten. */
    public Map<String, Object> resetSessions() {
        return call("POST", "/admin/reset", Map.of("sessions", "true"));
    }

    private Map<String, Object> call(String method, String path, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", Requests.JSON).method(method,
                    HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.parseDocument(response.body());
    }
}
