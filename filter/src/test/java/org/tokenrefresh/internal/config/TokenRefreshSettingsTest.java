package org.tokenrefresh.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.internal.config.SettingsAssertions.assertProblems;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenrefresh.internal.config.TokenRefreshSettings.ClientAuth;
import org.tokenrefresh.internal.config.TokenRefreshSettings.CookieSecure;
import org.tokenrefresh.internal.config.TokenRefreshSettings.Protocol;
import org.tokenrefresh.internal.config.TokenRefreshSettings.Replay;
import org.tokenrefresh.internal.config.TokenRefreshSettings.SameSite;
import org.tokenrefresh.internal.config.SettingsSource;

class TokenRefreshSettingsTest {

    private static final String BACKEND = "https://auth.example.com/api/auth/refresh";

    /** Settings with a backend URL plus the given unprefixed key/value pairs. */
    private static TokenRefreshSettings settings(String... keyValues) {
        return TokenRefreshSettings.of(withBackend(keyValues));
    }

    private static Map<String, String> withBackend(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("backend-url", BACKEND);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return values;
    }

    private static InvalidSettingsException rejected(String... keyValues) {
        return assertThrows(InvalidSettingsException.class, () -> settings(keyValues));
    }

    /** Asserts exactly one problem, which contains every given fragment. */
    private static void assertOneProblem(InvalidSettingsException e, String... fragments) {
        assertEquals(1, e.problems().size(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.problems().get(0).contains(fragment), () -> "expected '" + fragment + "' in " + e.getMessage());
        }
    }

    // ---- defaults ----

    @Test
    void defaultsAreTheDocumentedValues() {
        TokenRefreshSettings s = settings();

        assertTrue(s.enabled());
        assertEquals(URI.create(BACKEND), s.backendUrl());
        assertEquals(Protocol.JSON, s.protocol());
        assertNull(s.clientId());
        assertNull(s.clientSecret());
        assertEquals(ClientAuth.BASIC, s.clientAuth());
        assertEquals("authToken", s.accessCookie());
        assertEquals("refreshToken", s.refreshCookie());
        assertEquals("authToken-exp", s.expiryCookie());
        assertEquals(Duration.ofMinutes(10), s.refreshThreshold());
        assertEquals(Duration.ofMinutes(5), s.refreshInterval());
        assertEquals(Duration.ofMinutes(15), s.activityWindow());
        assertEquals(Duration.ofSeconds(30), s.rotationGrace());
        assertEquals(3, s.maxRetries());
        assertEquals(Duration.ofSeconds(1), s.retryDelay());
        assertEquals(Duration.ofSeconds(2), s.connectTimeout());
        assertEquals(Duration.ofSeconds(5), s.responseTimeout());
        assertEquals(Replay.IDEMPOTENT, s.replay());
        assertEquals(64 * 1024, s.replayMaxBody());
        assertEquals(CookieSecure.AUTO, s.cookieSecure());
        assertEquals(SameSite.LAX, s.cookieSameSite());
        assertEquals("Lax", s.cookieSameSite().attribute());
        assertEquals("/", s.cookiePath());
        assertNull(s.cookieDomain());
        assertEquals(Duration.ofDays(7), s.accessCookieMaxAge());
        assertEquals(Duration.ofDays(30), s.refreshCookieMaxAge());
        assertNull(s.loginUrl());
        assertEquals("/api/auth", s.endpointsPath());
        assertEquals(Duration.ofHours(1), s.reuseGuard());
        assertEquals(Duration.ofSeconds(5), s.waitBudget(), "the response timeout");
        assertEquals(Duration.ofMinutes(2), s.maxRetryAfter());
        assertEquals(5, s.circuitFailureThreshold());
        assertEquals(Duration.ofSeconds(30), s.circuitOpenTime());
        assertEquals(8, s.unvouchedConcurrency());
        assertEquals(50, s.unvouchedRate());
        assertEquals(100_000, s.storeMaxEntries());
        assertFalse(s.endpointsPathSet());
        assertEquals(List.of(), s.relayHosts());
        assertEquals(16 * 1024 * 1024, s.monitorMaxMemory());
        assertEquals(TokenRefreshSettings.Store.AUTO, s.store());
        assertNull(s.storeKey());
        assertTrue(s.background());
        assertFalse(s.authorizationHeader());
    }

