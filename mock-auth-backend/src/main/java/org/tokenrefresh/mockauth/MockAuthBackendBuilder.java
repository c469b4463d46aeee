package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a {@link MockAuthBackend}: {@code MockAuthBackend.builder()...build()}. Every setter documents its
 * default value; {@link #configure} reads the same settings from key-value pairs (keys in
 * {@link MockAuthBackend#configure}).
 */
public final class MockAuthBackendBuilder {

    /** Default OAuth 2.0 client id: {@value}. */
    public static final String DEFAULT_CLIENT_ID = "demo-client";
    /** Default OAuth 2.0 client secret: {@value}. */
    public static final String DEFAULT_CLIENT_SECRET = "demo-secret";

    private static final byte[] DEFAULT_SECRET =
            "mock-auth-backend-development-secret-never-use-in-production".getBytes(StandardCharsets.UTF_8);

    Clock clock = Clock.systemUTC();
    Duration accessTokenLifetime = Duration.ofSeconds(60);
    Duration refreshTokenLifetime = Duration.ofDays(30);
    byte[] secret = DEFAULT_SECRET;
    String issuer = "mock-auth";
    final Map<String, String> users = new LinkedHashMap<>(Map.of("demo", "demo"));
    String clientId = DEFAULT_CLIENT_ID;
    String clientSecret = DEFAULT_CLIENT_SECRET;
    RateLimit rateLimit = RateLimit.OFF;
    RateLimit userRateLimit = RateLimit.OFF;
    Duration userRateLimitRetryAfter = Duration.ofSeconds(RateLimiter.DEFAULT_USER_RETRY_AFTER_SECONDS);
    int accessTokenSize;
    int refreshTokenSize;
    boolean rotation = true;
    boolean reuseDetection = true;

    MockAuthBackendBuilder() {
    }

    /** Default value: {@link Clock#systemUTC()}. */
    public MockAuthBackendBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Default value: 60 seconds. */
    public MockAuthBackendBuilder accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = Durations.atLeastOneSecond(lifetime, "access token lifetime");
        return this;
    }

    /** Default value: 30 days. */
    public MockAuthBackendBuilder refreshTokenLifetime(Duration lifetime) {
        this.refreshTokenLifetime = Durations.atLeastOneSecond(lifetime, "refresh token lifetime");
        return this;
    }

    /** HS256 key, at least 32 bytes. Default value: a fixed development secret. */
    public MockAuthBackendBuilder hmacSecret(byte[] secret) {
        new Hs256Jwt(secret);
        this.secret = secret.clone();
        return this;
    }

    /** The {@code iss} claim. Default value: {@code mock-auth}. */
    public MockAuthBackendBuilder issuer(String issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        return this;
    }

    /** Replaces the users (username to password). Default value: {@code demo}/{@code demo}. */
    public MockAuthBackendBuilder users(Map<String, String> users) {
        this.users.clear();
        this.users.putAll(users);
        return this;
    }

    /** OAuth 2.0 client credentials. Default value: {@code demo-client}/{@code demo-secret}. */
    public MockAuthBackendBuilder client(String clientId, String clientSecret) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        return this;
    }

    /** At most {@code maxCalls} refresh calls per family per window, else 429. Default value: off. */
    public MockAuthBackendBuilder rateLimit(int maxCalls, Duration window) {
        this.rateLimit = RateLimit.of(maxCalls, window);
        return this;
    }

    /**
     * At most {@code maxCalls} refresh calls per user (all the user's sessions) per window; past it the user
     * gets the seed's 429 for {@link #userRateLimitRetryAfter}; other users are unaffected. Default value: off.
     */
    public MockAuthBackendBuilder userRateLimit(int maxCalls, Duration window) {
        this.userRateLimit = RateLimit.of(maxCalls, window);
        return this;
    }

    /** Lock-out and {@code Retry-After} past the per-user limit, whole seconds. Default value: 900 seconds. */
    public MockAuthBackendBuilder userRateLimitRetryAfter(Duration retryAfter) {
        this.userRateLimitRetryAfter = Durations.atLeastOneSecond(retryAfter, "user rate limit Retry-After");
        return this;
    }

    /** Pads access tokens with {@code roles}/{@code groups} claims to this many characters. Default value: 0 (none). */
    public MockAuthBackendBuilder accessTokenSize(int characters) {
        this.accessTokenSize = TokenIssuer.checkSize(characters, "access token size");
        return this;
    }

    /** Refresh tokens become padded HS256 JWTs of this many characters. Default value: 0 (opaque, 43 characters). */
    public MockAuthBackendBuilder refreshTokenSize(int characters) {
        this.refreshTokenSize = TokenIssuer.checkSize(characters, "refresh token size");
        return this;
    }

    /**
     * Whether a refresh replaces the refresh token ({@code true}) or answers the same one again, which stays valid,
     * as a backend without rotation does (RFC 6749 §6). Default value: {@code true}.
     */
    public MockAuthBackendBuilder rotation(boolean on) {
        this.rotation = on;
        return this;
    }

    /**
     * Whether a consumed refresh token presented again revokes its whole family ({@code true}, RFC 9700 §4.14.2) or
     * is only refused; either way it is counted as a reuse detection. Default value: {@code true}.
     */
    public MockAuthBackendBuilder reuseDetection(boolean on) {
        this.reuseDetection = on;
        return this;
    }

    /**
     * Reads settings from a key-value source such as servlet init-params or {@code mockauth.*} system
     * properties: the keys of {@link MockAuthBackend#configure} plus {@code hmac-secret}, {@code issuer},
     * {@code users} ({@code alice:secret,bob:pw}), {@code client-id} and {@code client-secret}. Absent keys
     * keep their value. Every bad value is reported together in one {@link IllegalArgumentException}.
     */
    public MockAuthBackendBuilder configure(Function<String, String> settings) {
        MockAuthSettings.apply(settings, this);
        return this;
    }

    TokenIssuer newIssuer() {
        TokenIssuer made = new TokenIssuer(new Hs256Jwt(secret), issuer);
        made.accessTokenLifetime(accessTokenLifetime);
        made.refreshTokenLifetime(refreshTokenLifetime);
        made.accessTokenSize(accessTokenSize);
        made.refreshTokenSize(refreshTokenSize);
        return made;
    }

    TokenFamilies newFamilies(TokenIssuer tokens, Counters counters) {
        TokenFamilies made = new TokenFamilies(clock, tokens, counters);
        made.rotation(rotation);
        made.reuseDetection(reuseDetection);
        return made;
    }

    public MockAuthBackend build() {
        return new MockAuthBackend(this);
    }
}
