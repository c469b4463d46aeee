package org.tokenrefresh.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.tokenrefresh.spi.RefreshEvent.Reason;

/**
 * Back-off scoped to one session (one refresh token), per node: a 429, 5xx or 4xx answered for a token keeps
 * <em>that</em> session from calling again until its {@code Retry-After} (or its own full-jitter delay) has
 * passed; no other session is affected. Bounded: when full, the oldest entries go first (the session then
 * only retries a little early).
 */
final class SessionBackoff {

    private final Clock clock;
    private final Cache<String, Pause> pauses;

    SessionBackoff(Clock clock, int maxEntries) {
        this.clock = clock;
        this.pauses = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxEntries).build();
    }

    /** Keeps the session from calling for {@code delay}; a longer pause already running stays. */
    void pause(String key, Duration delay, Reason reason) {
        pauses.asMap().merge(key, new Pause(delay, reason), (old, fresh) -> old.untilMillis >= fresh.untilMillis ? old : fresh);
    }

    /** The running pause of a session, or {@code null}. */
    Pause current(String key) {
        Pause pause = pauses.getIfPresent(key);
        if (pause == null) {
            return null;
        }
        if (pause.untilMillis <= clock.millis()) {
            pauses.asMap().remove(key, pause);
            return null;
        }
        return pause;
    }

    /** The session refreshed: no more pause. */
    void clear(String key) {
        pauses.invalidate(key);
    }

    /** One session's pause. */
    final class Pause {
        final long untilMillis;
        final Reason reason;

        /** A pause of {@code delay} from now. */
        Pause(Duration delay, Reason reason) {
            this.untilMillis = clock.millis() + delay.toMillis();
            this.reason = reason;
        }

        Duration remaining() {
            return Duration.ofMillis(Math.max(0L, untilMillis - clock.millis()));
        }
    }
}
