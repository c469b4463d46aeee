package org.tokenrefresh.mockauth;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module's one duration parser: the builder's settings, the servlet's init-params and the control API
 * all read durations here. Accepts {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}, plain
 * seconds ({@code 90}) and ISO-8601 ({@code PT10M}).
 */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private Durations() {
    }

    /** Parses a duration, or throws {@link IllegalArgumentException} saying which forms are accepted. */
    static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw notADuration();
            }
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw notADuration();
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw notADuration();
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            return of(n, unit);
        } catch (ArithmeticException e) {
            throw notADuration();
        }
    }

    private static Duration of(long n, String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                return Duration.ofSeconds(n);
        }
    }

    /** Returns the duration when it is at least one second, else throws naming the setting. */
    static Duration atLeastOneSecond(Duration d, String name) {
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1s, was " + d);
        }
        return d;
    }

    /** Whole seconds, rounded up: what a {@code Retry-After} header says for the duration. */
    static long ceilSeconds(Duration d) {
        long millis = d.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static IllegalArgumentException notADuration() {
        return new IllegalArgumentException("not a duration (use 30s, 10m, 7d or PT10M)");
    }
}
