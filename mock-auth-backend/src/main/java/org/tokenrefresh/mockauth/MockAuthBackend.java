package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict in-memory auth backend: the core behind {@link MockAuthHttpServer} and {@link MockAuthServlet}.
 *
 * <h2>Usage</h2>
 * <pre>
 * MockAuthBackend backend = MockAuthBackend.builder().clock(clock).accessTokenLifetime(Duration.ofSeconds(60)).build();
 * TokenSet tokens = backend.login("demo", "demo");
 * TokenSet next = backend.refresh(tokens.refreshToken());
 * Claims claims = backend.validateAccessToken(next.accessToken());
 * </pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>A login starts a token <em>family</em>. Refresh tokens are 32 random bytes, base64url, single-use and
 * rotating: a refresh consumes the token and issues a new pair in the same family.</li>
 * <li>Presenting a consumed refresh token again is treated as theft (OAuth 2.0 Security BCP, RFC 9700
 * §4.14.2): the whole family is revoked, its refresh and access tokens alike, and a reuse detection is
 * counted. Of several concurrent refreshes with one token, exactly one succeeds and the family dies.</li>
 * <li>Access tokens are HS256 JWTs with {@code sub, iss, iat, exp, jti, fam}.</li>
 * <li>Time comes from the injected {@link Clock}. Consumed tokens are kept for reuse detection until
 * {@link #clearSessions()}.</li>
 * <li>Faults ({@link #setFault(FaultPlan)}) are answered by the HTTP adapters; the optional rate limit counts
 * refresh calls per family in a fixed window.</li>
 * </ul>
 * All methods are thread-safe.
 */
public final class MockAuthBackend {

    private static final Logger LOG = Logger.getLogger(MockAuthBackend.class.getName());
    private static final byte[] DEFAULT_SECRET =
            "mock-auth-backend-development-secret-never-use-in-production".getBytes(StandardCharsets.UTF_8);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
    private static final Pattern RATE_LIMIT = Pattern.compile("(\\d+)/(.+)");

    private final Clock clock;
    private final Hs256Jwt jwt;
    private final String issuer;
    private final Map<String, String> users;
    private final String clientId;
    private final String clientSecret;
    private final int rateLimitCalls;
    private final Duration rateLimitWindow;
    private volatile Duration accessTokenLifetime;
    private volatile Duration refreshTokenLifetime;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, RefreshRecord> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Family> families = new ConcurrentHashMap<>();
    private final AtomicReference<ActiveFault> fault = new AtomicReference<>(new ActiveFault(FaultPlan.NONE));
    private final AtomicLong totalRefreshCalls = new AtomicLong();
    private final AtomicLong successfulRefreshes = new AtomicLong();
    private final AtomicLong reuseDetections = new AtomicLong();
    private final AtomicLong revokedFamilies = new AtomicLong();
    private final AtomicLong rejectedCalls = new AtomicLong();

    private MockAuthBackend(Builder b) {
        this.clock = b.clock;
        this.jwt = new Hs256Jwt(b.secret);
        this.issuer = b.issuer;
        this.users = Map.copyOf(b.users);
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.rateLimitCalls = b.rateLimitCalls;
        this.rateLimitWindow = b.rateLimitWindow;
        this.accessTokenLifetime = b.accessTokenLifetime;
        this.refreshTokenLifetime = b.refreshTokenLifetime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a new session (token family), or throws {@link MockAuthException#INVALID_CREDENTIALS}. */
    public TokenSet login(String username, String password) {
        String expected = username == null ? null : users.get(username);
        if (expected == null || password == null || !constantTimeEquals(expected, password)) {
            throw new MockAuthException(MockAuthException.INVALID_CREDENTIALS, "invalid username or password");
        }
        Family family = new Family(randomId(9), username);
        families.put(family.id, family);
        synchronized (family) {
            return issue(family, clock.instant());
        }
    }

    /**
     * Rotates a refresh token: consumes it and issues a new pair in its family. Throws
     * {@link MockAuthException#INVALID_GRANT} when the token is unknown, expired, revoked or reused (which
     * revokes the family), and {@link MockAuthException#RATE_LIMITED} past the rate limit.
     */
    public TokenSet refresh(String refreshToken) {
        RefreshRecord record = refreshToken == null ? null : refreshTokens.get(refreshToken);
        totalRefreshCalls.incrementAndGet();
        if (record == null) {
            throw invalidGrant("unknown refresh token");
        }
        Family family = record.family;
        family.refreshCalls.incrementAndGet();
        synchronized (family) {
            Instant now = clock.instant();
            long retryAfter = rateLimit(family, now);
            if (retryAfter > 0) {
                rejectedCalls.incrementAndGet();
                throw new MockAuthException(MockAuthException.RATE_LIMITED, "too many refresh calls", retryAfter);
            }
            if (family.revoked) {
                throw invalidGrant("refresh token revoked");
            }
            if (record.consumed) {
                reuseDetections.incrementAndGet();
                revokeLocked(family);
                LOG.warning("Refresh token reuse detected, family " + family.id + " of user " + family.username
                        + " revoked");
                throw invalidGrant("refresh token already used; session revoked");
            }
            if (!now.isBefore(record.expiresAt)) {
                throw invalidGrant("refresh token expired");
            }
            record.consumed = true;
            successfulRefreshes.incrementAndGet();
            LOG.fine(() -> "Refreshed family " + family.id);
            return issue(family, now);
        }
    }

    /** Verifies signature, issuer, expiry and that the session is alive; throws {@link MockAuthException#INVALID_TOKEN}. */
    public Claims validateAccessToken(String accessToken) {
        Claims claims;
        try {
            claims = Claims.of(jwt.verify(accessToken));
        } catch (Hs256Jwt.InvalidJwtException | IllegalArgumentException e) {
            throw invalidToken(e.getMessage());
        }
        if (!issuer.equals(claims.issuer())) {
            throw invalidToken("wrong issuer");
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw invalidToken("token expired");
        }
        Family family = families.get(claims.familyId());
        if (family == null || family.revoked) {
            throw invalidToken("session revoked");
        }
        return claims;
    }

    /** Revokes every session of the user; returns how many were still alive. */
    public int revokeUser(String username) {
        int revoked = 0;
        for (Family family : families.values()) {
            if (family.username.equals(username) && revokeFamily(family.id)) {
                revoked++;
            }
        }
        return revoked;
    }

    /** Revokes one session; returns false when it is unknown or already revoked. */
    public boolean revokeFamily(String familyId) {
        Family family = familyId == null ? null : families.get(familyId);
        if (family == null) {
            return false;
        }
        synchronized (family) {
            return revokeLocked(family);
        }
    }

    private boolean revokeLocked(Family family) {
        if (family.revoked) {
            return false;
        }
        family.revoked = true;
        revokedFamilies.incrementAndGet();
        LOG.info("Revoked family " + family.id + " of user " + family.username);
        return true;
    }

    /** Switches the refresh endpoints to a fault; see {@link Fault}. */
    public void setFault(FaultPlan plan) {
        fault.set(new ActiveFault(plan));
        LOG.info("Mock auth fault set to " + plan);
    }

    /** Same as {@code setFault(FaultPlan.of(mode))}. */
    public void setFault(Fault mode) {
        setFault(FaultPlan.of(mode));
    }

    /** The fault in force now; {@link Fault#NONE} once a counted fault is used up. */
    public FaultPlan fault() {
        ActiveFault active = fault.get();
        return active.remaining != null && active.remaining.get() <= 0 ? FaultPlan.NONE : active.plan;
    }

    /** Takes the fault for one refresh call, counting it down. */
    FaultPlan takeFault() {
        ActiveFault active = fault.get();
        if (active.remaining == null || active.remaining.getAndDecrement() > 0) {
            return active.plan;
        }
        return FaultPlan.NONE;
    }

    /** Counts a refresh call that the adapters answered without {@link #refresh}. */
    void recordCall(String refreshToken, boolean rejectedByFault) {
        totalRefreshCalls.incrementAndGet();
        RefreshRecord record = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (record != null) {
            record.family.refreshCalls.incrementAndGet();
        }
        if (rejectedByFault) {
            rejectedCalls.incrementAndGet();
        }
    }

    /** Sets the lifetime of access tokens issued from now on (at least one second). */
    public void setAccessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = Builder.atLeastOneSecond(lifetime, "access token lifetime");
    }

    /** Sets the lifetime of refresh tokens issued from now on (at least one second). */
    public void setRefreshTokenLifetime(Duration lifetime) {
        this.refreshTokenLifetime = Builder.atLeastOneSecond(lifetime, "refresh token lifetime");
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    public Duration refreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    /** Resets all counters and rate-limit windows and clears the fault; sessions stay valid. */
    public void reset() {
        setFault(FaultPlan.NONE);
        for (AtomicLong counter : List.of(totalRefreshCalls, successfulRefreshes, reuseDetections,
                revokedFamilies, rejectedCalls)) {
            counter.set(0);
        }
        for (Family family : families.values()) {
            family.refreshCalls.set(0);
            synchronized (family) {
                family.windowStart = null;
            }
        }
    }

    /** Forgets every issued token and session: all of them become invalid. */
    public void clearSessions() {
        families.values().forEach(f -> f.revoked = true);
        families.clear();
        refreshTokens.clear();
    }

    /** Refresh calls received, whatever their outcome. */
    public long totalRefreshCalls() {
        return totalRefreshCalls.get();
    }

    /** Refresh calls received for one family, whatever their outcome. */
    public long refreshCalls(String familyId) {
        Family family = families.get(familyId);
        return family == null ? 0 : family.refreshCalls.get();
    }

    /** Refresh calls received per family, by family id, for families with at least one call. */
    public Map<String, Long> refreshCallsPerFamily() {
        Map<String, Long> result = new TreeMap<>();
        families.values().stream().filter(f -> f.refreshCalls.get() > 0)
                .forEach(f -> result.put(f.id, f.refreshCalls.get()));
        return result;
    }

    public long successfulRefreshes() {
        return successfulRefreshes.get();
    }

    /** How often a consumed refresh token was presented again. */
    public long reuseDetections() {
        return reuseDetections.get();
    }

    /** Families revoked by reuse detection or by {@link #revokeUser}/{@link #revokeFamily}. */
    public long revokedFamilies() {
        return revokedFamilies.get();
    }

    /** Refresh calls answered by a fault or by the rate limit. */
    public long rejectedCalls() {
        return rejectedCalls.get();
    }

    /** Whether the family is unknown or revoked. */
    public boolean isFamilyRevoked(String familyId) {
        Family family = families.get(familyId);
        return family == null || family.revoked;
    }

    /** The counters and settings as a JSON-ready map, for {@code GET /admin/stats}. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("totalRefreshCalls", totalRefreshCalls());
        stats.put("successfulRefreshes", successfulRefreshes());
        stats.put("reuseDetections", reuseDetections());
        stats.put("revokedFamilies", revokedFamilies());
        stats.put("rejectedCalls", rejectedCalls());
        stats.put("fault", fault().mode().name());
        stats.put("accessTtl", accessTokenLifetime.getSeconds());
        stats.put("refreshTtl", refreshTokenLifetime.getSeconds());
        stats.put("refreshCallsPerFamily", refreshCallsPerFamily());
        return stats;
    }

    /** Checks OAuth 2.0 client credentials in constant time. */
    boolean authenticateClient(String id, String secret) {
        return id != null && secret != null && constantTimeEquals(clientId, id)
                & constantTimeEquals(clientSecret, secret);
    }

    private TokenSet issue(Family family, Instant now) {
        String refreshToken = randomId(32);
        refreshTokens.put(refreshToken, new RefreshRecord(family, now.plus(refreshTokenLifetime)));
        Duration lifetime = accessTokenLifetime;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", family.username);
        claims.put("iss", issuer);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + lifetime.getSeconds());
        claims.put("jti", randomId(16));
        claims.put("fam", family.id);
        return new TokenSet(jwt.sign(claims), refreshToken, lifetime.getSeconds(), family.username, family.id);
    }

    /** Fixed-window limit per family; returns the seconds to wait, or 0 when the call is allowed. */
    private long rateLimit(Family family, Instant now) {
        if (rateLimitCalls <= 0) {
            return 0;
        }
        if (family.windowStart == null || !now.isBefore(family.windowStart.plus(rateLimitWindow))) {
            family.windowStart = now;
            family.windowCalls = 0;
        }
        if (++family.windowCalls <= rateLimitCalls) {
            return 0;
        }
        long millis = Duration.between(now, family.windowStart.plus(rateLimitWindow)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private String randomId(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Hs256Jwt.encode(buffer);
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private static MockAuthException invalidGrant(String message) {
        return new MockAuthException(MockAuthException.INVALID_GRANT, message);
    }

    private static MockAuthException invalidToken(String message) {
        return new MockAuthException(MockAuthException.INVALID_TOKEN, message);
    }

    /** One login session followed through its rotations. */
    private static final class Family {
        final String id;
        final String username;
        final AtomicLong refreshCalls = new AtomicLong();
        volatile boolean revoked;
        Instant windowStart; // guarded by this
        int windowCalls; // guarded by this

        Family(String id, String username) {
            this.id = id;
            this.username = username;
        }
    }

    private static final class RefreshRecord {
        final Family family;
        final Instant expiresAt;
        boolean consumed; // guarded by family

        RefreshRecord(Family family, Instant expiresAt) {
            this.family = family;
            this.expiresAt = expiresAt;
        }
    }

    private static final class ActiveFault {
        final FaultPlan plan;
        final AtomicInteger remaining; // null: unlimited

        ActiveFault(FaultPlan plan) {
            this.plan = plan;
            this.remaining = plan.times() > 0 ? new AtomicInteger(plan.times()) : null;
        }
    }

    /**
     * Builds a {@link MockAuthBackend}. Every setter documents its default value.
     */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private Duration accessTokenLifetime = Duration.ofSeconds(60);
        private Duration refreshTokenLifetime = Duration.ofDays(30);
        private byte[] secret = DEFAULT_SECRET;
        private String issuer = "mock-auth";
        private final Map<String, String> users = new LinkedHashMap<>(Map.of("demo", "demo"));
        private String clientId = "demo-client";
        private String clientSecret = "demo-secret";
        private int rateLimitCalls;
        private Duration rateLimitWindow = Duration.ofMinutes(15);

        private Builder() {
        }

        /** Default value: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default value: 60 seconds. */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = atLeastOneSecond(lifetime, "access token lifetime");
            return this;
        }

        /** Default value: 30 days. */
        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshTokenLifetime = atLeastOneSecond(lifetime, "refresh token lifetime");
            return this;
        }

        /** HS256 key, at least 32 bytes. Default value: a fixed development secret. */
        public Builder hmacSecret(byte[] secret) {
            this.secret = secret.clone();
            return this;
        }

        /** The {@code iss} claim. Default value: {@code mock-auth}. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** Replaces the users (username to password). Default value: {@code demo}/{@code demo}. */
        public Builder users(Map<String, String> users) {
            this.users.clear();
            this.users.putAll(users);
            return this;
        }

        /** OAuth 2.0 client credentials. Default value: {@code demo-client}/{@code demo-secret}. */
        public Builder client(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /** At most {@code maxCalls} refresh calls per family per window, else 429. Default value: off. */
        public Builder rateLimit(int maxCalls, Duration window) {
            this.rateLimitCalls = maxCalls;
            this.rateLimitWindow = atLeastOneSecond(window, "rate limit window");
            return this;
        }

        /**
         * Reads settings from a key-value source such as servlet init-params or {@code mockauth.*} system
         * properties: {@code access-ttl}, {@code refresh-ttl} (durations), {@code hmac-secret},
         * {@code issuer}, {@code users} ({@code alice:secret,bob:pw}), {@code client-id},
         * {@code client-secret}, {@code rate-limit} ({@code 5/1m}). Absent keys keep their value. Every bad
         * value is reported together in one {@link IllegalArgumentException}.
         */
        public Builder configure(Function<String, String> settings) {
            List<String> errors = new ArrayList<>();
            apply(settings, "access-ttl", errors, v -> accessTokenLifetime(parseDuration(v)));
            apply(settings, "refresh-ttl", errors, v -> refreshTokenLifetime(parseDuration(v)));
            apply(settings, "hmac-secret", errors, v -> {
                byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                new Hs256Jwt(bytes);
                hmacSecret(bytes);
            });
            apply(settings, "issuer", errors, this::issuer);
            apply(settings, "users", errors, v -> {
                Map<String, String> parsed = new LinkedHashMap<>();
                for (String pair : v.split(",")) {
                    int colon = pair.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("expected user:password pairs");
                    }
                    parsed.put(pair.substring(0, colon).trim(), pair.substring(colon + 1));
                }
                users(parsed);
            });
            apply(settings, "client-id", errors, v -> clientId = v);
            apply(settings, "client-secret", errors, v -> clientSecret = v);
            apply(settings, "rate-limit", errors, v -> {
                Matcher m = RATE_LIMIT.matcher(v);
                if (!m.matches()) {
                    throw new IllegalArgumentException("expected calls/window such as 5/1m");
                }
                rateLimit(Integer.parseInt(m.group(1)), parseDuration(m.group(2)));
            });
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("Invalid mock auth settings: " + String.join("; ", errors));
            }
            return this;
        }

        private static void apply(Function<String, String> settings, String key, List<String> errors,
                Consumer<String> setter) {
            String value = settings.apply(key);
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                setter.accept(value.trim());
            } catch (RuntimeException e) {
                // never quote a secret back
                String shown = key.contains("secret") ? "(hidden)" : "'" + value + "'";
                errors.add(key + "=" + shown + ": " + e.getMessage());
            }
        }

        public MockAuthBackend build() {
            return new MockAuthBackend(this);
        }

        /** Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}, plain seconds or ISO-8601. */
        static Duration parseDuration(String text) {
            String value = text.trim();
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value);
            }
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration (use 30s, 10m, 7d or PT10M)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            switch (unit) {
                case "ms":
                    return Duration.ofMillis(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                case "d":
                    return Duration.ofDays(n);
                default:
                    return Duration.ofSeconds(n);
            }
        }

        static Duration atLeastOneSecond(Duration d, String name) {
            if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(name + " must be at least 1s, was " + d);
            }
            return d;
        }
    }
}
