package org.tokenrefresh;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.tokenrefresh.settings.SettingsSource;
import org.tokenrefresh.settings.ValueParser;

/**
 * All settings of the library, immutable and validated once. Every key has the prefix
 * {@value #PREFIX}; see the README for the table of keys and defaults.
 *
 * <p>Build it from any key/value source with {@link #from(SettingsSource)}; invalid values raise one
 * {@link InvalidSettingsException} that names every bad key and quotes its value.
 */
public final class TokenRefreshSettings {

    /** Prefix of every configuration key. */
    public static final String PREFIX = "tokenrefresh.";

    /** Refresh protocol spoken with the auth backend. */
    public enum Protocol {
        /** {@code POST {"refreshToken":..}} with the access token as Bearer; the seed's protocol. */
        JSON,
        /** RFC 6749 section 6 refresh grant, form-encoded, with client authentication. */
        OAUTH2
    }

    /** OAuth2 client authentication method (RFC 6749 section 2.3.1). */
    public enum ClientAuth { BASIC, POST }

    /** Which requests may be replayed after a 401. */
    public enum Replay {
        /** Never replay; a 401 from the application goes to the client. */
        NONE,
        /** RFC 9110 idempotent methods: GET, HEAD, OPTIONS, TRACE, PUT, DELETE. */
        IDEMPOTENT,
        /** Every method, as long as its body was buffered within {@code replay-max-body}. */
        ALL
    }

    /** When cookies get the {@code Secure} attribute. */
    public enum CookieSecure { AUTO, TRUE, FALSE }

    /** The cookies' {@code SameSite} attribute. */
    public enum SameSite {
        LAX("Lax"), STRICT("Strict"), NONE("None");

        private final String attribute;

        SameSite(String attribute) {
            this.attribute = attribute;
        }

        /** The attribute value as written in {@code Set-Cookie}. */
        public String attribute() {
            return attribute;
        }
    }

    public static final Duration DEFAULT_REFRESH_THRESHOLD = Duration.ofMinutes(10);
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_ACTIVITY_WINDOW = Duration.ofMinutes(15);
    public static final Duration DEFAULT_ROTATION_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REUSE_GUARD = Duration.ofHours(1);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CIRCUIT_OPEN_TIME = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ACCESS_COOKIE_MAX_AGE = Duration.ofDays(7);
    public static final Duration DEFAULT_REFRESH_COOKIE_MAX_AGE = Duration.ofDays(30);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;
    public static final int DEFAULT_REPLAY_MAX_BODY = 64 * 1024;
    public static final int DEFAULT_STORE_MAX_ENTRIES = 100_000;
    public static final String DEFAULT_ACCESS_COOKIE = "authToken";
    public static final String DEFAULT_REFRESH_COOKIE = "refreshToken";
    public static final String DEFAULT_ENDPOINTS_PATH = "/api/auth";

    private final boolean enabled;
    private final URI backendUrl;
    private final Protocol protocol;
    private final String clientId;
    private final String clientSecret;
    private final ClientAuth clientAuth;
    private final String accessCookie;
    private final String refreshCookie;
    private final String expiryCookie;
    private final Duration refreshThreshold;
    private final Duration refreshInterval;
    private final Duration activityWindow;
    private final boolean background;
    private final Duration rotationGrace;
    private final Duration reuseGuard;
    private final int maxRetries;
    private final Duration retryDelay;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int circuitFailureThreshold;
    private final Duration circuitOpenTime;
    private final Replay replay;
    private final int replayMaxBody;
    private final CookieSecure cookieSecure;
    private final SameSite cookieSameSite;
    private final String cookiePath;
    private final String cookieDomain;
    private final Duration accessCookieMaxAge;
    private final Duration refreshCookieMaxAge;
    private final String loginUrl;
    private final String endpointsPath;
    private final boolean authorizationHeader;
    private final int storeMaxEntries;
    private final boolean eventsEndpoint;

