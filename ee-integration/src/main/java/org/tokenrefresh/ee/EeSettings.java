package org.tokenrefresh.ee;

import java.util.ArrayList;
import java.util.List;
import org.tokenrefresh.InvalidSettingsException;
import org.tokenrefresh.TokenRefreshSettings;
import org.tokenrefresh.settings.SettingsSource;
import org.tokenrefresh.settings.ValueParser;

/**
 * The settings only this module reads, validated once like the core ones: every error is collected and
 * thrown together. A secret ({@code store-key}) is never quoted back.
 */
final class EeSettings {

    /** Where coordination state lives. */
    enum Store {
        /** The container's JCache when it has one, else in memory. */
        AUTO,
        /** The container's JCache; deployment fails without one. */
        JCACHE,
        /** In memory, this JVM only. */
        MEMORY
    }

    /** Shortest accepted {@code store-key}: 32 characters, e.g. {@code openssl rand -base64 32}. */
    static final int MIN_STORE_KEY_LENGTH = 32;

    private final Store store;
    private final String storeKey;

    private EeSettings(Store store, String storeKey) {
        this.store = store;
        this.storeKey = storeKey;
    }

    /**
     * Reads {@code tokenrefresh.store} and {@code tokenrefresh.store-key}.
     *
     * @throws InvalidSettingsException naming every bad key
     */
    static EeSettings from(SettingsSource source) {
        ValueParser p = new ValueParser(source, TokenRefreshSettings.PREFIX);
        Store store = p.choice("store", Store.AUTO, Store.class);
        String storeKey = p.raw("store-key");
        List<String> errors = new ArrayList<>(p.errors());
        if (storeKey != null && storeKey.length() < MIN_STORE_KEY_LENGTH) {
            errors.add(TokenRefreshSettings.PREFIX + "store-key (value hidden): must be at least " + MIN_STORE_KEY_LENGTH
                    + " characters, e.g. the output of 'openssl rand -base64 32'");
        }
        if (storeKey != null && store == Store.MEMORY) {
            errors.add(TokenRefreshSettings.PREFIX + "store-key is set but " + TokenRefreshSettings.PREFIX
                    + "store=memory keeps nothing outside this JVM");
        }
        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }
        return new EeSettings(store, storeKey);
    }

    /** Default value: {@code auto}. */
    Store store() {
        return store;
    }

    /** The shared secret the store's encryption key is derived from; {@code null} when unset. */
    String storeKey() {
        return storeKey;
    }
}
