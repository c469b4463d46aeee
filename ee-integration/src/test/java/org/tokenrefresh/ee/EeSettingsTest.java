package org.tokenrefresh.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.InvalidSettingsException;
import org.tokenrefresh.settings.SettingsSource;

class EeSettingsTest {

    @Test
    void defaultsAreAutoStoreWithoutKey() {
        EeSettings settings = EeSettings.from(SettingsSource.of(Map.of()));
        assertEquals(EeSettings.Store.AUTO, settings.store());
        assertNull(settings.storeKey());
    }

    @Test
    void everyBadKeyIsReportedAtOnceAndTheSecretIsNotQuoted() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> EeSettings.from(SettingsSource.of(
                Map.of("tokenrefresh.store", "redis", "tokenrefresh.store-key", "short-secret"))));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("tokenrefresh.store=\"redis\": expected one of auto, jcache, memory"), e.getMessage());
        assertTrue(e.getMessage().contains("tokenrefresh.store-key (value hidden)"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret"));
    }

    @Test
    void storeKeyWithMemoryStoreIsAMistake() {
        assertThrows(InvalidSettingsException.class, () -> EeSettings.from(SettingsSource.of(Map.of(
                "tokenrefresh.store", "memory", "tokenrefresh.store-key", "0123456789abcdef0123456789abcdef"))));
    }
}
