package org.tokenrefresh.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.tokenrefresh.testing.internal.MockAuthInitializer;

/**
 * The settings a test WAR carries, in one jar of its {@code WEB-INF/lib}: the library's {@code tokenrefresh.*} keys and
 * any of the application's as a {@code META-INF/microprofile-config.properties} whose {@code config_ordinal} beats the
 * application's own file (100) but not the administrator's system properties (400) and environment (300); and, for a
 * mock inside the WAR, its initializer and settings. A server without MicroProfile Config gets the same keys as
 * context parameters ({@link TomcatServer}).
 */
final class WarConfig {

    static final String JAR_NAME = "token-refresh-testing-config.jar";
    static final String MICROPROFILE_CONFIG = "META-INF/microprofile-config.properties";
    static final String ORDINAL_KEY = "config_ordinal";
    static final int ORDINAL = 150;
    /**
     * The server's own HTTP port in a value, as Payara's MicroProfile Config resolves it at deployment; {@link TomcatServer}
     * puts in its port.
     */
    static final String SERVER_PORT = "${payara.instance.http.port}";

    private WarConfig() {
    }

    /** The jar; {@code mockPath} and {@code mock} are null without a mock in the WAR. */
    static JavaArchive jar(Map<String, String> config, String mockPath, MockAuthSettings mock) {
        Map<String, String> microProfile = new LinkedHashMap<>();
        microProfile.put(ORDINAL_KEY, String.valueOf(ORDINAL));
        microProfile.putAll(config);
        JavaArchive jar = ShrinkWrap.create(JavaArchive.class, JAR_NAME)
                .addAsResource(new StringAsset(properties(microProfile)), MICROPROFILE_CONFIG);
        if (mockPath != null) {
            Map<String, String> settings = new LinkedHashMap<>(mock.mockKeys());
            settings.put(MockAuthInitializer.PATH, mockPath);
            jar.addClass(MockAuthInitializer.class)
                    .addAsResource(new StringAsset(properties(settings)), MockAuthInitializer.SETTINGS_RESOURCE)
                    .addAsResource(new StringAsset(MockAuthInitializer.class.getName() + "\n"),
                            "META-INF/services/jakarta.servlet.ServletContainerInitializer");
        }
        return jar;
    }

    /** The keys the WAR's configuration jar sets (without the ordinal); empty when it has none. */
    static Map<String, String> read(WebArchive war) {
        Map<String, String> keys = new LinkedHashMap<>();
        JavaArchive jar = war.getAsType(JavaArchive.class, "WEB-INF/lib/" + JAR_NAME);
        Node file = jar == null ? null : jar.get(MICROPROFILE_CONFIG);
        if (file == null) {
            return keys;
        }
        Properties properties = new Properties();
        try (InputStream in = file.getAsset().openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream().filter(name -> !name.equals(ORDINAL_KEY)).sorted()
                .forEach(name -> keys.put(name, properties.getProperty(name)));
        return keys;
    }

    private static String properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "written by token-refresh-testing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