    @Test
    void everyRegisteredDefaultTextIsTheValueAnUnsetKeyGets() {
        // the README shows each key's default text: written out by an administrator, it must change nothing
        for (Key<?> key : Keys.all()) {
            String text = key.defaultText().replace("`", "");
            if (text.equals("unset") || text.startsWith("(") || text.startsWith("<") || key == Keys.WAIT_BUDGET) {
                continue;
            }
            ValueParser unset = new ValueParser(SettingsSource.of(Map.of()), Keys.PREFIX);
            ValueParser written = new ValueParser(SettingsSource.of(Map.of(key.fullName(), text)), Keys.PREFIX);
            assertEquals(key.read(unset), key.read(written), key.fullName());
            assertEquals(List.of(), written.errors(), key.fullName());
        }
    }

    @Test
    void reuseGuardDefaultOutlivesRotationGrace() {
        TokenRefreshSettings s = settings();

        assertTrue(s.reuseGuard().compareTo(s.rotationGrace()) >= 0);
    }

    // ---- parsing every key ----

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "7d, PT168H", "PT10M, PT10M",
            "pt10m, PT10M", "P1D, PT24H", "' 45s ', PT45S", "10 m, PT10M", "10M, PT10M", "0s, PT0S"})
    void durationsAcceptShortFormsAndIso8601(String text, String expected) {
        assertEquals(Duration.parse(expected), settings("refresh-threshold", text).refreshThreshold());
    }

    @Test
    void everyDurationKeyIsParsed() {
        TokenRefreshSettings s = settings("refresh-threshold", "1m", "refresh-interval", "2m", "activity-window", "3m",
                "rotation-grace", "4s", "reuse-guard", "5h", "retry-delay", "600ms", "connect-timeout", "700ms",
                "response-timeout", "8s", "circuit-open-time", "9s", "access-cookie-max-age", "10d",
                "refresh-cookie-max-age", "PT11H");

        assertEquals(Duration.ofMinutes(1), s.refreshThreshold());
        assertEquals(Duration.ofMinutes(2), s.refreshInterval());
        assertEquals(Duration.ofMinutes(3), s.activityWindow());
        assertEquals(Duration.ofSeconds(4), s.rotationGrace());
        assertEquals(Duration.ofHours(5), s.reuseGuard());
        assertEquals(Duration.ofMillis(600), s.retryDelay());
        assertEquals(Duration.ofMillis(700), s.connectTimeout());
        assertEquals(Duration.ofSeconds(8), s.responseTimeout());
        assertEquals(Duration.ofSeconds(9), s.circuitOpenTime());
        assertEquals(Duration.ofDays(10), s.accessCookieMaxAge());
        assertEquals(Duration.ofHours(11), s.refreshCookieMaxAge());
    }

    @ParameterizedTest
    @CsvSource({"65536, 65536", "64KiB, 65536", "64kib, 65536", "64KB, 65536", "1MiB, 1048576", "1mb, 1048576",
            "0, 0", "512b, 512", "16MiB, 16777216"})
    void sizesAcceptBytesAndBinaryUnits(String text, int expected) {
        assertEquals(expected, settings("replay-max-body", text).replayMaxBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"17MiB", "16777217", "99999999999999999999", "64 gigabytes", "-1", "1.5KiB"})
    void sizesBeyondTheLimitOrUnreadableAreRejected(String text) {
        assertOneProblem(rejected("replay-max-body", text), "tokenrefresh.replay-max-body=\"" + text + "\"");
    }

    @Test
    void enumsAreCaseInsensitive() {
        TokenRefreshSettings s = settings("protocol", "OAuth2", "client-id", "app", "client-secret", "s3cret",
                "client-auth", "POST", "replay", "All", "cookie-secure", "TRUE", "cookie-same-site", "strict");

        assertEquals(Protocol.OAUTH2, s.protocol());
        assertEquals(ClientAuth.POST, s.clientAuth());
        assertEquals(Replay.ALL, s.replay());
        assertEquals(CookieSecure.TRUE, s.cookieSecure());
        assertEquals(SameSite.STRICT, s.cookieSameSite());
        assertEquals("Strict", s.cookieSameSite().attribute());
    }

    @Test
    void unknownEnumValueListsTheAllowedValuesInConfigurationSpelling() {
        InvalidSettingsException e = rejected("replay", "sometimes");

        assertOneProblem(e, "tokenrefresh.replay=\"sometimes\"", "none, idempotent, all");
    }

    @Test
    void otherKeysAreParsed() {
        TokenRefreshSettings s = settings("enabled", "TRUE", "access-cookie", "at", "refresh-cookie", "rt",
                "expiry-cookie", "at_exp", "max-retries", "0", "circuit-failure-threshold", "2", "cookie-path", "/app",
                "cookie-domain", ".example.com", "login-url", "/login", "endpoints-path", "/session",
                "authorization-header", "true", "background", "False", "store-max-entries", "500");

        assertTrue(s.enabled());
        assertEquals("at", s.accessCookie());
        assertEquals("rt", s.refreshCookie());
        assertEquals("at_exp", s.expiryCookie());
        assertEquals(0, s.maxRetries());
        assertEquals(2, s.circuitFailureThreshold());
        assertEquals("/app", s.cookiePath());
        assertEquals(".example.com", s.cookieDomain());
        assertEquals("/login", s.loginUrl());
        assertEquals("/session", s.endpointsPath());
        assertTrue(s.authorizationHeader());
        assertFalse(s.background());
        assertEquals(500, s.storeMaxEntries());
    }

    @Test
    void expiryCookieFollowsARenamedAccessCookie() {
        assertEquals("at-exp", settings("access-cookie", "at").expiryCookie());
    }

    @Test
    void valuesAreTrimmed() {
        TokenRefreshSettings s = settings("refresh-threshold", "  2m\t", "protocol", " json ", "max-retries", " 5 ");

        assertEquals(Duration.ofMinutes(2), s.refreshThreshold());
        assertEquals(Protocol.JSON, s.protocol());
        assertEquals(5, s.maxRetries());
    }

    @Test
    void blankValueMeansTheDefault() {
        assertEquals(Duration.ofMinutes(10), settings("refresh-threshold", "   ").refreshThreshold());
    }

    // ---- errors ----

    @Test
    void everyBadKeyIsReportedAtOnceWithItsQuotedValue() {
        InvalidSettingsException e = rejected("refresh-threshold", "ten minutes", "max-retries", "many", "protocol", "soap");

        assertProblems(e, 3, "tokenrefresh.refresh-threshold=\"ten minutes\"", "tokenrefresh.max-retries=\"many\"",
                "tokenrefresh.protocol=\"soap\"", "3 problems");
    }

    @Test
    void badValuesAndMissingBackendUrlAreReportedTogether() {
        Map<String, String> values = Map.of("cookie-same-site", "sideways", "connect-timeout", "soon");

        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> TokenRefreshSettings.of(values));

        assertProblems(e, 3, "tokenrefresh.cookie-same-site=\"sideways\"", "tokenrefresh.connect-timeout=\"soon\"",
                "tokenrefresh.backend-url");
    }

    @Test
    void problemsCannotBeModified() {
        InvalidSettingsException e = rejected("max-retries", "x");

        assertThrows(UnsupportedOperationException.class, () -> e.problems().add("more"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "-1", "three", "2.5", "99999999999"})
    void maxRetriesOutsideZeroToTenIsRejected(String value) {
        assertOneProblem(rejected("max-retries", value), "tokenrefresh.max-retries=\"" + value + "\"", "0 to 10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void booleansMustBeTrueOrFalse(String value) {
        assertOneProblem(rejected("enabled", value), "tokenrefresh.enabled=\"" + value + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten minutes", "10", "-5s", "PT-1M", "5 minutes", "1w", "P", "10mins", "99999999999999999999d"})
    void unreadableOrNegativeDurationsAreRejected(String value) {
        assertOneProblem(rejected("refresh-threshold", value), "tokenrefresh.refresh-threshold=\"" + value + "\"");
    }

    @Test
    void durationsBelowTheirMinimumAreRejected() {
        InvalidSettingsException e = rejected("connect-timeout", "0ms", "refresh-interval", "500ms");

        assertProblems(e, 2, "tokenrefresh.connect-timeout=\"0ms\": must be at least 1ms",
                "tokenrefresh.refresh-interval=\"500ms\": must be at least 1s");
    }

    @Test
    void backendUrlIsRequired() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> TokenRefreshSettings.of(Map.of()));

        assertOneProblem(e, "tokenrefresh.backend-url", "required");
    }

    @Test
    void backendUrlIsNotRequiredWhenDisabled() {
        TokenRefreshSettings s = TokenRefreshSettings.of(Map.of("enabled", "false"));

        assertFalse(s.enabled());
        assertNull(s.backendUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://auth.example.com/refresh", "/api/auth/refresh", "auth.example.com", "http://",
            "https://exa mple.com/x", "javascript:alert(1)"})
    void backendUrlMustBeAnAbsoluteHttpUrl(String url) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> TokenRefreshSettings.of(Map.of("backend-url", url)));

        assertOneProblem(e, "tokenrefresh.backend-url=\"" + url + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8081/api/auth/refresh", "HTTPS://Auth.Example.com/oauth2/token"})
    void httpAndHttpsBackendUrlsAreAccepted(String url) {
        assertEquals(URI.create(url), TokenRefreshSettings.of(Map.of("backend-url", url)).backendUrl());
    }

    @Test
    void oauth2RequiresAClientId() {
        assertOneProblem(rejected("protocol", "oauth2"), "tokenrefresh.client-id", "required");
    }

    @Test
    void oauth2WithBasicClientAuthRequiresAClientSecret() {
        assertOneProblem(rejected("protocol", "oauth2", "client-id", "app"), "tokenrefresh.client-secret", "required");
    }

    @Test
    void oauth2PublicClientWithPostAuthNeedsNoSecret() {
        TokenRefreshSettings s = settings("protocol", "oauth2", "client-id", "app", "client-auth", "post");

        assertEquals("app", s.clientId());
        assertNull(s.clientSecret());
    }

    @Test
    void sameSiteNoneWithoutSecureIsRejected() {
        assertOneProblem(rejected("cookie-same-site", "None", "cookie-secure", "false"),
                "tokenrefresh.cookie-same-site=\"None\"", "cookie-secure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "true"})
    void sameSiteNoneWithSecureIsAccepted(String secure) {
        assertEquals(SameSite.NONE, settings("cookie-same-site", "none", "cookie-secure", secure).cookieSameSite());
    }

    @Test
    void hostPrefixedCookieNameWithACookieDomainIsRejected() {
        assertOneProblem(rejected("refresh-cookie", "__Host-refreshToken", "cookie-domain", "example.com"),
                "__Host-refreshToken", "cookie-domain");
    }

    @Test
    void hostPrefixedCookieNameWithAPathOtherThanRootIsRejected() {
        assertOneProblem(rejected("refresh-cookie", "__Host-refreshToken", "cookie-path", "/app"), "__Host-refreshToken");
    }

    @Test
    void hostPrefixedCookieNameWithoutSecureIsRejected() {
        InvalidSettingsException e = rejected("access-cookie", "__Host-authToken", "cookie-secure", "false");

        // the derived expiry cookie __Host-authToken-exp carries the prefix too
        assertFalse(e.problems().isEmpty());
        assertTrue(e.getMessage().contains("__Host-authToken"), e.getMessage());
    }

    @Test
    void hostPrefixedCookieNamesWithHostOnlyRootCookiesAreAccepted() {
        TokenRefreshSettings s = settings("access-cookie", "__Host-authToken", "refresh-cookie", "__Host-refreshToken");

        assertEquals("__Host-authToken", s.accessCookie());
        assertEquals("__Host-refreshToken", s.refreshCookie());
        assertEquals("__Host-authToken-exp", s.expiryCookie());
    }

    @Test
    void securePrefixedCookieNameWithoutSecureIsRejected() {
        assertOneProblem(rejected("refresh-cookie", "__Secure-refreshToken", "cookie-secure", "false"),
                "__Secure-refreshToken");
    }

    @Test
    void accessAndRefreshCookieMustDiffer() {
        assertOneProblem(rejected("access-cookie", "token", "refresh-cookie", "token"), "tokenrefresh.access-cookie=\"token\"");
    }

    @Test
    void aCookieNamedLikeAChunkOfTheOtherTokenIsRejected() {
        assertOneProblem(rejected("refresh-cookie", "authToken-2"), "\"authToken-2\" is the name of a chunk of cookie \"authToken\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth token", "auth;token", "auth=token", "auth,token", "t\u00f6ken", "(token)"})
    void cookieNamesMustBeRfc6265Tokens(String name) {
        assertOneProblem(rejected("refresh-cookie", name), "tokenrefresh.refresh-cookie=\"" + name + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "/app;evil", "/a,b"})
    void cookiePathMustBeAnAbsolutePathWithoutSeparators(String path) {
        assertOneProblem(rejected("cookie-path", path), "tokenrefresh.cookie-path=\"" + path + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "-bad.example.com", "example..com", "example.com;", "http://example.com"})
    void cookieDomainMustBeADomainName(String domain) {
        assertOneProblem(rejected("cookie-domain", domain), "tokenrefresh.cookie-domain=\"" + domain + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "//evil.example/login", "javascript:alert(1)", "/\\evil.example",
            "data:text/html,x", "https:evil.example", "http://", "login", "/login\r\nSet-Cookie: x=1"})
    void unsafeLoginUrlsAreRejected(String url) {
        InvalidSettingsException e = rejected("login-url", url);

        assertOneProblem(e, "tokenrefresh.login-url=\"" + url + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/login?next=%2Fhome", "https://idp.example.com/login", "http://localhost:8080/login"})
    void pathAndAbsoluteHttpLoginUrlsAreAccepted(String url) {
        assertEquals(url, settings("login-url", url).loginUrl());
    }

    @Test
    void emptyEndpointsPathDisablesTheEndpoints() {
        assertEquals("", settings("endpoints-path", "").endpointsPath());
        assertEquals("", settings("endpoints-path", "  ").endpointsPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/auth", "/api/auth/", "/", "/api;auth"})
    void endpointsPathMustStartButNotEndWithSlash(String path) {
        assertOneProblem(rejected("endpoints-path", path), "tokenrefresh.endpoints-path=\"" + path + "\"");
    }

    @Test
    void reuseGuardShorterThanRotationGraceIsRejected() {
        assertOneProblem(rejected("reuse-guard", "10s", "rotation-grace", "30s"),
                "tokenrefresh.reuse-guard=\"10s\"", "rotation-grace (30s)");
    }

    @Test
    void reuseGuardEqualToRotationGraceIsAccepted() {
        TokenRefreshSettings s = settings("reuse-guard", "2m", "rotation-grace", "120s");

        assertEquals(s.rotationGrace(), s.reuseGuard());
    }

    @Test
    void combinationChecksAreSkippedWhenDisabled() {
        TokenRefreshSettings s = TokenRefreshSettings.of(Map.of("enabled", "false", "protocol", "oauth2",
                "cookie-same-site", "none", "cookie-secure", "false"));

        assertFalse(s.enabled());
    }

    @Test
    void badValuesAreReportedEvenWhenDisabled() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> TokenRefreshSettings.of(Map.of("enabled", "false", "refresh-threshold", "soon")));

        assertOneProblem(e, "tokenrefresh.refresh-threshold=\"soon\"");
    }

    // ---- sources and derived values ----

    @Test
    void fromReadsPrefixedKeysOfAnySource() {
        TokenRefreshSettings s = TokenRefreshSettings.from(SettingsSource.of(Map.of(
                "tokenrefresh.backend-url", BACKEND, "tokenrefresh.refresh-threshold", "3m", "refresh-interval", "1h")));

        assertEquals(URI.create(BACKEND), s.backendUrl());
        assertEquals(Duration.ofMinutes(3), s.refreshThreshold());
        assertEquals(Duration.ofMinutes(5), s.refreshInterval(), "an unprefixed key is not a setting");
    }

    @Test
    void environmentVariablesConfigureTheLibrary() {
        TokenRefreshSettings s = TokenRefreshSettings.from(SettingsSource.environment(Map.of(
                "TOKENREFRESH_BACKEND_URL", BACKEND, "TOKENREFRESH_REFRESH_THRESHOLD", "2m",
                "TOKENREFRESH_COOKIE_SAME_SITE", "strict")));

        assertEquals(URI.create(BACKEND), s.backendUrl());
        assertEquals(Duration.ofMinutes(2), s.refreshThreshold());
        assertEquals(SameSite.STRICT, s.cookieSameSite());
    }

    @Test
    void earlierSourceWinsOverLaterOnes() {
        SettingsSource system = SettingsSource.of(Map.of("tokenrefresh.refresh-threshold", "1m"));
        SettingsSource env = SettingsSource.environment(Map.of("TOKENREFRESH_REFRESH_THRESHOLD", "2m",
                "TOKENREFRESH_BACKEND_URL", BACKEND));

        TokenRefreshSettings s = TokenRefreshSettings.from(SettingsSource.firstOf(null, system, env));

        assertEquals(Duration.ofMinutes(1), s.refreshThreshold());
        assertEquals(URI.create(BACKEND), s.backendUrl());
    }

    @Test
    void lockTimeoutOfTheDefaultsIsTheWaitBudgetPlusOneCallAndAMargin() {
        // 5s wait budget + (2s connect + 5s response) for a call that starts at its very end + 1s
        assertEquals(Duration.ofSeconds(13), settings().lockTimeout());
    }

    @ParameterizedTest
    @CsvSource({"1s, 2s, 500ms, PT4.5S", "1s, 2s, 0s, PT4S", "100ms, 300ms, 10s, PT11.4S"})
    void lockTimeoutCoversTheWaitBudgetAndTheLastCall(String connect, String response, String budget, String expected) {
        TokenRefreshSettings s = settings("connect-timeout", connect, "response-timeout", response, "wait-budget", budget);

        assertEquals(Duration.parse(expected), s.lockTimeout());
    }

    @Test
    void waitBudgetDefaultsToTheResponseTimeout() {
        assertEquals(Duration.ofMillis(1500), settings("response-timeout", "1500ms").waitBudget());
        assertEquals(Duration.ofSeconds(2), settings("response-timeout", "1500ms", "wait-budget", "2s").waitBudget());
    }

    @Test
    void toStringNeverShowsTheClientSecret() {
        TokenRefreshSettings s = settings("protocol", "oauth2", "client-id", "app", "client-secret", "s3cret-value");

        assertFalse(s.toString().contains("s3cret-value"), s.toString());
        assertTrue(s.toString().contains("oauth2"), s.toString());
    }

    @Test
    void errorsAreListedOnePerLine() {
        InvalidSettingsException e = rejected("max-retries", "x", "replay", "y");

        List<String> lines = e.getMessage().lines().skip(1).toList();
        assertEquals(2, lines.size(), e.getMessage());
        assertTrue(lines.get(0).startsWith("  - tokenrefresh."), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void clientAuthAcceptsTheRfcNames() {
        java.util.Map<String, String> base = new java.util.HashMap<>(java.util.Map.of("backend-url", "http://127.0.0.1:1/t",
                "protocol", "oauth2", "client-id", "c", "client-secret", "s"));
        base.put("client-auth", "client_secret_post");
        org.junit.jupiter.api.Assertions.assertEquals(TokenRefreshSettings.ClientAuth.POST, TokenRefreshSettings.of(base).clientAuth());
        base.put("client-auth", "client-secret-basic");
        org.junit.jupiter.api.Assertions.assertEquals(TokenRefreshSettings.ClientAuth.BASIC, TokenRefreshSettings.of(base).clientAuth());
    }
}
