package org.tokenrefresh.container.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the administrator configures for the test: the library's {@code tokenrefresh.*} keys and the test
 * application's own keys. Each server gives them its own usual way (system properties, environment variables,
 * a properties file, {@code server.xml} variables), in these forms.
 */
public final class ServerSettings {

    private final Map<String, String> library;
    private final Map<String, String> application;

    public ServerSettings(Map<String, String> library, Map<String, String> application) {
        this.library = Map.copyOf(library);
        this.application = Map.copyOf(application);
    }

    /** The {@code tokenrefresh.*} keys. */
    public Map<String, String> library() {
        return library;
    }

    /** The test application's keys. */
    public Map<String, String> application() {
        return application;
    }

    /** Every key. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>(library);
        all.putAll(application);
        return all;
    }

    /** {@code -Dkey=value} for each of {@code entries}. */
    public static List<String> systemProperties(Map<String, String> entries) {
        List<String> options = new ArrayList<>();
        entries.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return options;
    }

    /**
     * Environment variables named as MicroProfile Config and the filter map them
     * ({@code tokenrefresh.backend-url} &rarr; {@code TOKENREFRESH_BACKEND_URL}).
     */
    public static Map<String, String> environment(Map<String, String> entries) {
        return entries.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    /** The lines of a {@code .properties} file (values here need no escaping: URLs, durations, words). */
    public static String propertiesFile(Map<String, String> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }
}
