package org.tokenrefresh.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.internal.config.SettingsAssertions.assertProblems;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyAuditTest {

    private static final SettingsSource BACKEND = SettingsSource.of(Map.of("tokenrefresh.backend-url", "http://127.0.0.1:1/r"));

    @Test
    void unknownKeyTheApplicationPackagedFailsWithTheClosestKnownKey() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> TokenRefreshSettings.load(
                new ConfigurationSources(BACKEND, Map.of("tokenrefresh.refresh-treshold", "filter init-param"), Map.of()), true));
        assertEquals(List.of("tokenrefresh.refresh-treshold (filter init-param): unknown key; did you mean tokenrefresh.refresh-threshold?"),
                e.problems());
    }

    @Test
    void unknownKeysAndInvalidValuesComeInOneMessage() {
        SettingsSource bad = SettingsSource.of(Map.of("tokenrefresh.backend-url", "http://127.0.0.1:1/r", "tokenrefresh.store", "disk"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> TokenRefreshSettings.load(
                new ConfigurationSources(bad, Map.of("tokenrefresh.rotaton-grace", "META-INF/microprofile-config.properties",
                        "tokenrefresh.replay-max-bdy", "context-param"), Map.of()), true));
        assertProblems(e, 3, "did you mean tokenrefresh.rotation-grace?", "did you mean tokenrefresh.replay-max-body?",
                "tokenrefresh.store=\"disk\"");
    }

    @Test
    void unknownKeysFromServerWideSourcesAreWarningsEachWithItsSuggestion() {
        TokenRefreshSettings.Loaded loaded = TokenRefreshSettings.load(new ConfigurationSources(BACKEND, Map.of(), Map.of(
                "tokenrefresh.refresh-treshold", "system property",
                "TOKENREFRESH_REFRESH_TRESHOLD", "environment variable",
                "TOKENREFRESH_BACKEND_URL", "environment variable",
                "tokenrefresh.something-else-entirely", "MicroProfile Config")), true);
        assertEquals(3, loaded.warnings.size(), loaded.warnings.toString());
        assertTrue(loaded.warnings.contains("tokenrefresh.refresh-treshold (system property): unknown key; did you mean"
                + " tokenrefresh.refresh-threshold?"), loaded.warnings.toString());
        assertTrue(loaded.warnings.contains("TOKENREFRESH_REFRESH_TRESHOLD (environment variable): unknown key; did you mean"
                + " TOKENREFRESH_REFRESH_THRESHOLD?"), loaded.warnings.toString());
        assertTrue(loaded.warnings.contains("tokenrefresh.something-else-entirely (MicroProfile Config): unknown key"),
                loaded.warnings.toString());
    }

    @Test
    void eeKeyWithoutTheEeJarIsAWarningThatItHasNoEffect() {
        TokenRefreshSettings.Loaded loaded = TokenRefreshSettings.load(new ConfigurationSources(BACKEND,
                Map.of("tokenrefresh.store", "context-param"), Map.of("TOKENREFRESH_ACTIVITY_WINDOW", "environment variable")), false);
        assertEquals(2, loaded.warnings.size(), loaded.warnings.toString());
        assertTrue(loaded.warnings.get(0).contains("is read by token-refresh-ee, which is not in this application"), loaded.warnings.toString());
        assertEquals(0, TokenRefreshSettings.load(new ConfigurationSources(BACKEND, Map.of("tokenrefresh.store", "context-param"),
                Map.of()), true).warnings.size(), "with the ee jar the key is read");
    }

    @Test
    void knownKeysInEveryFormPassAndForeignKeysAreIgnored() {
        assertEquals(Keys.REFRESH_THRESHOLD, KeyAudit.resolve("TOKENREFRESH_REFRESH_THRESHOLD"));
        assertEquals(Keys.REFRESH_THRESHOLD, KeyAudit.resolve("tokenrefresh.refresh-threshold"));
        assertEquals(null, KeyAudit.resolve("tokenrefreshing.thing"));
        assertTrue(KeyAudit.isOurs("tokenrefresh.x"));
        assertTrue(!KeyAudit.isOurs("tokenrefreshx.y") && !KeyAudit.isOurs("other.tokenrefresh.y"));
        assertEquals(0, TokenRefreshSettings.load(new ConfigurationSources(BACKEND, Map.of("tokenrefresh.backend-url", "context-param"),
                Map.of("TOKENREFRESH_BACKEND_URL", "environment variable")), true).warnings.size());
        assertEquals(1, KeyAudit.distance("treshold", "threshold"));
    }
}
