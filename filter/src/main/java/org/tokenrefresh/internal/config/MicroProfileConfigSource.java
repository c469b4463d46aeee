package org.tokenrefresh.internal.config;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads settings through MicroProfile Config. This class is only loaded after checking that the API is
 * visible, so the filter runs on containers without MicroProfile (Tomcat, Jetty).
 */
final class MicroProfileConfigSource implements SettingsSource {

    private static final Logger LOG = Logger.getLogger(MicroProfileConfigSource.class.getName());
    private static final String PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";

    private final Config config;

    private MicroProfileConfigSource(Config config) {
        this.config = config;
    }

    static SettingsSource createIfAvailable(ClassLoader loader) {
        try {
            Class.forName(PROVIDER, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        try {
            return new MicroProfileConfigSource(ConfigProvider.getConfig(loader));
        } catch (RuntimeException | LinkageError noImplementation) {
            // The API is present without an implementation behind it.
            LOG.log(Level.FINE, "MicroProfile Config API present but unusable", noImplementation);
            return null;
        }
    }

    static Iterable<String> namesIfAvailable(ClassLoader loader) {
        MicroProfileConfigSource source = (MicroProfileConfigSource) createIfAvailable(loader);
        if (source == null) {
            return java.util.Collections.emptyList();
        }
        try {
            return source.config.getPropertyNames();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "MicroProfile Config could not list its property names", e);
            return java.util.Collections.emptyList();
        }
    }

    @Override
    public String get(String key) {
        return config.getOptionalValue(key, String.class).orElse(null);
    }

    @Override
    public String name() {
        return "MicroProfile Config";
    }
}
