package org.tokenrefresh.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.tokenrefresh.internal.config.Key.Module;
import org.tokenrefresh.internal.config.TokenRefreshSettings.ClientAuth;
import org.tokenrefresh.internal.config.TokenRefreshSettings.CookieSecure;
import org.tokenrefresh.internal.config.TokenRefreshSettings.Protocol;
import org.tokenrefresh.internal.config.TokenRefreshSettings.Replay;
import org.tokenrefresh.internal.config.TokenRefreshSettings.SameSite;
import org.tokenrefresh.internal.config.TokenRefreshSettings.Store;

/**
 * Every configuration key of the library, each declared once: name, default, validation and description.
 * Settings parsing ({@link TokenRefreshSettings}), the unknown-key check ({@link KeyAudit}) and the README's
 * configuration table all come from here; {@code KeysReadmeTest} fails when the README and this list
 * disagree. Order: the order of the README table.
 */
public final class Keys {

    /** Prefix of every key. */
    public static final String PREFIX = "tokenrefresh.";

    public static final Key<Boolean> ENABLED = bool("enabled", true, "master switch; `false` registers nothing");
    public static final Key<URI> BACKEND_URL = new Key<>("backend-url", Module.CORE, "(required)", null, false,
            "the refresh endpoint (`json`) or token endpoint (`oauth2`)", (p, n, d) -> p.httpUri(n));
    public static final Key<Protocol> PROTOCOL = choice("protocol", Protocol.JSON, Protocol.class, null,
            "`json`: `POST {\"refreshToken\":..}` with the access token as Bearer, answer `{\"accessToken\",\"refreshToken\",\"expiresIn\"}`;"
                    + " `oauth2`: RFC 6749 §6 refresh grant");
    public static final Key<String> CLIENT_ID = string("client-id", "unset", null, false, "OAuth2 client id (required with `oauth2`)");
    public static final Key<String> CLIENT_SECRET = string("client-secret", "unset", null, true, "OAuth2 client secret");
    public static final Key<ClientAuth> CLIENT_AUTH = choice("client-auth", ClientAuth.BASIC, ClientAuth.class, "client_secret_",
            "`basic` or `post` (the RFC names `client_secret_basic` and `client_secret_post` work too)");
    public static final Key<String> ACCESS_COOKIE = cookieName("access-cookie", "authToken",
            "access token cookie name (`__Host-` names supported)");
    public static final Key<String> REFRESH_COOKIE = cookieName("refresh-cookie", "refreshToken", "refresh token cookie name");
    public static final Key<String> EXPIRY_COOKIE = new Key<>("expiry-cookie", Module.CORE, "`<access-cookie>-exp`", null, false,
            "companion cookie for opaque access tokens", (p, n, d) -> p.cookieName(n, d));
    public static final Key<Duration> REFRESH_THRESHOLD = duration("refresh-threshold", "10m", Duration.ZERO,
            "refresh when the token expires within this, capped at half the token's lifetime");
    public static final Key<Duration> ROTATION_GRACE = duration("rotation-grace", "30s", Duration.ZERO,
            "how long a late request with the old refresh token gets the successor tokens");
    public static final Key<Duration> REUSE_GUARD = duration("reuse-guard", "1h", Duration.ZERO,
            "how long a used refresh token is remembered (without the tokens that replaced it) so that it is never sent again");
    public static final Key<Integer> MAX_RETRIES = integer("max-retries", 3, 0, 10,
            "retries of one refresh call (connect failures, short `Retry-After`), within `wait-budget`");
    public static final Key<Duration> RETRY_DELAY = duration("retry-delay", "1s", Duration.ZERO, "base delay of the full-jitter backoff");
    public static final Key<Duration> CONNECT_TIMEOUT = duration("connect-timeout", "2s", Duration.ofMillis(1), "toward the auth backend");
    public static final Key<Duration> RESPONSE_TIMEOUT = duration("response-timeout", "5s", Duration.ofMillis(1), "toward the auth backend");
    public static final Key<Duration> WAIT_BUDGET = new Key<>("wait-budget", Module.CORE, "`response-timeout`", null, false,
            "the longest one request waits in all (retry pauses, `Retry-After`, another request's or node's refresh); a call already"
                    + " sent is never aborted", (p, n, d) -> p.duration(n, d, Duration.ZERO));
    public static final Key<Duration> MAX_RETRY_AFTER = duration("max-retry-after", "2m", Duration.ofSeconds(1),
            "the longest pause a `Retry-After` can impose on all sessions (a longer one is honoured for its own session only)");
    public static final Key<Integer> CIRCUIT_FAILURE_THRESHOLD = integer("circuit-failure-threshold", 5, 1, 1000,
            "failures that open the shared circuit: transport failures in a row, or 5xx/429 answers for this many distinct vouched sessions");
    public static final Key<Duration> CIRCUIT_OPEN_TIME = duration("circuit-open-time", "30s", Duration.ofMillis(1),
            "how long the circuit stays open without a `Retry-After`; also the window in which failures of distinct sessions count");
    public static final Key<Integer> UNVOUCHED_CONCURRENCY = integer("unvouched-concurrency", 8, 1, 10_000,
            "refreshes of tokens the library cannot vouch for (first refresh after the application's login, forged cookies)"
                    + " that may run at once on this node; three times as many more may wait, within their `wait-budget`");
    public static final Key<Integer> UNVOUCHED_RATE = integer("unvouched-rate", 50, 1, 1_000_000,
            "refreshes of unvouched tokens this node starts per second while most of them are rejected (a flood of forged cookies);"
                    + " half of them are kept for tokens that come back after their `Retry-After` (a user retrying)");
    public static final Key<Replay> REPLAY = choice("replay", Replay.IDEMPOTENT, Replay.class, null, "`none`, `idempotent` or `all`");
    public static final Key<Integer> REPLAY_MAX_BODY = size("replay-max-body", "64KiB", 64 * 1024, 16 * 1024 * 1024,
            "largest request body kept for a replay");
    public static final Key<CookieSecure> COOKIE_SECURE = choice("cookie-secure", CookieSecure.AUTO, CookieSecure.class, null,
            "`auto` (when the request is HTTPS), `true` or `false`");
    public static final Key<SameSite> COOKIE_SAME_SITE = new Key<>("cookie-same-site", Module.CORE, "`Lax`", SameSite.LAX, false,
            "`Lax`, `Strict` or `None` (`None` requires Secure)", (p, n, d) -> p.choice(n, d, SameSite.class, null));
    public static final Key<String> COOKIE_PATH = string("cookie-path", "`/`", "/", false, "Path of the cookies written");
    public static final Key<String> COOKIE_DOMAIN = string("cookie-domain", "unset", null, false,
            "Domain of the cookies written (host-only when unset)");
    public static final Key<Integer> COOKIE_CHUNK_SIZE = size("cookie-chunk-size", "4000", 4000, 4096,
            "longest `name=value` of one cookie written (browsers keep 4096 bytes per cookie); a longer token is split into"
                    + " `<name>-1`, `<name>-2`, … (at least 1024)");
    public static final Key<Integer> MAX_TOKEN_SIZE = size("max-token-size", "16KiB", 16 * 1024, 256 * 1024,
            "longest token read from a request's cookies, whole or reassembled from its chunks; longer ones are ignored as malformed"
                    + " (at least `cookie-chunk-size`)");
    public static final Key<Duration> ACCESS_COOKIE_MAX_AGE = duration("access-cookie-max-age", "7d", Duration.ofSeconds(1),
            "Max-Age of the access cookie");
    public static final Key<Duration> REFRESH_COOKIE_MAX_AGE = duration("refresh-cookie-max-age", "30d", Duration.ofSeconds(1),
            "Max-Age of the refresh cookie");
    public static final Key<String> LOGIN_URL = string("login-url", "unset", null, false,
            "where page navigations go when the session is over: a path in the application (`/login.jsp?expired=true`) or an"
                    + " absolute http(s) URL; from configuration only. Unset: 401 JSON");
    public static final Key<String> ENDPOINTS_PATH = new Key<>("endpoints-path", Module.CORE, "`/api/auth`", "/api/auth", false,
            "base of `POST …/refresh` and `GET …/status`; empty disables them; an endpoint the application maps itself is left to"
                    + " the application unless this key is set", (p, n, d) -> p.isSet(n) && p.raw(n) == null ? "" : p.string(n, d));
    public static final Key<Boolean> AUTHORIZATION_HEADER = bool("authorization-header", false,
            "also give the application `Authorization: Bearer <access token>`");
    public static final Key<Boolean> EVENTS_ENDPOINT = bool("events-endpoint", false,
            "serve the latest refresh events (no secrets, all sessions) at `GET <endpoints-path>/events` for dashboards");
    public static final Key<List<String>> RELAY_HOSTS = new Key<>("relay-hosts", Module.CORE, "unset", Collections.emptyList(), false,
            "outbound calls get the user's token only for these hosts (`host` or `host:port`, comma-separated); unset: any host"
                    + " the client is registered for", (p, n, d) -> p.hostList(n, d));
    public static final Key<Integer> STORE_MAX_ENTRIES = integer("store-max-entries", 100_000, 100, 100_000_000,
            "bound of the in-memory store's records (least recently used go first), and of the sessions the background monitor tracks");
    public static final Key<Duration> REFRESH_INTERVAL = eeDuration("refresh-interval", "5m", Duration.ofSeconds(1),
            "background monitor period (ee-integration)");
    public static final Key<Duration> ACTIVITY_WINDOW = eeDuration("activity-window", "15m", Duration.ofSeconds(1),
            "only sessions seen within this are refreshed in the background (ee-integration)");
    public static final Key<Boolean> BACKGROUND = new Key<>("background", Module.EE, "`true`", true, false,
            "background monitor switch (ee-integration)", (p, n, d) -> p.bool(n, d));
    public static final Key<Integer> MONITOR_MAX_MEMORY = new Key<>("monitor-max-memory", Module.EE, "`16MiB`", 16 * 1024 * 1024, false,
            "memory the background monitor may use for the sessions it tracks; beyond it, new sessions are refreshed on their"
                    + " requests only (ee-integration)", (p, n, d) -> p.size(n, d, Integer.MAX_VALUE));
    public static final Key<Store> STORE = new Key<>("store", Module.EE, "`auto`", Store.AUTO, false,
            "`auto`: the container's JCache when it has one, else in memory; `jcache`: fail the deployment without JCache;"
                    + " `memory`: this JVM only (ee-integration)", (p, n, d) -> p.choice(n, d, Store.class, null));
    public static final Key<String> STORE_KEY = new Key<>("store-key", Module.EE, "unset", null, true,
            "secret (32+ characters, same on every node) the JCache store's AES-256-GCM key is derived from; unset: a random key"
                    + " shared through the cache (ee-integration)", (p, n, d) -> p.secret(n, d));

