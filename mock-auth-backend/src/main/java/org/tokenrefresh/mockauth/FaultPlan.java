package org.tokenrefresh.mockauth;

/**
 * An immutable fault setting: which {@link Fault}, for how many calls, and its parameters.
 *
 * <pre>
 * backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(5).times(3));
 * </pre>
 */
public final class FaultPlan {

    /** Default value of {@link #retryAfterSeconds()}: 1 second, so that tests stay fast. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

    static final FaultPlan NONE = of(Fault.NONE);

    private final Fault mode;
    private final int times;
    private final int retryAfterSeconds;
    private final long delayMillis;

    private FaultPlan(Fault mode, int times, int retryAfterSeconds, long delayMillis) {
        if (mode == null) {
            throw new IllegalArgumentException("fault mode is required");
        }
        if (times < 0 || retryAfterSeconds < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("fault times, retryAfter and delay must not be negative");
        }
        this.mode = mode;
        this.times = times;
        this.retryAfterSeconds = retryAfterSeconds;
        this.delayMillis = delayMillis;
    }

    /** The given fault for every call until changed. */
    public static FaultPlan of(Fault mode) {
        return new FaultPlan(mode, 0, DEFAULT_RETRY_AFTER_SECONDS, 0);
    }

    /** The same fault for the next {@code times} calls only; 0 means every call. Default value: 0. */
    public FaultPlan times(int times) {
        return new FaultPlan(mode, times, retryAfterSeconds, delayMillis);
    }

    /** The {@code Retry-After} value of 429 and 503 answers. Default value: 1. */
    public FaultPlan retryAfterSeconds(int seconds) {
        return new FaultPlan(mode, times, seconds, delayMillis);
    }

    /** The pause of {@link Fault#DELAY}. Default value: 0. */
    public FaultPlan delayMillis(long millis) {
        return new FaultPlan(mode, times, retryAfterSeconds, millis);
    }

    public Fault mode() {
        return mode;
    }

    public int times() {
        return times;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public long delayMillis() {
        return delayMillis;
    }

    @Override
    public String toString() {
        return mode + (times > 0 ? " x" + times : "") + (mode == Fault.DELAY ? " " + delayMillis + "ms" : "");
    }
}
