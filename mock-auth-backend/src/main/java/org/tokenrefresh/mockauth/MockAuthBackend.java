package org.tokenrefresh.mockauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.tokenrefresh.mockauth.Counters.Count;

/**
 * A strict in-memory auth backend: the core behind {@link MockAuthHttpServer} and {@link MockAuthServlet},
 * a thin conductor over its parts (token families, token issuer, rate limits, faults, counters).
 *
 * <h2>Usage</h2>
 * <pre>
 * MockAuthBackend backend = MockAuthBackend.builder().clock(clock).accessTokenLifetime(Duration.ofSeconds(60)).build();
 * TokenSet tokens = backend.login("demo", "demo");
 * TokenSet next = backend.refresh(tokens.refreshToken());
 * Claims claims = backend.validateAccessToken(next.accessToken());
 * String expiring = backend.reissueAccessToken(next.accessToken(), Duration.ZERO); // expired now
 * </pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>A login starts a token <em>family</em>. Refresh tokens are single-use and rotating: a refresh
 * consumes the token and issues a new pair in the same family. Without
 * {@link MockAuthBackendBuilder#rotation rotation} a refresh answers the same refresh token again.</li>
 * <li>Presenting a consumed refresh token again is treated as theft (OAuth 2.0 Security BCP, RFC 9700
 * §4.14.2): the whole family is revoked, its refresh and access tokens alike, and a reuse detection is
 * counted. Of several concurrent refreshes with one token, exactly one succeeds and the family dies.
 * Without {@link MockAuthBackendBuilder#reuseDetection reuse detection} the reuse is counted and refused,
 * and the family lives on.</li>
 * <li>Access tokens are HS256 JWTs with {@code sub, iss, iat, exp, jti, fam}, padded with {@code roles}
 * and {@code groups} to {@link MockAuthBackendBuilder#accessTokenSize} characters when set; refresh tokens
 * are 32 random bytes in base64url, or padded HS256 JWTs with {@link MockAuthBackendBuilder#refreshTokenSize}.</li>
 * <li>Time comes from the injected {@link Clock}. Consumed tokens are kept for reuse detection until
 * {@link #clearSessions()}.</li>
 * <li>Faults ({@link #setFault(FaultPlan)}) are answered by the HTTP adapters. Two optional rate limits
 * apply to refresh calls: per family ({@link MockAuthBackendBuilder#rateLimit}) and per user
 * ({@link MockAuthBackendBuilder#userRateLimit}, the seed's 429 with {@code Retry-After: 900}).</li>
 * </ul>
 * All methods are thread-safe.
 */
public final class MockAuthBackend {

    private final Clock clock;
    private final Credentials credentials;
    private final Counters counters = new Counters();
    private final TokenIssuer issuer;
    private final TokenFamilies families;
    private final RateLimiter limits;
    private final FaultSwitch faults;

    MockAuthBackend(MockAuthBackendBuilder b) {
        this.clock = b.clock;
        this.credentials = new Credentials(b.users, b.clientId, b.clientSecret);
        this.issuer = b.newIssuer();
        this.families = b.newFamilies(issuer, counters);
        this.limits = new RateLimiter(b.rateLimit, b.userRateLimit, b.userRateLimitRetryAfter);
        this.faults = new FaultSwitch(clock);
    }

    public static MockAuthBackendBuilder builder() {
        return new MockAuthBackendBuilder();
    }

    /** Starts a new session (token family), or throws {@link MockAuthException#INVALID_CREDENTIALS}. */
    public TokenSet login(String username, String password) {
        if (!credentials.user(username, password)) {
            throw new MockAuthException(MockAuthException.INVALID_CREDENTIALS, "invalid username or password");
        }
        return families.start(username);
    }

    /**
     * Rotates a refresh token: consumes it and issues a new pair in its family. Throws
     * {@link MockAuthException#INVALID_GRANT} when the token is unknown, expired, revoked or reused (which
     * revokes the family), and {@link MockAuthException#RATE_LIMITED} past a rate limit (consuming nothing).
     */
    public TokenSet refresh(String refreshToken) {
        TokenFamily family = families.familyOf(refreshToken);
        counters.refreshCall(family);
        if (family == null) {
            throw MockAuthException.invalidGrant("unknown refresh token");
        }
        return families.rotate(refreshToken, family, (f, now) -> {
            long retryAfter = limits.admit(f.id, f.username, now);
            if (retryAfter > 0) {
                counters.rateLimited();
                throw new MockAuthException(MockAuthException.RATE_LIMITED, "too many refresh calls", retryAfter);
            }
        });
    }