    private static final List<Key<?>> ALL = Collections.unmodifiableList(Arrays.asList(ENABLED, BACKEND_URL, PROTOCOL, CLIENT_ID,
            CLIENT_SECRET, CLIENT_AUTH, ACCESS_COOKIE, REFRESH_COOKIE, EXPIRY_COOKIE, REFRESH_THRESHOLD, ROTATION_GRACE, REUSE_GUARD,
            MAX_RETRIES, RETRY_DELAY, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, WAIT_BUDGET, MAX_RETRY_AFTER, CIRCUIT_FAILURE_THRESHOLD,
            CIRCUIT_OPEN_TIME, UNVOUCHED_CONCURRENCY, UNVOUCHED_RATE, REPLAY, REPLAY_MAX_BODY, COOKIE_SECURE, COOKIE_SAME_SITE,
            COOKIE_PATH, COOKIE_DOMAIN, COOKIE_CHUNK_SIZE, MAX_TOKEN_SIZE, ACCESS_COOKIE_MAX_AGE, REFRESH_COOKIE_MAX_AGE, LOGIN_URL, ENDPOINTS_PATH,
            AUTHORIZATION_HEADER, EVENTS_ENDPOINT, RELAY_HOSTS, STORE_MAX_ENTRIES, REFRESH_INTERVAL, ACTIVITY_WINDOW, BACKGROUND,
            MONITOR_MAX_MEMORY, STORE, STORE_KEY));

