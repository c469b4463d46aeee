package org.tokenrefresh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.mockauth.MockAuthBackend;

/** Settings in code become the mock's keys and the library's keys, and bad values fail early, every one named. */
class MockAuthSettingsTest {

    @Test
    void everySettingReachesTheMock() {
        MockAuthSettings settings = MockAuthSettings.defaults().accessTokenLifetime(Duration.ofSeconds(10))
                .refreshTokenLifetime(Duration.ofHours(2)).rotation(false).reuseDetection(false)
                .rateLimit(5, Duration.ofMinutes(1)).userRateLimit(3, Duration.ofMinutes(15), Duration.ofMinutes(10));

        MockAuthBackend backend = settings.newBackend();

        Map<String, String> expected = new LinkedHashMap<>(backend.settings());
        expected.putAll(Map.of("access-ttl", "10s", "refresh-ttl", "7200s", "rotation", "false", "reuse-detection", "false",
                "rate-limit", "5/60s", "user-rate-limit", "3/900s", "user-rate-limit-retry-after", "600s"));
        assertEquals(expected, backend.settings());
    }

    @Test
    void usersSigningKeyAndIssuerAreTheMocks() {
        MockAuthSettings settings = MockAuthSettings.defaults().users(Map.of("alice", "a"))
                .hmacSecret("an-application-signing-key-of-32-bytes!").issuer("https://idp.example");

        MockAuthBackend backend = settings.newBackend();

        assertEquals("https://idp.example", backend.validateAccessToken(backend.login("alice", "a").accessToken()).issuer());
        assertThrows(RuntimeException.class, () -> backend.login("demo", "demo"), "the default user is replaced");
        assertFalse(settings.toString().contains("an-application-signing-key"), settings.toString());
        assertFalse(settings.toString().contains("alice:a"), settings.toString());
    }

    @Test
    void theLibraryIsPointedAtTheMockInItsProtocol() {
        assertEquals(Map.of("tokenrefresh.backend-url", "http://127.0.0.1:1/a/api/auth/refresh"),
                MockAuthSettings.defaults().libraryKeys("http://127.0.0.1:1/a"));
        assertEquals(Map.of("tokenrefresh.protocol", "oauth2", "tokenrefresh.backend-url", "http://127.0.0.1:1/a/oauth2/token",
                "tokenrefresh.client-id", "demo-client", "tokenrefresh.client-secret", "demo-secret"),
                MockAuthSettings.defaults().protocol(MockAuthSettings.Protocol.OAUTH2).libraryKeys("http://127.0.0.1:1/a"));
        assertEquals("app", MockAuthSettings.defaults().protocol(MockAuthSettings.Protocol.OAUTH2).client("app", "s")
                .libraryKeys("http://x").get("tokenrefresh.client-id"));
    }

    @Test
    void badValuesAreReportedTogetherWhenTheMockIsBuilt() {
        MockAuthSettings bad = MockAuthSettings.defaults().accessTokenLifetime(Duration.ofMillis(500))
                .rateLimit(5, Duration.ZERO).hmacSecret("short");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::newBackend);

        assertTrue(e.getMessage().contains("access-ttl='500ms'"), e.getMessage());
        assertTrue(e.getMessage().contains("rate-limit='5/0s'"), e.getMessage());
        assertTrue(e.getMessage().contains("hmac-secret=(hidden)"), e.getMessage());
    }

    @Test
    void settingsAreImmutable() {
        MockAuthSettings defaults = MockAuthSettings.defaults();
        MockAuthSettings changed = defaults.accessTokenLifetime(Duration.ofSeconds(5)).protocol(MockAuthSettings.Protocol.OAUTH2);

        assertEquals(Map.of(), defaults.mockKeys());
        assertEquals(MockAuthSettings.Protocol.JSON, defaults.protocol());
        assertEquals(Map.of("access-ttl", "5s"), changed.mockKeys());
        assertEquals(MockAuthSettings.Protocol.OAUTH2, changed.protocol());
    }
}