    /** Verifies signature, issuer, expiry and that the session is alive; throws {@link MockAuthException#INVALID_TOKEN}. */
    public Claims validateAccessToken(String accessToken) {
        Claims claims = issuer.verify(accessToken);
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw MockAuthException.invalidToken("token expired");
        }
        if (families.isRevoked(claims.familyId())) {
            throw MockAuthException.invalidToken("session revoked");
        }
        return claims;
    }

    /**
     * Time control: re-issues an access token this backend signed (same claims, a new {@code jti}) with
     * {@code exp} = now + {@code expiresIn} and {@code iat} moved with it (the token keeps its lifetime), as if
     * the clock had moved on until that much of it is left; zero or negative makes it expired at once, so a
     * test need not wait. The given token may already be expired, and its session over (the new token is then
     * refused like the old one). Throws {@link MockAuthException#INVALID_TOKEN} for a token it did not sign.
     */
    public String reissueAccessToken(String accessToken, Duration expiresIn) {
        return issuer.reissue(signedClaims(accessToken), clock.instant(), expiresIn.getSeconds());
    }

    /** The claims of a token this backend signed, expired or not; else {@link MockAuthException#INVALID_TOKEN}. */
    Claims signedClaims(String token) {
        return issuer.verify(token);
    }

    /** Logout: revokes the session of a refresh token or access token; false when none was alive. */
    public boolean endSession(String token) {
        return families.revokeByToken(token);
    }

    /** Revokes every session of the user; returns how many were still alive. */
    public int revokeUser(String username) {
        return families.revokeUser(username);
    }

    /** Revokes one session; returns false when it is unknown or already revoked. */
    public boolean revokeFamily(String familyId) {
        return families.revoke(familyId);
    }

    /** Whether the family is unknown or revoked. */
    public boolean isFamilyRevoked(String familyId) {
        return families.isRevoked(familyId);
    }

    /** Switches the refresh endpoints to a fault; see {@link Fault}. */
    public void setFault(FaultPlan plan) {
        faults.set(plan);
    }

    /** Same as {@code setFault(FaultPlan.of(mode))}. */
    public void setFault(Fault mode) {
        setFault(FaultPlan.of(mode));
    }

    /** The fault in force now; {@link Fault#NONE} once a counted fault is used up or a timed one is over. */
    public FaultPlan fault() {
        return faults.current();
    }

    /** Takes the fault for one refresh call, counting it down. */
    FaultPlan takeFault() {
        return faults.take();
    }

    /** Counts a refresh call that the adapters answered without {@link #refresh}. */
    void recordCall(String refreshToken, boolean rejectedByFault) {
        counters.refreshCall(families.familyOf(refreshToken));
        if (rejectedByFault) {
            counters.add(Count.REJECTED_CALLS);
        }
    }

    /** Resets all counters and rate-limit windows and clears the fault; sessions stay valid. */
    public void reset() {
        setFault(FaultPlan.NONE);
        counters.reset();
        families.resetCounters();
        limits.reset();
    }

    /** Forgets every issued token and session (and the per-family counts): all of them become invalid. */
    public void clearSessions() {
        families.clear();
    }

    /** Checks OAuth 2.0 client credentials in constant time. */
    boolean authenticateClient(String id, String secret) {
        return credentials.client(id, secret);
    }

    // ---- settings that may change at run time; each applies to what is issued or called afterwards

    /** Sets the lifetime of access tokens issued from now on (at least one second). */
    public void setAccessTokenLifetime(Duration lifetime) {
        issuer.accessTokenLifetime(lifetime);
    }

    /** Sets the lifetime of refresh tokens issued from now on (at least one second). */
    public void setRefreshTokenLifetime(Duration lifetime) {
        issuer.refreshTokenLifetime(lifetime);
    }

    public Duration accessTokenLifetime() {
        return issuer.accessTokenLifetime();
    }

    public Duration refreshTokenLifetime() {
        return issuer.refreshTokenLifetime();
    }

    /**
     * Changes run-time settings, with the keys and value forms of the servlet's init-params:
     * {@code access-ttl}, {@code refresh-ttl} (durations such as {@code 90s}), {@code rate-limit} (per family)
     * and {@code user-rate-limit} ({@code 5/15m}, or {@code off}), {@code user-rate-limit-retry-after}
     * (duration), {@code access-token-size} and {@code refresh-token-size} (characters, 0 for none),
     * {@code rotation} and {@code reuse-detection} ({@code true} or {@code false}). All or nothing: every bad
     * value is reported together in one {@link IllegalArgumentException}.
     */
    public void configure(Map<String, String> settings) {
        MockAuthSettings.apply(settings, issuer, limits, families);
    }

    /** The run-time settings in force, by the keys of {@link #configure}. */
    public Map<String, String> settings() {
        return MockAuthSettings.current(settingValues());
    }

    /** The same, as values ({@link Duration}, {@link RateLimit}, numbers, booleans). */
    Map<String, Object> settingValues() {
        return MockAuthSettings.values(issuer, limits, families);
    }

    // ---- counters, zeroed by reset()

    /** Refresh calls received, whatever their outcome. */
    public long totalRefreshCalls() {
        return counters.get(Count.REFRESH_CALLS);
    }

    /** Refresh calls received for one family, whatever their outcome. */
    public long refreshCalls(String familyId) {
        return families.refreshCalls(familyId);
    }

    /** Refresh calls received per family, by family id, for families with at least one call. */
    public Map<String, Long> refreshCallsPerFamily() {
        return families.refreshCallsPerFamily();
    }

    /** Refresh calls received for every session of one user, whatever their outcome. */
    public long refreshCallsOfUser(String username) {
        return counters.refreshCallsOfUser(username);
    }

    /** Refresh calls received per user, by username, for users with at least one call. */
    public Map<String, Long> refreshCallsPerUser() {
        return counters.refreshCallsPerUser();
    }

    /** Rotations: refresh calls that consumed a token and issued its successors. */
    public long successfulRefreshes() {
        return counters.get(Count.ROTATIONS);
    }

    /** How often a consumed refresh token was presented again. */
    public long reuseDetections() {
        return counters.get(Count.REUSE_DETECTIONS);
    }

    /** Families revoked by reuse detection, logout or {@link #revokeUser}/{@link #revokeFamily}. */
    public long revokedFamilies() {
        return counters.get(Count.REVOKED_FAMILIES);
    }

    /** Refresh calls answered by a fault or by a rate limit. */
    public long rejectedCalls() {
        return counters.get(Count.REJECTED_CALLS);
    }

    /** Refresh calls answered 429 by a rate limit (per family or per user), not by a fault. */
    public long rateLimitedCalls() {
        return counters.get(Count.RATE_LIMITED_CALLS);
    }
}
