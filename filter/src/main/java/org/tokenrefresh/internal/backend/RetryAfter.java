package org.tokenrefresh.internal.backend;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses {@code Retry-After} (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

    /** Longer values are capped: a day is longer than any sensible back-off toward an auth backend. */
    public static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /** The delay, or {@code null} when the header is absent or unreadable. Past dates give zero. */
    public static Duration parse(String header, Instant now) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (Character.isDigit(value.charAt(0))) {
            try {
                long seconds = Long.parseLong(value);
                return seconds > MAX.getSeconds() ? MAX : Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                return value.chars().allMatch(Character::isDigit) ? MAX : null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            if (delay.isNegative()) {
                return Duration.ZERO;
            }
            return delay.compareTo(MAX) > 0 ? MAX : delay;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Formats a delay as delay-seconds, rounded up. */
    public static String format(Duration delay) {
        long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }
}