    private TokenRefreshSettings(ValueParser p) {
        enabled = p.bool("enabled", true);
        backendUrl = p.httpUri("backend-url");
        protocol = p.choice("protocol", Protocol.JSON, Protocol.class);
        clientId = p.string("client-id", null);
        clientSecret = p.string("client-secret", null);
        // RFC 6749 / OpenID names are accepted too: client_secret_basic, client_secret_post
        clientAuth = p.choice("client-auth", ClientAuth.BASIC, ClientAuth.class, "client_secret_");
        accessCookie = p.cookieName("access-cookie", DEFAULT_ACCESS_COOKIE);
        refreshCookie = p.cookieName("refresh-cookie", DEFAULT_REFRESH_COOKIE);
        expiryCookie = p.cookieName("expiry-cookie", accessCookie + "-exp");
        refreshThreshold = p.duration("refresh-threshold", DEFAULT_REFRESH_THRESHOLD, Duration.ZERO);
        refreshInterval = p.duration("refresh-interval", DEFAULT_REFRESH_INTERVAL, Duration.ofSeconds(1));
        activityWindow = p.duration("activity-window", DEFAULT_ACTIVITY_WINDOW, Duration.ofSeconds(1));
        background = p.bool("background", true);
        rotationGrace = p.duration("rotation-grace", DEFAULT_ROTATION_GRACE, Duration.ZERO);
        reuseGuard = p.duration("reuse-guard", DEFAULT_REUSE_GUARD, Duration.ZERO);
        maxRetries = p.integer("max-retries", DEFAULT_MAX_RETRIES, 0, 10);
        retryDelay = p.duration("retry-delay", DEFAULT_RETRY_DELAY, Duration.ZERO);
        connectTimeout = p.duration("connect-timeout", DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(1));
        responseTimeout = p.duration("response-timeout", DEFAULT_RESPONSE_TIMEOUT, Duration.ofMillis(1));
        circuitFailureThreshold = p.integer("circuit-failure-threshold", DEFAULT_CIRCUIT_FAILURE_THRESHOLD, 1, 1000);
        circuitOpenTime = p.duration("circuit-open-time", DEFAULT_CIRCUIT_OPEN_TIME, Duration.ofMillis(1));
        replay = p.choice("replay", Replay.IDEMPOTENT, Replay.class);
        replayMaxBody = p.size("replay-max-body", DEFAULT_REPLAY_MAX_BODY, 16 * 1024 * 1024);
        cookieSecure = p.choice("cookie-secure", CookieSecure.AUTO, CookieSecure.class);
        cookieSameSite = p.choice("cookie-same-site", SameSite.LAX, SameSite.class);
        cookiePath = p.string("cookie-path", "/");
        cookieDomain = p.string("cookie-domain", null);
        accessCookieMaxAge = p.duration("access-cookie-max-age", DEFAULT_ACCESS_COOKIE_MAX_AGE, Duration.ofSeconds(1));
        refreshCookieMaxAge = p.duration("refresh-cookie-max-age", DEFAULT_REFRESH_COOKIE_MAX_AGE, Duration.ofSeconds(1));
        loginUrl = p.string("login-url", null);
        endpointsPath = p.isSet("endpoints-path") && p.raw("endpoints-path") == null
                ? "" : p.string("endpoints-path", DEFAULT_ENDPOINTS_PATH);
        authorizationHeader = p.bool("authorization-header", false);
        storeMaxEntries = p.integer("store-max-entries", DEFAULT_STORE_MAX_ENTRIES, 100, 100_000_000);
        eventsEndpoint = p.bool("events-endpoint", false);
        validateCombinations(p);
    }

