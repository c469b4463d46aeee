package org.tokenrefresh.internal.engine;

import java.time.Duration;

/** Waits between retries. Tests substitute one that records the delays and advances a test clock. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing. */
    Sleeper SYSTEM = delay -> Thread.sleep(delay.toMillis());

    void sleep(Duration delay) throws InterruptedException;
}
