package org.tokenrefresh.mockauth;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An immutable "at most N calls per window" setting, written {@code 5/1m}; {@link #OFF} when N is 0. */
final class RateLimit {

    static final RateLimit OFF = new RateLimit(0, Duration.ofMinutes(15));

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})/(.+)");

    private final int maxCalls;
    private final Duration window;

    private RateLimit(int maxCalls, Duration window) {
        this.maxCalls = maxCalls;
        this.window = window;
    }

    /** At most {@code maxCalls} per window; 0 or less switches the limit off. */
    static RateLimit of(int maxCalls, Duration window) {
        return new RateLimit(Math.max(0, maxCalls), Durations.atLeastOneSecond(window, "rate limit window"));
    }

    /** Parses {@code calls/window} such as {@code 5/1m}; {@code off} or {@code 0} switch the limit off. */
    static RateLimit parse(String text) {
        String value = text.trim();
        if ("off".equalsIgnoreCase(value) || "0".equals(value)) {
            return OFF;
        }
        Matcher m = TEXT.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected calls/window such as 5/1m, or off");
        }
        return of(Integer.parseInt(m.group(1)), Durations.parse(m.group(2)));
    }

    boolean isOff() {
        return maxCalls <= 0;
    }

    int maxCalls() {
        return maxCalls;
    }

    Duration window() {
        return window;
    }

    /** The form {@link #parse} reads: {@code 5/60s}, {@code 5/1500ms} or {@code off}. */
    @Override
    public String toString() {
        if (isOff()) {
            return "off";
        }
        return maxCalls + "/" + (window.getNano() == 0 ? window.getSeconds() + "s" : window.toMillis() + "ms");
    }
}