    private void validateCombinations(ValueParser p) {
        if (!enabled) {
            return;
        }
        if (backendUrl == null && p.raw("backend-url") == null) {
            p.error(PREFIX + "backend-url is required: the auth backend's refresh or token endpoint URL");
        }
        if (protocol == Protocol.OAUTH2 && clientId == null) {
            p.error(PREFIX + "client-id is required when " + PREFIX + "protocol=oauth2");
        }
        if (clientAuth == ClientAuth.BASIC && protocol == Protocol.OAUTH2 && clientId != null && clientSecret == null) {
            p.error(PREFIX + "client-secret is required when " + PREFIX + "client-auth=basic");
        }
        if (accessCookie.equals(refreshCookie)) {
            p.error("access-cookie", accessCookie, "must differ from " + PREFIX + "refresh-cookie");
        }
        if (cookieSameSite == SameSite.NONE && cookieSecure == CookieSecure.FALSE) {
            p.error("cookie-same-site", "None", "SameSite=None requires " + PREFIX + "cookie-secure to be auto or true");
        }
        if (!cookiePath.startsWith("/") || containsControlOrSeparator(cookiePath)) {
            p.error("cookie-path", cookiePath, "must start with / and contain no ';' or control characters");
        }
        if (cookieDomain != null && !cookieDomain.matches("\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            p.error("cookie-domain", cookieDomain, "not a valid domain name");
        }
        for (String name : new String[] {accessCookie, refreshCookie, expiryCookie}) {
            if (name.startsWith("__Host-") && (cookieSecure == CookieSecure.FALSE || !"/".equals(cookiePath) || cookieDomain != null)) {
                p.error("cookie name \"" + name + "\": the __Host- prefix requires cookie-secure auto or true, cookie-path=/ and no cookie-domain");
            }
            if (name.startsWith("__Secure-") && cookieSecure == CookieSecure.FALSE) {
                p.error("cookie name \"" + name + "\": the __Secure- prefix requires cookie-secure auto or true");
            }
        }
        if (loginUrl != null && !isSafeLoginUrl(loginUrl)) {
            p.error("login-url", loginUrl, "must be a path starting with / (not //) or an absolute http(s) URL");
        }
        if (!endpointsPath.isEmpty() && (!endpointsPath.startsWith("/") || endpointsPath.endsWith("/") || containsControlOrSeparator(endpointsPath))) {
            p.error("endpoints-path", endpointsPath, "must be empty or a path starting with / and not ending with /");
        }
        if (reuseGuard.compareTo(rotationGrace) < 0) {
            p.error("reuse-guard", ValueParser.format(reuseGuard), "must be at least " + PREFIX + "rotation-grace (" + ValueParser.format(rotationGrace) + ")");
        }
    }

    private static boolean isSafeLoginUrl(String url) {
        if (containsControlOrSeparator(url) || url.indexOf('\\') >= 0) {
            return false;
        }
        if (url.startsWith("/")) {
            return !url.startsWith("//");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean containsControlOrSeparator(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';' || c == ',') {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads and validates all settings from a source.
     *
     * @throws InvalidSettingsException listing every invalid key and value
     */
    public static TokenRefreshSettings from(SettingsSource source) {
        ValueParser parser = new ValueParser(source, PREFIX);
        TokenRefreshSettings settings = new TokenRefreshSettings(parser);
        if (!parser.errors().isEmpty()) {
            throw new InvalidSettingsException(parser.errors());
        }
        return settings;
    }

    /** Convenience for tests and programmatic set-up: keys without the prefix, such as {@code backend-url}. */
    public static TokenRefreshSettings of(Map<String, String> unprefixed) {
        return from(key -> key.startsWith(PREFIX) ? unprefixed.get(key.substring(PREFIX.length())) : null);
    }

    /** Master switch. Default value: {@code true}. */
    public boolean enabled() { return enabled; }
    /** The refresh endpoint ({@code json}) or token endpoint ({@code oauth2}). Required. */
    public URI backendUrl() { return backendUrl; }
    /** Default value: {@code json}. */
    public Protocol protocol() { return protocol; }
    public String clientId() { return clientId; }
    public String clientSecret() { return clientSecret; }
    /** Default value: {@code basic}. */
    public ClientAuth clientAuth() { return clientAuth; }
    /** Default value: {@code authToken}. */
    public String accessCookie() { return accessCookie; }
    /** Default value: {@code refreshToken}. */
    public String refreshCookie() { return refreshCookie; }
    /** Companion cookie holding the expiry of opaque access tokens. Default value: access cookie + {@code -exp}. */
    public String expiryCookie() { return expiryCookie; }
    /** Refresh when the access token expires within this, capped at half its lifetime. Default value: 10m. */
    public Duration refreshThreshold() { return refreshThreshold; }
    /** Background monitor period. Default value: 5m. */
    public Duration refreshInterval() { return refreshInterval; }
    /** Only sessions seen within this are refreshed in the background. Default value: 15m. */
    public Duration activityWindow() { return activityWindow; }
    /** Background monitor switch. Default value: {@code true}. */
    public boolean background() { return background; }
    /** How long a late request with the old refresh token gets the successor tokens. Default value: 30s. */
    public Duration rotationGrace() { return rotationGrace; }
    /** How long a used refresh token is remembered so it is never sent again. Default value: 1h. */
    public Duration reuseGuard() { return reuseGuard; }
    /** Default value: 3. */
    public int maxRetries() { return maxRetries; }
    /** Base delay of the full-jitter backoff. Default value: 1s. */
    public Duration retryDelay() { return retryDelay; }
    /** Default value: 2s. */
    public Duration connectTimeout() { return connectTimeout; }
    /** Default value: 5s. */
    public Duration responseTimeout() { return responseTimeout; }
    /** Consecutive backend failures that open the circuit. Default value: 5. */
    public int circuitFailureThreshold() { return circuitFailureThreshold; }
    /** How long an open circuit stays open without a {@code Retry-After}. Default value: 30s. */
    public Duration circuitOpenTime() { return circuitOpenTime; }
    /** Default value: {@code idempotent}. */
    public Replay replay() { return replay; }
    /** Default value: 64KiB. */
    public int replayMaxBody() { return replayMaxBody; }
    /** Default value: {@code auto} (Secure when the request is HTTPS). */
    public CookieSecure cookieSecure() { return cookieSecure; }
    /** Default value: {@code Lax}. */
    public SameSite cookieSameSite() { return cookieSameSite; }
    /** Default value: {@code /}. */
    public String cookiePath() { return cookiePath; }
    /** Default value: unset (host-only cookies). */
    public String cookieDomain() { return cookieDomain; }
    /** Default value: 7d. */
    public Duration accessCookieMaxAge() { return accessCookieMaxAge; }
    /** Default value: 30d. */
    public Duration refreshCookieMaxAge() { return refreshCookieMaxAge; }
    /** Where page navigations go when the session is over; {@code null} answers 401 JSON instead. */
    public String loginUrl() { return loginUrl; }
    /** Base path of {@code POST .../refresh} and {@code GET .../status}; empty disables them. Default value: {@code /api/auth}. */
    public String endpointsPath() { return endpointsPath; }
    /** Also give the application an {@code Authorization: Bearer} header. Default value: {@code false}. */
    public boolean authorizationHeader() { return authorizationHeader; }
    /**
     * Serve the latest refresh events at {@code GET <endpoints-path>/events}, for dashboards and
     * diagnostics. Events carry no secrets, but they cover all sessions. Default value: {@code false}.
     */
    public boolean eventsEndpoint() { return eventsEndpoint; }
    /** Bound of the in-memory store. Default value: 100000. */
    public int storeMaxEntries() { return storeMaxEntries; }

    /**
     * Upper bound of one refresh, retries included: how long concurrent requests wait for it, and how long
     * a cluster lock lives when its node dies mid-refresh.
     */
    public Duration refreshTimeout() {
        Duration oneAttempt = connectTimeout.plus(responseTimeout);
        return oneAttempt.multipliedBy(maxRetries + 1L).plus(retryDelay.multipliedBy(1L << Math.min(maxRetries, 10)));
    }

    @Override
    public String toString() {
        return "TokenRefreshSettings[enabled=" + enabled + ", backend-url=" + backendUrl + ", protocol="
                + protocol.name().toLowerCase(Locale.ROOT) + ", access-cookie=" + accessCookie + ", refresh-cookie="
                + refreshCookie + ", refresh-threshold=" + ValueParser.format(refreshThreshold) + ", rotation-grace="
                + ValueParser.format(rotationGrace) + ", replay=" + replay.name().toLowerCase(Locale.ROOT)
                + ", endpoints-path=" + endpointsPath + "]";
    }
}
