package org.tokenrefresh.internal.token;

import org.tokenrefresh.spi.TokenPair;

/**
 * The value of the companion expiry cookie the library writes beside an opaque (non-JWT) access token:
 * {@code issuedAt_expiresAt} in epoch seconds, digits only. Read in place, like {@link JwtTimes}.
 */
public final class ExpiryValue {

    private static final int MAX_DIGITS = 19;

    private ExpiryValue() {
    }

    /** The value for these times. */
    public static String format(long issuedAt, long expiresAt) {
        return issuedAt + "_" + expiresAt;
    }

    /**
     * The expiry in {@code text[start, end)}, or {@link TokenPair#UNKNOWN} when the value is not two numbers
     * with {@code 0 <= issuedAt <= expiresAt <= }{@link JwtTimes#MAX_EPOCH_SECOND} and {@code expiresAt > 0}.
     */
    public static long expiresAt(String text, int start, int end) {
        int separator = separator(text, start, end);
        if (separator < 0) {
            return TokenPair.UNKNOWN;
        }
        long issuedAt = number(text, start, separator);
        long expiresAt = number(text, separator + 1, end);
        return expiresAt <= 0 || issuedAt < 0 || issuedAt > expiresAt ? TokenPair.UNKNOWN : expiresAt;
    }

    /** The issue time in a value whose {@link #expiresAt} is known. */
    public static long issuedAt(String text, int start, int end) {
        return number(text, start, separator(text, start, end));
    }

    private static int separator(String text, int start, int end) {
        if (text == null) {
            return -1;
        }
        int separator = text.indexOf('_', start);
        return separator < start || separator >= end ? -1 : separator;
    }

    /** The number in {@code text[start, end)}: 1 to 19 digits up to {@link JwtTimes#MAX_EPOCH_SECOND}, else -1. */
    private static long number(String text, int start, int end) {
        if (end <= start || end - start > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value > JwtTimes.MAX_EPOCH_SECOND) {
                return -1;
            }
        }
        return value;
    }
}
