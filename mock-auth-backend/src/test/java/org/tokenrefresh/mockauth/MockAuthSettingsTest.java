package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one duration parser and the settings keys, at start-up and at run time. */
class MockAuthSettingsTest {

    @Test
    void durationsInEveryAcceptedForm() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(Duration.ofSeconds(30), Durations.parse(" 30s "));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("PT10M"));
        for (String bad : new String[] {"", "soon", "10 m", "-5s", "PTX", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("not a duration"), e.getMessage());
        }
    }

    @Test
    void rateLimitsReadAndWriteTheSameForm() {
        assertEquals("5/60s", RateLimit.parse("5/1m").toString());
        assertEquals("3/1500ms", RateLimit.parse("3/1500ms").toString());
        assertTrue(RateLimit.parse("off").isOff());
        assertTrue(RateLimit.parse("0").isOff());
        assertThrows(IllegalArgumentException.class, () -> RateLimit.parse("many"));
        assertThrows(IllegalArgumentException.class, () -> RateLimit.parse("5/100ms"), "window below 1s");
    }

    @Test
    void everyRunTimeKeyIsReadAtStartAndShownBySettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("access-ttl", "2m");
        settings.put("refresh-ttl", "1d");
        settings.put("rate-limit", "5/1m");
        settings.put("user-rate-limit", "3/15m");
        settings.put("user-rate-limit-retry-after", "600");
        settings.put("access-token-size", "6000");
        settings.put("refresh-token-size", "12000");
        settings.put("rotation", "false");
        settings.put("reuse-detection", "false");

        MockAuthBackend backend = MockAuthBackend.builder().configure(settings::get).build();

        Map<String, String> expected = new LinkedHashMap<>(settings);
        expected.put("access-ttl", "120s");
        expected.put("refresh-ttl", "86400s");
        expected.put("rate-limit", "5/60s");
        expected.put("user-rate-limit", "3/900s");
        expected.put("user-rate-limit-retry-after", "600s");
        assertEquals(expected, backend.settings());
        assertEquals(backend.settings(), rebuilt(backend.settings()).settings(), "settings() reads back");
    }

    @Test
    void atRunTimeOneBadValueChangesNothingAndStartOnlyKeysAreRefused() {
        MockAuthBackend backend = MockAuthBackend.builder().build();
        Map<String, String> before = backend.settings();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.configure(
                Map.of("access-ttl", "5s", "user-rate-limit", "lots", "issuer", "other", "hmac-secret", "short",
                        "rotation", "sometimes")));

        assertTrue(e.getMessage().contains("user-rate-limit='lots'"), e.getMessage());
        assertTrue(e.getMessage().contains("rotation='sometimes': expected true or false"), e.getMessage());
        assertTrue(e.getMessage().contains("issuer: not a setting that can change at run time"), e.getMessage());
        assertTrue(e.getMessage().contains("hmac-secret: not a setting"), e.getMessage());
        assertEquals(before, backend.settings(), "all or nothing");
    }

    @Test
    void startOnlyKeysAreReadByTheBuilder() {
        MockAuthBackend backend = MockAuthBackend.builder().configure(Map.of("issuer", "https://idp.example",
                "users", "alice:pw", "client-id", "app", "client-secret", "s3cret")::get).build();

        assertEquals("https://idp.example", backend.validateAccessToken(backend.login("alice", "pw").accessToken())
                .issuer());
        assertTrue(backend.authenticateClient("app", "s3cret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MockAuthBackend.builder()
                .configure(Map.of("users", "nobody", "user-rate-limit-retry-after", "0s")::get));
        assertTrue(e.getMessage().contains("users='nobody'"), e.getMessage());
        assertTrue(e.getMessage().contains("user-rate-limit-retry-after='0s'"), e.getMessage());
    }

    private static MockAuthBackend rebuilt(Map<String, String> settings) {
        return MockAuthBackend.builder().configure(settings::get).build();
    }
}