    private Keys() {
    }

    /** Every key, in the README's order. */
    public static List<Key<?>> all() {
        return ALL;
    }

    /** The key with this name (without the prefix), or {@code null}. */
    public static Key<?> named(String name) {
        for (Key<?> key : ALL) {
            if (key.name().equals(name)) {
                return key;
            }
        }
        return null;
    }

    private static Key<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Key<>(name, Module.CORE, "`" + defaultValue + "`", defaultValue, false, description, (p, n, d) -> p.bool(n, d));
    }

    private static Key<String> string(String name, String defaultText, String defaultValue, boolean secret, String description) {
        return new Key<>(name, Module.CORE, defaultText, defaultValue, secret, description,
                secret ? (p, n, d) -> p.secret(n, d) : (p, n, d) -> p.string(n, d));
    }

    private static Key<String> cookieName(String name, String defaultValue, String description) {
        return new Key<>(name, Module.CORE, "`" + defaultValue + "`", defaultValue, false, description, (p, n, d) -> p.cookieName(n, d));
    }

    private static Key<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Key<>(name, Module.CORE, "`" + defaultValue + "`", defaultValue, false, description,
                (p, n, d) -> p.integer(n, d, min, max));
    }

    private static Key<Integer> size(String name, String defaultText, int defaultValue, int max, String description) {
        return new Key<>(name, Module.CORE, "`" + defaultText + "`", defaultValue, false, description, (p, n, d) -> p.size(n, d, max));
    }

    private static Key<Duration> duration(String name, String defaultText, Duration min, String description) {
        return duration(name, Module.CORE, defaultText, min, description);
    }

    private static Key<Duration> eeDuration(String name, String defaultText, Duration min, String description) {
        return duration(name, Module.EE, defaultText, min, description);
    }

    private static Key<Duration> duration(String name, Module module, String defaultText, Duration min, String description) {
        Duration defaultValue = ValueParser.parseDuration(defaultText);
        return new Key<>(name, module, "`" + defaultText + "`", defaultValue, false, description, (p, n, d) -> p.duration(n, d, min));
    }

    private static <E extends Enum<E>> Key<E> choice(String name, E defaultValue, Class<E> type, String alias, String description) {
        return new Key<>(name, Module.CORE, "`" + defaultValue.name().toLowerCase(java.util.Locale.ROOT) + "`", defaultValue, false,
                description, (p, n, d) -> p.choice(n, d, type, alias));
    }
}
