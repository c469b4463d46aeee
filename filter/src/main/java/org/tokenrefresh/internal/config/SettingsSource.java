package org.tokenrefresh.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a setting's raw text comes from. Keys are full names, such as {@code tokenrefresh.backend-url}.
 * Sources are chained: the first one that knows a key wins.
 */
@FunctionalInterface
public interface SettingsSource {

    /** Returns the raw value for a full key, or {@code null} when this source does not set it. */
    String get(String key);

    /** A short name for error messages. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** This source, then {@code next} for keys this one does not set. */
    default SettingsSource orElse(SettingsSource next) {
        SettingsSource first = this;
        return new SettingsSource() {
            @Override
            public String get(String key) {
                String value = first.get(key);
                return value != null ? value : next.get(key);
            }

            @Override
            public String name() {
                return first.name() + ", " + next.name();
            }
        };
    }

    /** A source over a map, for tests and programmatic use. */
    static SettingsSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return named("map", copy::get);
    }

    /** A named source over a lookup function. */
    static SettingsSource named(String name, Function<String, String> lookup) {
        Objects.requireNonNull(lookup);
        return new SettingsSource() {
            @Override
            public String get(String key) {
                return lookup.apply(key);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** Java system properties. */
    static SettingsSource systemProperties() {
        return named("system properties", System::getProperty);
    }

    /**
     * Environment variables with MicroProfile Config's mapping: the exact key, then every non-alphanumeric
     * character replaced by {@code _}, then that upper-cased ({@code TOKENREFRESH_BACKEND_URL}).
     */
    static SettingsSource environment() {
        return environment(System.getenv());
    }

    /** Environment mapping over a given variable map (for tests). */
    static SettingsSource environment(Map<String, String> env) {
        return named("environment variables", key -> {
            String value = env.get(key);
            if (value != null) {
                return value;
            }
            String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
            value = env.get(sanitized);
            return value != null ? value : env.get(sanitized.toUpperCase(Locale.ROOT));
        });
    }

    /**
     * MicroProfile Config when an implementation is on the class path, else {@code null}. MicroProfile
     * Config itself already includes system properties and environment variables.
     */
    static SettingsSource microProfileConfig(ClassLoader loader) {
        return MicroProfileConfigSource.createIfAvailable(loader);
    }

    /** Every property name MicroProfile Config knows (empty without it), for the unknown-key check. */
    static Iterable<String> microProfileConfigNames(ClassLoader loader) {
        return MicroProfileConfigSource.namesIfAvailable(loader);
    }

    /** Chains the non-null sources in order of precedence. */
    static SettingsSource firstOf(SettingsSource... sources) {
        List<SettingsSource> present = new ArrayList<>();
        for (SettingsSource source : Arrays.asList(sources)) {
            if (source != null) {
                present.add(source);
            }
        }
        SettingsSource chained = named("defaults", key -> null);
        for (int i = present.size() - 1; i >= 0; i--) {
            chained = present.get(i).orElse(chained);
        }
        return chained;
    }
}
