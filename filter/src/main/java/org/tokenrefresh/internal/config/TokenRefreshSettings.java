package org.tokenrefresh.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.tokenrefresh.internal.config.SettingsSource;
import org.tokenrefresh.internal.config.ValueParser;

/**
 * All settings of the library, immutable and validated once. Every key has the prefix
 * {@value #PREFIX}; each accessor returns the key of the same name, whose type, default and meaning are
 * declared once in {@link Keys} (and generated into the README's table). Rules that span several keys are
 * in {@link SettingsRules}.
 *
 * <p>Build it from any key/value source with {@link #from(SettingsSource)}; invalid values raise one
 * {@link InvalidSettingsException} that names every bad key and quotes its value.
 */
public final class TokenRefreshSettings {

    /** Prefix of every configuration key. */
    public static final String PREFIX = Keys.PREFIX;

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

    /** Where coordination state lives ({@code token-refresh-ee}). */
    public enum Store {
        /** The container's JCache when it has one, else in memory. */
        AUTO,
        /** The container's JCache; deployment fails without one. */
        JCACHE,
        /** In memory, this JVM only. */
        MEMORY
    }

    /** Shortest accepted {@code store-key}: 32 characters, e.g. {@code openssl rand -base64 32}. */
    public static final int MIN_STORE_KEY_LENGTH = 32;

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
    private final Duration waitBudget;
    private final Duration maxRetryAfter;
    private final int circuitFailureThreshold;
    private final Duration circuitOpenTime;
    private final int unvouchedConcurrency;
    private final int unvouchedRate;
    private final Replay replay;
    private final int replayMaxBody;
    private final CookieSecure cookieSecure;
    private final SameSite cookieSameSite;
    private final String cookiePath;
    private final String cookieDomain;
    private final int cookieChunkSize;
    private final int maxTokenSize;
    private final Duration accessCookieMaxAge;
    private final Duration refreshCookieMaxAge;
    private final String loginUrl;
    private final String endpointsPath;
    private final boolean endpointsPathSet;
    private final boolean authorizationHeader;
    private final List<String> relayHosts;
    private final int storeMaxEntries;
    private final boolean eventsEndpoint;
    private final int monitorMaxMemory;
    private final Store store;
    private final String storeKey;

    private TokenRefreshSettings(ValueParser p) {
        enabled = Keys.ENABLED.read(p);
        backendUrl = Keys.BACKEND_URL.read(p);
        protocol = Keys.PROTOCOL.read(p);
        clientId = Keys.CLIENT_ID.read(p);
        clientSecret = Keys.CLIENT_SECRET.read(p);
        clientAuth = Keys.CLIENT_AUTH.read(p);
        accessCookie = Keys.ACCESS_COOKIE.read(p);
        refreshCookie = Keys.REFRESH_COOKIE.read(p);
        expiryCookie = Keys.EXPIRY_COOKIE.read(p, accessCookie + "-exp");
        refreshThreshold = Keys.REFRESH_THRESHOLD.read(p);
        rotationGrace = Keys.ROTATION_GRACE.read(p);
        reuseGuard = Keys.REUSE_GUARD.read(p);
        maxRetries = Keys.MAX_RETRIES.read(p);
        retryDelay = Keys.RETRY_DELAY.read(p);
        connectTimeout = Keys.CONNECT_TIMEOUT.read(p);
        responseTimeout = Keys.RESPONSE_TIMEOUT.read(p);
        waitBudget = Keys.WAIT_BUDGET.read(p, responseTimeout);
        maxRetryAfter = Keys.MAX_RETRY_AFTER.read(p);
        circuitFailureThreshold = Keys.CIRCUIT_FAILURE_THRESHOLD.read(p);
        circuitOpenTime = Keys.CIRCUIT_OPEN_TIME.read(p);
        unvouchedConcurrency = Keys.UNVOUCHED_CONCURRENCY.read(p);
        unvouchedRate = Keys.UNVOUCHED_RATE.read(p);
        replay = Keys.REPLAY.read(p);
        replayMaxBody = Keys.REPLAY_MAX_BODY.read(p);
        cookieSecure = Keys.COOKIE_SECURE.read(p);
        cookieSameSite = Keys.COOKIE_SAME_SITE.read(p);
        cookiePath = Keys.COOKIE_PATH.read(p);
        cookieDomain = Keys.COOKIE_DOMAIN.read(p);
        cookieChunkSize = Keys.COOKIE_CHUNK_SIZE.read(p);
        maxTokenSize = Keys.MAX_TOKEN_SIZE.read(p);
        accessCookieMaxAge = Keys.ACCESS_COOKIE_MAX_AGE.read(p);
        refreshCookieMaxAge = Keys.REFRESH_COOKIE_MAX_AGE.read(p);
        loginUrl = Keys.LOGIN_URL.read(p);
        endpointsPath = Keys.ENDPOINTS_PATH.read(p);
        endpointsPathSet = p.isSet(Keys.ENDPOINTS_PATH.name());
        authorizationHeader = Keys.AUTHORIZATION_HEADER.read(p);
        eventsEndpoint = Keys.EVENTS_ENDPOINT.read(p);
        relayHosts = Keys.RELAY_HOSTS.read(p);
        storeMaxEntries = Keys.STORE_MAX_ENTRIES.read(p);
        refreshInterval = Keys.REFRESH_INTERVAL.read(p);
        activityWindow = Keys.ACTIVITY_WINDOW.read(p);
        background = Keys.BACKGROUND.read(p);
        monitorMaxMemory = Keys.MONITOR_MAX_MEMORY.read(p);
        store = Keys.STORE.read(p);
        storeKey = Keys.STORE_KEY.read(p);
        SettingsRules.check(this, p);
    }

