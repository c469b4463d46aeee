package org.tokenrefresh.mockauth;

import java.time.Duration;
import java.util.Objects;

/**
 * An immutable fault setting: which {@link Fault}, for how many calls or how long, and its parameters.
 *
 * <pre>
 * backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(5).times(3));
 * backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(5).forDuration(Duration.ofSeconds(30)));
 * </pre>
 * With both a count and a duration, the fault ends with whichever runs out first.
 *
 * @param mode              the fault
 * @param times             for the next this many calls only; 0 means every call
 * @param retryAfterSeconds the {@code Retry-After} value of 429 and 503 answers
 * @param delayMillis       the pause of {@link Fault#DELAY} and {@link Fault#LATE_ANSWER}
 * @param duration          how long the fault lasts once set; {@link Duration#ZERO} for until changed
 */
public record FaultPlan(Fault mode, int times, int retryAfterSeconds, long delayMillis, Duration duration) {

    /** Default value of {@link #retryAfterSeconds()}: 1 second, so that tests stay fast. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

    static final FaultPlan NONE = of(Fault.NONE);

    public FaultPlan {
        if (mode == null) {
            throw new IllegalArgumentException("fault mode is required");
        }
        Objects.requireNonNull(duration, "duration");
        if (times < 0 || retryAfterSeconds < 0 || delayMillis < 0 || duration.isNegative()) {
            throw new IllegalArgumentException("fault times, retryAfter, delay and duration must not be negative");
        }
    }

    /** The given fault for every call until changed. */
    public static FaultPlan of(Fault mode) {
        return new FaultPlan(mode, 0, DEFAULT_RETRY_AFTER_SECONDS, 0, Duration.ZERO);
    }

    /** The same fault for the next {@code times} calls only; 0 means every call. Default value: 0. */
    public FaultPlan times(int times) {
        return new FaultPlan(mode, times, retryAfterSeconds, delayMillis, duration);
    }

    /** The {@code Retry-After} value of 429 and 503 answers. Default value: 1. */
    public FaultPlan retryAfterSeconds(int seconds) {
        return new FaultPlan(mode, times, seconds, delayMillis, duration);
    }

    /** The pause of {@link Fault#DELAY} and {@link Fault#LATE_ANSWER}. Default value: 0. */
    public FaultPlan delayMillis(long millis) {
        return new FaultPlan(mode, times, retryAfterSeconds, millis, duration);
    }

    /**
     * The fault only for this long from the moment it is set, by the backend's clock; {@link Duration#ZERO}
     * means until changed. Default value: {@link Duration#ZERO}.
     */
    public FaultPlan forDuration(Duration duration) {
        return new FaultPlan(mode, times, retryAfterSeconds, delayMillis, duration);
    }

    @Override
    public String toString() {
        boolean delayed = mode == Fault.DELAY || mode == Fault.LATE_ANSWER;
        return mode + (times > 0 ? " x" + times : "") + (duration.isZero() ? "" : " for " + duration)
                + (delayed ? " " + delayMillis + "ms" : "");
    }
}
