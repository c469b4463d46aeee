package org.tokenrefresh.testing;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthBackendBuilder;

/**
 * How the mock auth backend behaves in a test, given in code: token lifetimes, the refresh protocol the library
 * speaks to it, rotation, reuse detection, rate limits, users, and the signing key an application that checks
 * its tokens shares. Immutable: every method returns a changed copy.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * MockAuthSettings settings = MockAuthSettings.defaults()
 *         .accessTokenLifetime(Duration.ofSeconds(10))   // three lifetimes pass in half a minute
 *         .userRateLimit(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
 * }</pre>
 * Give the settings to {@link MockAuthServer#start(MockAuthSettings)} (the mock in the test JVM) or to
 * {@link TokenRefreshDeployment#withMockAuth(String, MockAuthSettings)} (the mock inside the test WAR).
 *
 * <h2>Behaviour</h2>
 * Every value not set keeps the mock's default ({@link MockAuthBackend}: 60 s access tokens, 30 d refresh tokens,
 * rotation and reuse detection on, no rate limit, user {@code demo}/{@code demo}). Bad values are reported, all
 * together, when the mock is started or the WAR built.
 */
public final class MockAuthSettings {

    /** The refresh protocol the library speaks to the mock ({@code tokenrefresh.protocol}). */
    public enum Protocol {
        /** {@code POST /api/auth/refresh} with {@code {"refreshToken":..}}: the library's default. */
        JSON,
        /** {@code POST /oauth2/token}, RFC 6749 §6, with the mock's client credentials. */
        OAUTH2
    }

    private final Protocol protocol;
    private final Map<String, String> mockKeys;

    private MockAuthSettings(Protocol protocol, Map<String, String> mockKeys) {
        this.protocol = protocol;
        this.mockKeys = Collections.unmodifiableMap(mockKeys);
    }

    /** The mock's defaults and the {@code json} protocol. */
    public static MockAuthSettings defaults() {
        return new MockAuthSettings(Protocol.JSON, new LinkedHashMap<>());
    }

    /** Lifetime of the access tokens issued (whole seconds, at least one). Default value: 60 seconds. */
    public MockAuthSettings accessTokenLifetime(Duration lifetime) {
        return with("access-ttl", seconds(lifetime));
    }

    /** Lifetime of the refresh tokens issued. Default value: 30 days. */
    public MockAuthSettings refreshTokenLifetime(Duration lifetime) {
        return with("refresh-ttl", seconds(lifetime));
    }

    /** The protocol the library is configured for. Default value: {@link Protocol#JSON}. */
    public MockAuthSettings protocol(Protocol refreshProtocol) {
        return new MockAuthSettings(Objects.requireNonNull(refreshProtocol, "protocol"), mockKeys);
    }

    /**
     * Whether a refresh replaces the refresh token ({@code true}) or answers the same one again, as a backend
     * without rotation does. Default value: {@code true}.
     */
    public MockAuthSettings rotation(boolean on) {
        return with("rotation", String.valueOf(on));
    }

    /**
     * Whether a refresh token presented again after its use revokes the whole session ({@code true}, RFC 9700
     * §4.14.2) or is only refused. It is counted either way ({@link MockAuth#reuseDetections()}). Default value:
     * {@code true}.
     */
    public MockAuthSettings reuseDetection(boolean on) {
        return with("reuse-detection", String.valueOf(on));
    }

    /** At most {@code calls} refresh calls per session per window, then 429 until it ends. Default value: none. */
    public MockAuthSettings rateLimit(int calls, Duration window) {
        return with("rate-limit", calls + "/" + seconds(window));
    }

    /**
     * At most {@code calls} refresh calls per user (all sessions) per window; past it every refresh of that user is
     * answered 429 with {@code Retry-After} = {@code lockOut} until the lock-out ends. Default value: none.
     */
    public MockAuthSettings userRateLimit(int calls, Duration window, Duration lockOut) {
        return with("user-rate-limit", calls + "/" + seconds(window)).with("user-rate-limit-retry-after", seconds(lockOut));
    }

    /**
     * Pads the access and refresh tokens to these many characters (0: no padding), as identity providers' 2 to 16 KB
     * tokens are; the library writes a token larger than one cookie in chunks. Default value: 0 (about 250 and 43).
     */
    public MockAuthSettings tokenSizes(int accessTokenCharacters, int refreshTokenCharacters) {
        return with("access-token-size", String.valueOf(accessTokenCharacters))
                .with("refresh-token-size", String.valueOf(refreshTokenCharacters));
    }

    /** The users who may log in, by name, with their passwords (replacing the default). Default value: demo/demo. */
    public MockAuthSettings users(Map<String, String> passwordsByUser) {
        StringJoiner users = new StringJoiner(",");
        passwordsByUser.forEach((user, password) -> users.add(user + ":" + password));
        return with("users", users.toString());
    }

    /**
     * The HS256 key access tokens are signed with (at least 32 bytes), for an application that verifies them with its
     * own copy. Default value: the mock's fixed development key.
     */
    public MockAuthSettings hmacSecret(String secret) {
        return with("hmac-secret", secret);
    }

    /** The {@code iss} claim of the access tokens. Default value: {@code mock-auth}. */
    public MockAuthSettings issuer(String issuer) {
        return with("issuer", issuer);
    }

    /** The OAuth 2.0 client credentials (protocol {@code oauth2}). Default value: demo-client/demo-secret. */
    public MockAuthSettings client(String clientId, String clientSecret) {
        return with("client-id", clientId).with("client-secret", clientSecret);
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The settings in the mock's own keys ({@code MockAuthBackendBuilder#configure}), only those set. */
    Map<String, String> mockKeys() {
        return mockKeys;
    }

    /** Builds a backend with these settings; a bad value fails here, every one named. */
    MockAuthBackend newBackend() {
        return MockAuthBackend.builder().configure(mockKeys::get).build();
    }

    /** The library's keys that point it at a mock whose endpoints are below {@code baseUrl}. */
    Map<String, String> libraryKeys(String baseUrl) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (protocol == Protocol.OAUTH2) {
            keys.put("tokenrefresh.protocol", "oauth2");
            keys.put("tokenrefresh.backend-url", baseUrl + "/oauth2/token");
            keys.put("tokenrefresh.client-id", mockKeys.getOrDefault("client-id", MockAuthBackendBuilder.DEFAULT_CLIENT_ID));
            keys.put("tokenrefresh.client-secret", mockKeys.getOrDefault("client-secret", MockAuthBackendBuilder.DEFAULT_CLIENT_SECRET));
        } else {
            keys.put("tokenrefresh.backend-url", baseUrl + "/api/auth/refresh");
        }
        return keys;
    }

    private MockAuthSettings with(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(mockKeys);
        next.put(key, Objects.requireNonNull(value, key));
        return new MockAuthSettings(protocol, next);
    }

    /** {@code 90s}, or {@code 1500ms} below whole seconds (which the mock then refuses, naming the key). */
    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.getSeconds() + "s" : duration.toMillis() + "ms";
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(mockKeys);
        shown.replaceAll((key, value) -> key.contains("secret") || key.equals("users") ? "(hidden)" : value);
        return "MockAuthSettings[protocol=" + protocol + ", " + shown + "]";
    }
}
