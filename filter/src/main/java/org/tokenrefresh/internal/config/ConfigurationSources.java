package org.tokenrefresh.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an application's settings come from: the lookup chain in order of precedence, and the names each
 * kind of source sets (what the application packaged, and what the server sets for every application), for
 * the unknown-key check.
 */
public final class ConfigurationSources {

    private final SettingsSource chain;
    private final Map<String, String> packaged;
    private final Map<String, String> serverWide;

    /**
     * @param chain the lookup, first source wins
     * @param packaged names the application packaged, each with its source's name
     * @param serverWide names set server-wide, each with its source's name
     */
    public ConfigurationSources(SettingsSource chain, Map<String, String> packaged, Map<String, String> serverWide) {
        this.chain = chain;
        this.packaged = Collections.unmodifiableMap(new LinkedHashMap<>(packaged));
        this.serverWide = Collections.unmodifiableMap(new LinkedHashMap<>(serverWide));
    }

    /** Sources with nothing to audit (tests and programmatic use). */
    public static ConfigurationSources of(SettingsSource chain) {
        return new ConfigurationSources(chain, Collections.emptyMap(), Collections.emptyMap());
    }

    public SettingsSource chain() {
        return chain;
    }

    public Map<String, String> packaged() {
        return packaged;
    }

    public Map<String, String> serverWide() {
        return serverWide;
    }
}
