package org.tokenrefresh.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSourceTest {

    private static final String KEY = "tokenrefresh.backend-url";

    @Test
    void firstSourceThatSetsAKeyWins() {
        SettingsSource first = SettingsSource.of(Map.of(KEY, "http://first"));
        SettingsSource second = SettingsSource.of(Map.of(KEY, "http://second", "tokenrefresh.protocol", "oauth2"));

        SettingsSource chained = SettingsSource.firstOf(first, second);

        assertEquals("http://first", chained.get(KEY));
        assertEquals("oauth2", chained.get("tokenrefresh.protocol"));
        assertNull(chained.get("tokenrefresh.replay"));
    }

    @Test
    void firstOfSkipsAbsentSources() {
        SettingsSource only = SettingsSource.named("init-params", Map.of(KEY, "http://x")::get);

        SettingsSource chained = SettingsSource.firstOf(null, only, null);

        assertEquals("http://x", chained.get(KEY));
        assertEquals("init-params, defaults", chained.name());
    }

    @Test
    void firstOfNothingKnowsNoKey() {
        SettingsSource chained = SettingsSource.firstOf();

        assertNull(chained.get(KEY));
        assertEquals("defaults", chained.name());
    }

    @Test
    void chainNameListsSourcesInPrecedenceOrder() {
        SettingsSource chained = SettingsSource.firstOf(SettingsSource.systemProperties(),
                SettingsSource.environment(Map.of()), SettingsSource.named("filter init-params", key -> null));

        assertEquals("system properties, environment variables, filter init-params, defaults", chained.name());
    }

    @Test
    void anEmptyValueStillCountsAsSet() {
        // an explicitly empty value (endpoints-path=) must not fall through to a later source
        SettingsSource chained = SettingsSource.firstOf(SettingsSource.of(Map.of("tokenrefresh.endpoints-path", "")),
                SettingsSource.of(Map.of("tokenrefresh.endpoints-path", "/api/auth")));

        assertEquals("", chained.get("tokenrefresh.endpoints-path"));
    }

    @Test
    void orElseAsksTheNextSourceOnlyForUnsetKeys() {
        Map<String, Integer> asked = new HashMap<>();
        SettingsSource next = SettingsSource.named("next", key -> {
            asked.merge(key, 1, Integer::sum);
            return "from-next";
        });

        SettingsSource chained = SettingsSource.of(Map.of(KEY, "from-first")).orElse(next);

        assertEquals("from-first", chained.get(KEY));
        assertEquals("from-next", chained.get("tokenrefresh.protocol"));
        assertEquals(Map.of("tokenrefresh.protocol", 1), asked);
    }

    @Test
    void mapSourceIsACopy() {
        Map<String, String> values = new HashMap<>(Map.of(KEY, "http://before"));
        SettingsSource source = SettingsSource.of(values);

        values.put(KEY, "http://after");

        assertEquals("http://before", source.get(KEY));
    }

    @Test
    void environmentMapsKeysToUpperCaseWithUnderscores() {
        SettingsSource env = SettingsSource.environment(Map.of("TOKENREFRESH_BACKEND_URL", "http://env",
                "TOKENREFRESH_ACCESS_COOKIE_MAX_AGE", "1d"));

        assertEquals("http://env", env.get(KEY));
        assertEquals("1d", env.get("tokenrefresh.access-cookie-max-age"));
        assertNull(env.get("tokenrefresh.protocol"));
    }

    @Test
    void environmentPrefersTheExactKeyThenTheSanitizedKeyThenUpperCase() {
        Map<String, String> all = Map.of(KEY, "exact", "tokenrefresh_backend_url", "sanitized",
                "TOKENREFRESH_BACKEND_URL", "upper");
        Map<String, String> noExact = Map.of("tokenrefresh_backend_url", "sanitized", "TOKENREFRESH_BACKEND_URL", "upper");

        assertEquals("exact", SettingsSource.environment(all).get(KEY));
        assertEquals("sanitized", SettingsSource.environment(noExact).get(KEY));
        assertEquals("upper", SettingsSource.environment(Map.of("TOKENREFRESH_BACKEND_URL", "upper")).get(KEY));
    }

    @Test
    void environmentDoesNotMatchOtherSpellings() {
        SettingsSource env = SettingsSource.environment(Map.of("TOKENREFRESH-BACKEND-URL", "dashes",
                "TokenRefresh_Backend_Url", "mixed"));

        assertNull(env.get(KEY));
    }

    @Test
    void systemPropertiesAreRead() {
        String key = "tokenrefresh.test-only-" + System.nanoTime();
        System.setProperty(key, "from-system");
        try {
            assertEquals("from-system", SettingsSource.systemProperties().get(key));
        } finally {
            System.clearProperty(key);
        }
        assertNull(SettingsSource.systemProperties().get(key));
    }

    @Test
    void microProfileConfigIsAbsentWhenTheApiIsNotVisible() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[0], null)) {
            assertNull(SettingsSource.microProfileConfig(isolated));
        }
    }

    @Test
    void microProfileConfigIsAbsentWhenNoImplementationIsPresent() {
        // the API jar is on the test class path, but no implementation is
        assertNull(SettingsSource.microProfileConfig(getClass().getClassLoader()));
    }

    @Test
    void parseDurationRejectsNegativeIsoDurations() {
        assertNull(ValueParser.parseDuration("PT-5S"));
        assertNull(ValueParser.parseDuration("-PT5S"));
        assertEquals(java.time.Duration.ofSeconds(5), ValueParser.parseDuration("PT5S"));
    }

    @Test
    void formatWritesDurationsTheWayTheyAreConfigured() {
        assertEquals("500ms", ValueParser.format(java.time.Duration.ofMillis(500)));
        assertEquals("30s", ValueParser.format(java.time.Duration.ofSeconds(30)));
        assertEquals("90s", ValueParser.format(java.time.Duration.ofSeconds(90)));
        assertEquals("10m", ValueParser.format(java.time.Duration.ofMinutes(10)));
        assertEquals("2h", ValueParser.format(java.time.Duration.ofHours(2)));
        assertEquals("7d", ValueParser.format(java.time.Duration.ofDays(7)));
        assertEquals("0s", ValueParser.format(java.time.Duration.ZERO));
    }
}
