package org.tokenrefresh.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;
import org.tokenrefresh.mockauth.MockAuthControl;

/**
 * The test's handle on a running mock auth backend, wherever it runs: its fault switches, its counters, time
 * control and sessions, all through the mock's HTTP control API. {@link MockAuthServer} is one in the test JVM;
 * {@link #at(String)} reaches one deployed elsewhere, such as inside the test WAR
 * ({@link TokenRefreshDeployment#withMockAuth}).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * MockAuth auth = MockAuth.at(application + "mock-auth");          // the mock inside the WAR
 * auth.unavailable(5, Duration.ofSeconds(30));                       // 503 + Retry-After: 5 for 30 s
 * auth.revokeSessions("demo");                                       // the administrator ends demo's sessions
 * assertEquals(0, auth.reuseDetections());
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Faults apply to the refresh endpoints only; a new fault replaces the one in force. 429 and 503 answer before
 *       the mock looks at the request, so the refresh token is not spent; a slow answer and a lost response spend it.
 *       A mock inside a WAR cannot drop a connection: there a lost response is a 500.</li>
 *   <li>Counters count since the mock started or since its last {@link #reset()} ({@link MockAuthServer} resets it
 *       before each test).</li>
 *   <li>A session is the mock's token family: one login, followed through every rotation; its id is the access
 *       token's {@code fam} claim ({@link TestUser#sessionId()}).</li>
 *   <li>A call the mock refuses, or one that cannot reach it, throws {@link IllegalStateException} with its
 *       answer. Thread-safe.</li>
 * </ul>
 */
public class MockAuth {

    private final String url;
    private final MockAuthSettings settings;
    private final MockAuthControl control;

    MockAuth(String url, MockAuthSettings settings) {
        String base = Objects.requireNonNull(url, "url");
        this.url = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.control = new MockAuthControl(this.url);
    }

    /** The mock whose endpoints are below {@code url} (such as {@code http://127.0.0.1:8080/orders/mock-auth}). */
    public static MockAuth at(String url) {
        return at(url, MockAuthSettings.defaults());
    }

    /** Same, with the settings it runs with (their protocol tells {@link TokenRefreshDeployment#authBackend} how to call it). */
    public static MockAuth at(String url, MockAuthSettings settings) {
        return new MockAuth(url, settings);
    }

    /** Where the mock's endpoints are, without a trailing slash. */
    public String url() {
        return url;
    }

    /** The settings it was started with. */
    public MockAuthSettings settings() {
        return settings;
    }

    // ---- fault switches (refresh endpoints only)

    /** The next {@code calls} refresh calls get 429 with {@code Retry-After: retryAfterSeconds}. */
    public void tooManyRequests(int retryAfterSeconds, int calls) {
        fault(FaultPlan.of(Fault.RATE_LIMIT_429).retryAfterSeconds(retryAfterSeconds).times(calls));
    }

    /** An outage: every refresh call gets 503 with {@code Retry-After: retryAfterSeconds} for {@code outage}. */
    public void unavailable(int retryAfterSeconds, Duration outage) {
        fault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(retryAfterSeconds).forDuration(outage));
    }

    /** The next {@code calls} refresh calls are answered normally after {@code delay} (their tokens are spent). */
    public void slowAnswers(Duration delay, int calls) {
        fault(FaultPlan.of(Fault.DELAY).delayMillis(delay.toMillis()).times(calls));
    }

    /**
     * The next {@code calls} refreshes happen (the token is spent, successors issued) and their answers are lost:
     * the connection closes without one (a 500 from a mock inside a WAR).
     */
    public void loseResponses(int calls) {
        fault(FaultPlan.of(Fault.LOST_RESPONSE).times(calls));
    }

    /** Any fault of the mock ({@link Fault}: 500, an HTML 502, garbage, a late answer...). */
    public void fault(FaultPlan plan) {
        control.fault(plan);
    }

    /** Ends the fault in force. */
    public void endFaults() {
        control.fault(FaultPlan.of(Fault.NONE));
    }

    // ---- sessions and time

    /** The administrator ends every session of the user; returns how many were alive. */
    public int revokeSessions(String user) {
        return control.revokeUser(user);
    }

    /** Ends one session (token family); false when it was unknown or already ended. */
    public boolean revokeSession(String sessionId) {
        return control.revokeFamily(sessionId);
    }

    /**
     * The access token of a live session again, expiring {@code expiresIn} from now by the mock's clock (zero or
     * negative: already expired): time moves for that token without waiting.
     */
    public String reissue(String accessToken, Duration expiresIn) {
        return control.reissueAccessToken(accessToken, expiresIn);
    }

    /** The lifetime of access tokens issued from now on (whole seconds, at least one). */
    public void accessTokenLifetime(Duration lifetime) {
        control.configure(Map.of("accessTtl", String.valueOf(lifetime.getSeconds())));
    }

    /** Starts a session as the application's login would; the mock's answer ({@code accessToken}, {@code refreshToken}). */
    Map<String, Object> login(String user, String password) {
        return control.login(user, password);
    }

    // ---- counters, since the start or the last reset

    /** Refresh calls received, whatever their answer. */
    public long refreshCalls() {
        return control.counter("totalRefreshCalls");
    }

    /** Refresh calls received for one session, whatever their answer. */
    public long refreshCalls(String sessionId) {
        return refreshCallsPerSession().getOrDefault(sessionId, 0L);
    }

    /** Refresh calls by session id, for sessions with at least one. */
    Map<String, Long> refreshCallsPerSession() {
        Map<String, Long> calls = new HashMap<>();
        ((Map<?, ?>) stats().get("refreshCallsPerFamily")).forEach((id, n) -> calls.put((String) id, (Long) n));
        return calls;
    }

    /** Rotations: refresh calls that spent a refresh token and issued its successors. */
    public long rotations() {
        return control.counter("successfulRefreshes");
    }

    /** Refresh tokens presented again after their use: each is a refresh token sent twice. */
    public long reuseDetections() {
        return control.counter("reuseDetections");
    }

    /** Sessions ended by reuse detection, logout or revocation. */
    public long revokedSessions() {
        return control.counter("revokedFamilies");
    }

    /** Refresh calls answered by a fault or a rate limit. */
    public long rejectedCalls() {
        return control.counter("rejectedCalls");
    }

    /** Every counter, the fault in force and the token lifetimes, as the mock reports them. */
    public Map<String, Object> stats() {
        return control.stats();
    }

    /** Ends the fault, zeroes the counters and the rate-limit windows; sessions and settings stay. */
    public void reset() {
        control.reset();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + url + ", " + settings + "]";
    }
}
