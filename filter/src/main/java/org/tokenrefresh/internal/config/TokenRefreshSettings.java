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
 * {@value #PREFIX}; see the README for the table of keys and defaults.
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
        if (storeKey != null && storeKey.length() < MIN_STORE_KEY_LENGTH) {
            p.errorHidden("store-key", "must be at least " + MIN_STORE_KEY_LENGTH + " characters, e.g. the output of 'openssl rand -base64 32'");
        }
        if (storeKey != null && store == Store.MEMORY) {
            p.error(PREFIX + "store-key is set but " + PREFIX + "store=memory keeps nothing outside this JVM");
        }
        if (reuseGuard.compareTo(rotationGrace) < 0) {
            p.error("reuse-guard", ValueParser.format(reuseGuard), "must be at least " + PREFIX + "rotation-grace (" + ValueParser.format(rotationGrace) + ")");
        }
    }

    /** The URL as it may be logged: without user-info, query and fragment, which may carry credentials. */
    public static String redacted(URI url) {
        if (url == null) {
            return null;
        }
        String hidden = (url.getRawUserInfo() != null ? "***@" : "");
        return url.getScheme() + "://" + hidden + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() != null ? "?***" : "");
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
    /** The longest one request waits in all. Default value: {@code response-timeout}. */
    public Duration waitBudget() { return waitBudget; }
    /** The longest shared pause a {@code Retry-After} can impose. Default value: 2m. */
    public Duration maxRetryAfter() { return maxRetryAfter; }
    /** Unvouched refreshes at once on this node. Default value: 8. */
    public int unvouchedConcurrency() { return unvouchedConcurrency; }
    /** Unvouched refreshes started per second on this node while most are rejected. Default value: 50. */
    public int unvouchedRate() { return unvouchedRate; }
    /** Whether {@code endpoints-path} was set explicitly (then it is served even over the application's mappings). */
    public boolean endpointsPathSet() { return endpointsPathSet; }
    /** Hosts outbound calls may carry the user's token to; empty: any. Lower case, {@code host} or {@code host:port}. */
    public List<String> relayHosts() { return relayHosts; }
    /** Memory budget of the background monitor's session tracking, in bytes. Default value: 16MiB. */
    public int monitorMaxMemory() { return monitorMaxMemory; }
    /** Default value: {@code auto}. */
    public Store store() { return store; }
    /** The secret the cluster store's key is derived from; {@code null} when unset. Never logged. */
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
