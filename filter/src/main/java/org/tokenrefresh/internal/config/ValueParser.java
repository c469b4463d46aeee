package org.tokenrefresh.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from a {@link SettingsSource} and collects every error instead of stopping at the
 * first, so that an administrator sees all bad keys at once.
 */
public final class ValueParser {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** The units {@link #DURATION} accepts (a day is 24 hours, as {@link Duration#of} takes it). */
    private static final Map<String, ChronoUnit> DURATION_UNITS = Map.of("ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib)?");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-f:.]+\\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\\d{1,5})?");
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,256}");

    private final SettingsSource source;
    private final String prefix;
    private final List<String> errors = new ArrayList<>();

    public ValueParser(SettingsSource source, String prefix) {
        this.source = source;
        this.prefix = prefix;
    }

    /** The raw value of {@code prefix + name}, trimmed; {@code null} when unset or blank. */
    public String raw(String name) {
        String value = source.get(prefix + name);
        if (value == null) {
            return null;
        }
        value = value.trim();
        return value.isEmpty() ? null : value;
    }

    /** Whether the key is present at all, even with an empty value. */
    public boolean isSet(String name) {
        return source.get(prefix + name) != null;
    }

    public String string(String name, String defaultValue) {
        String value = raw(name);
        return value == null ? defaultValue : value;
    }

    public boolean bool(String name, boolean defaultValue) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                error(name, value, "expected true or false");
                return defaultValue;
        }
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                error(name, value, "expected a whole number from " + min + " to " + max);
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            error(name, value, "expected a whole number from " + min + " to " + max);
            return defaultValue;
        }
    }

    /** Durations: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT10M}). */
    public Duration duration(String name, Duration defaultValue, Duration min) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null) {
            error(name, value, "expected a duration such as 500ms, 30s, 10m, 2h, 7d or PT10M");
            return defaultValue;
        }
        if (parsed.compareTo(min) < 0) {
            error(name, value, "must be at least " + format(min));
            return defaultValue;
        }
        return parsed;
    }

    /** Sizes in bytes: {@code 65536}, {@code 64KiB}, {@code 64KB}, {@code 1MiB}. */
    public int size(String name, int defaultValue, int max) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            error(name, value, "expected a size such as 65536, 64KiB or 1MiB");
            return defaultValue;
        }
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            error(name, value, "too large");
            return defaultValue;
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
        if (number > max / factor) {
            error(name, value, "must be at most " + max + " bytes");
            return defaultValue;
        }
        return (int) (number * factor);
    }

    public <E extends Enum<E>> E choice(String name, E defaultValue, Class<E> type) {
        return choice(name, defaultValue, type, null);
    }

    /** An enum value, case-insensitive, kebab or snake case; an optional alias prefix is ignored. */
    public <E extends Enum<E>> E choice(String name, E defaultValue, Class<E> type, String aliasPrefix) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        String normalized = value.toUpperCase(Locale.ROOT).replace('-', '_');
        if (aliasPrefix != null && normalized.startsWith(aliasPrefix.toUpperCase(Locale.ROOT))) {
            normalized = normalized.substring(aliasPrefix.length());
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        error(name, value, "expected one of " + allowed);
        return defaultValue;
    }

    /** An absolute http or https URI. */
    public URI httpUri(String name) {
        String value = raw(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                error(name, value, "expected an absolute http:// or https:// URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            error(name, value, "not a valid URL: " + e.getReason());
            return null;
        }
    }

    public String cookieName(String name, String defaultValue) {
        String value = string(name, defaultValue);
        if (!COOKIE_NAME.matcher(value).matches()) {
            error(name, value, "not a valid cookie name (RFC 6265 token characters only)");
            return defaultValue;
        }
        return value;
    }

    /** A secret's raw value: errors about it never quote it. */
    public String secret(String name, String defaultValue) {
        return string(name, defaultValue);
    }

    /** A comma-separated list of {@code host} or {@code host:port}, lower-cased. */
    public List<String> hostList(String name, List<String> defaultValue) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        List<String> hosts = new ArrayList<>();
        for (String part : value.split(",")) {
            String host = part.trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            if (!HOST.matcher(host).matches()) {
                error(name, value, "expected host names or host:port, separated by commas");
                return defaultValue;
            }
            hosts.add(host);
        }
        return Collections.unmodifiableList(hosts);
    }

    /** Records an error about a secret key, without its value. */
    public void errorHidden(String name, String problem) {
        errors.add(prefix + name + " (value hidden): " + problem);
    }

    /** Records an error naming the key and quoting the bad value. */
    public void error(String name, String value, String problem) {
        errors.add(prefix + name + "=\"" + value + "\": " + problem);
    }

    /** Records an error about a combination of keys. */
    public void error(String problem) {
        errors.add(problem);
    }

    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    static Duration parseDuration(String value) {
        String text = value.trim();
        if (text.length() > 1 && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
            try {
                Duration parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
                return parsed.isNegative() ? null : parsed;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        try {
            return Duration.of(amount, DURATION_UNITS.get(m.group(2)));
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Formats a duration the way it is written in configuration. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
