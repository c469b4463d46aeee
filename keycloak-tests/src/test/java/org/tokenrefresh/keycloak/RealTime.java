package org.tokenrefresh.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/**
 * Keycloak issues and checks tokens by the machine's clock, which a test cannot move: these tests wait for
 * real, and only as long as the token times require.
 */
final class RealTime {

    /** Margin past a whole-second token time, so that every clock involved has passed it. */
    static final Duration MARGIN = Duration.ofMillis(400);

    private RealTime() {
    }

    /** Sleeps until {@code moment} plus {@link #MARGIN}. */
    static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment.plus(MARGIN)).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** Sleeps until every token of {@code tokens} has reached its {@code moment}. */
    static void sleepUntilAll(Collection<Tokens> tokens, Function<Tokens, Instant> moment) throws InterruptedException {
        sleepUntil(tokens.stream().map(moment).max(Instant::compareTo).orElseThrow());
    }
}
