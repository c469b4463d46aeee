package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one home of the mock's {@code key=value} settings: servlet init-params, {@code mockauth.*} system
 * properties, {@link MockAuthBackendBuilder#configure} and, for the run-time keys,
 * {@link MockAuthBackend#configure} and the control API. Every value is read and checked before any is
 * applied; every bad value is reported together, a secret never quoted back.
 */
final class MockAuthSettings {

    static final String ACCESS_TTL = "access-ttl";
    static final String REFRESH_TTL = "refresh-ttl";
    static final String RATE_LIMIT = "rate-limit";
    static final String USER_RATE_LIMIT = "user-rate-limit";
    static final String USER_RATE_LIMIT_RETRY_AFTER = "user-rate-limit-retry-after";
    static final String ACCESS_TOKEN_SIZE = "access-token-size";
    static final String REFRESH_TOKEN_SIZE = "refresh-token-size";
    static final String ROTATION = "rotation";
    static final String REUSE_DETECTION = "reuse-detection";
    static final String HMAC_SECRET = "hmac-secret";
    static final String ISSUER = "issuer";
    static final String USERS = "users";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";

    /** Keys that may change while the backend runs. */
    static final List<String> RUN_TIME_KEYS = List.of(ACCESS_TTL, REFRESH_TTL, RATE_LIMIT, USER_RATE_LIMIT,
            USER_RATE_LIMIT_RETRY_AFTER, ACCESS_TOKEN_SIZE, REFRESH_TOKEN_SIZE, ROTATION, REUSE_DETECTION);

    private final Function<String, String> source;
    private final List<String> errors = new ArrayList<>();
    private final List<Runnable> changes = new ArrayList<>();

    private MockAuthSettings(Function<String, String> source) {
        this.source = source;
    }

    /** Every key present in the source, onto the builder. */
    static void apply(Function<String, String> source, MockAuthBackendBuilder builder) {
        MockAuthSettings s = new MockAuthSettings(source);
        s.duration(ACCESS_TTL, d -> builder.accessTokenLifetime = d);
        s.duration(REFRESH_TTL, d -> builder.refreshTokenLifetime = d);
        s.rateLimit(RATE_LIMIT, r -> builder.rateLimit = r);
        s.rateLimit(USER_RATE_LIMIT, r -> builder.userRateLimit = r);
        s.duration(USER_RATE_LIMIT_RETRY_AFTER, d -> builder.userRateLimitRetryAfter = d);
        s.size(ACCESS_TOKEN_SIZE, n -> builder.accessTokenSize = n);
        s.size(REFRESH_TOKEN_SIZE, n -> builder.refreshTokenSize = n);
        s.bool(ROTATION, b -> builder.rotation = b);
        s.bool(REUSE_DETECTION, b -> builder.reuseDetection = b);
        s.read(HMAC_SECRET, v -> {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            new Hs256Jwt(bytes);
            return () -> builder.secret = bytes;
        });
        s.read(ISSUER, v -> () -> builder.issuer = v);
        s.read(USERS, v -> {
            Map<String, String> users = users(v);
            return () -> builder.users(users);
        });
        s.read(CLIENT_ID, v -> () -> builder.clientId = v);
        s.read(CLIENT_SECRET, v -> () -> builder.clientSecret = v);
        s.commit();
    }

    /** The run-time keys, onto the running backend's parts: all of them, or none when one is bad. */
    static void apply(Map<String, String> values, TokenIssuer issuer, RateLimiter limits, TokenFamilies families) {
        MockAuthSettings s = new MockAuthSettings(values::get);
        for (String key : values.keySet()) {
            if (!RUN_TIME_KEYS.contains(key)) {
                s.errors.add(key + ": not a setting that can change at run time (those are " + RUN_TIME_KEYS + ")");
            }
        }
        s.duration(ACCESS_TTL, issuer::accessTokenLifetime);
        s.duration(REFRESH_TTL, issuer::refreshTokenLifetime);
        s.rateLimit(RATE_LIMIT, limits::familyLimit);
        s.rateLimit(USER_RATE_LIMIT, limits::userLimit);
        s.duration(USER_RATE_LIMIT_RETRY_AFTER, limits::userRetryAfter);
        s.size(ACCESS_TOKEN_SIZE, issuer::accessTokenSize);
        s.size(REFRESH_TOKEN_SIZE, issuer::refreshTokenSize);
        s.bool(ROTATION, families::rotation);
        s.bool(REUSE_DETECTION, families::reuseDetection);
        s.commit();
    }

    /** The run-time settings in force, by key: {@link Duration}, {@link RateLimit}, sizes and switches. */
    static Map<String, Object> values(TokenIssuer issuer, RateLimiter limits, TokenFamilies families) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(ACCESS_TTL, issuer.accessTokenLifetime());
        values.put(REFRESH_TTL, issuer.refreshTokenLifetime());
        values.put(RATE_LIMIT, limits.familyLimit());
        values.put(USER_RATE_LIMIT, limits.userLimit());
        values.put(USER_RATE_LIMIT_RETRY_AFTER, limits.userRetryAfter());
        values.put(ACCESS_TOKEN_SIZE, issuer.accessTokenSize());
        values.put(REFRESH_TOKEN_SIZE, issuer.refreshTokenSize());
        values.put(ROTATION, families.rotation());
        values.put(REUSE_DETECTION, families.reuseDetection());
        return values;
    }

    /** The settings of {@link #values} in the form the keys are read (durations in seconds: {@code 90s}). */
    static Map<String, String> current(Map<String, Object> values) {
        Map<String, String> current = new LinkedHashMap<>();
        values.forEach((key, value) -> current.put(key,
                value instanceof Duration ? ((Duration) value).getSeconds() + "s" : String.valueOf(value)));
        return current;
    }

    private void duration(String key, Consumer<Duration> target) {
        read(key, v -> {
            Duration d = Durations.atLeastOneSecond(Durations.parse(v), key);
            return () -> target.accept(d);
        });
    }

    private void rateLimit(String key, Consumer<RateLimit> target) {
        read(key, v -> {
            RateLimit limit = RateLimit.parse(v);
            return () -> target.accept(limit);
        });
    }

    private void bool(String key, Consumer<Boolean> target) {
        read(key, v -> {
            if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
                throw new IllegalArgumentException("expected true or false");
            }
            boolean on = Boolean.parseBoolean(v);
            return () -> target.accept(on);
        });
    }

    private void size(String key, Consumer<Integer> target) {
        read(key, v -> {
            int size;
            try {
                size = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number of characters");
            }
            TokenIssuer.checkSize(size, key);
            return () -> target.accept(size);
        });
    }

    /** Reads and checks one key now; its change runs at {@link #commit()}. */
    private void read(String key, Function<String, Runnable> check) {
        String value = source.apply(key);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            changes.add(check.apply(value.trim()));
        } catch (RuntimeException e) {
            String shown = key.contains("secret") ? "(hidden)" : "'" + value + "'";
            errors.add(key + "=" + shown + ": " + e.getMessage());
        }
    }

    private void commit() {
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid mock auth settings: " + String.join("; ", errors));
        }
        changes.forEach(Runnable::run);
    }

    /** Parses {@code alice:secret,bob:pw}. */
    private static Map<String, String> users(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected user:password pairs");
            }
            parsed.put(pair.substring(0, colon).trim(), pair.substring(colon + 1));
        }
        return parsed;
    }
}