    /** The URL as it may be logged: without user-info, query and fragment, which may carry credentials. */
    public static String redacted(URI url) {
        return SettingsRules.redacted(url);
    }

    /**
     * Reads and validates all settings from a source.
     *
     * @throws InvalidSettingsException listing every invalid key and value
     */
    public static TokenRefreshSettings from(SettingsSource source) {
        return load(ConfigurationSources.of(source), true).settings;
    }

    /**
     * Reads and validates all settings, and audits the names the sources set ({@link KeyAudit}): unknown keys
     * the application packaged are errors, like invalid values; the warnings are returned for the caller to log.
     *
     * @throws InvalidSettingsException listing every invalid key and value, core and ee together
     */
    public static Loaded load(ConfigurationSources sources, boolean eeAvailable) {
        ValueParser parser = new ValueParser(sources.chain(), PREFIX);
        TokenRefreshSettings settings = new TokenRefreshSettings(parser);
        KeyAudit audit = KeyAudit.of(sources.packaged(), sources.serverWide(), eeAvailable);
        List<String> errors = new java.util.ArrayList<>(parser.errors());
        errors.addAll(audit.errors());
        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }
        return new Loaded(settings, audit.warnings());
    }

    /** Settings with the warnings found while reading them. */
    public static final class Loaded {
        public final TokenRefreshSettings settings;
        public final List<String> warnings;

        Loaded(TokenRefreshSettings settings, List<String> warnings) {
            this.settings = settings;
            this.warnings = warnings;
        }
    }

    /** Convenience for tests and programmatic set-up: keys without the prefix, such as {@code backend-url}. */
    public static TokenRefreshSettings of(Map<String, String> unprefixed) {
        return from(key -> key.startsWith(PREFIX) ? unprefixed.get(key.substring(PREFIX.length())) : null);
    }

    public boolean enabled() { return enabled; }
    public URI backendUrl() { return backendUrl; }
    public Protocol protocol() { return protocol; }
    public String clientId() { return clientId; }
    public String clientSecret() { return clientSecret; }
    public ClientAuth clientAuth() { return clientAuth; }
    public String accessCookie() { return accessCookie; }
    public String refreshCookie() { return refreshCookie; }
    public String expiryCookie() { return expiryCookie; }
    public Duration refreshThreshold() { return refreshThreshold; }
    public Duration refreshInterval() { return refreshInterval; }
    public Duration activityWindow() { return activityWindow; }
    public boolean background() { return background; }
    public Duration rotationGrace() { return rotationGrace; }
    public Duration reuseGuard() { return reuseGuard; }
    public int maxRetries() { return maxRetries; }
    public Duration retryDelay() { return retryDelay; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration responseTimeout() { return responseTimeout; }
    public int circuitFailureThreshold() { return circuitFailureThreshold; }
    public Duration circuitOpenTime() { return circuitOpenTime; }
    public Replay replay() { return replay; }
    public int replayMaxBody() { return replayMaxBody; }
    public CookieSecure cookieSecure() { return cookieSecure; }
    public SameSite cookieSameSite() { return cookieSameSite; }
    public String cookiePath() { return cookiePath; }
    public String cookieDomain() { return cookieDomain; }
    public int cookieChunkSize() { return cookieChunkSize; }
    public int maxTokenSize() { return maxTokenSize; }
    public Duration accessCookieMaxAge() { return accessCookieMaxAge; }
    public Duration refreshCookieMaxAge() { return refreshCookieMaxAge; }
    public String loginUrl() { return loginUrl; }
    public String endpointsPath() { return endpointsPath; }
    public boolean authorizationHeader() { return authorizationHeader; }
    public boolean eventsEndpoint() { return eventsEndpoint; }
    public int storeMaxEntries() { return storeMaxEntries; }
    public Duration waitBudget() { return waitBudget; }
    public Duration maxRetryAfter() { return maxRetryAfter; }
    public int unvouchedConcurrency() { return unvouchedConcurrency; }
    public int unvouchedRate() { return unvouchedRate; }
    /** Whether {@code endpoints-path} was set explicitly (then it is served even over the application's mappings). */
    public boolean endpointsPathSet() { return endpointsPathSet; }
    public List<String> relayHosts() { return relayHosts; }
    public int monitorMaxMemory() { return monitorMaxMemory; }
    public Store store() { return store; }
    /** Never logged. */
    public String storeKey() { return storeKey; }

    /**
     * How long a node may hold the cluster-wide refresh lock: the wait budget plus one backend call that may
     * start at its very end, and a second of margin. A node that dies mid-refresh blocks the others no longer.
     */
    public Duration lockTimeout() {
        return waitBudget.plus(connectTimeout).plus(responseTimeout).plus(Duration.ofSeconds(1));
    }

    @Override
    public String toString() {
        return "TokenRefreshSettings[enabled=" + enabled + ", backend-url=" + redacted(backendUrl) + ", protocol="
                + protocol.name().toLowerCase(Locale.ROOT) + ", access-cookie=" + accessCookie + ", refresh-cookie="
                + refreshCookie + ", refresh-threshold=" + ValueParser.format(refreshThreshold) + ", rotation-grace="
                + ValueParser.format(rotationGrace) + ", replay=" + replay.name().toLowerCase(Locale.ROOT)
                + ", endpoints-path=" + endpointsPath + "]";
    }
}
