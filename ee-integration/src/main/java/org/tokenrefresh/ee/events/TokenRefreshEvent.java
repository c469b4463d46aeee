package org.tokenrefresh.ee.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Trigger;

/**
 * A refresh outcome as a CDI event. Observe this type for every outcome, or one of its subtypes:
 * {@link TokenRefreshed}, {@link RefreshFailed}, {@link SessionExpired}, {@link ReplayDetected}.
 *
 * <h2>Usage</h2>
 * <pre>
 * &#64;ApplicationScoped
 * public class SessionAudit {
 *     void refreshed(&#64;Observes TokenRefreshed event) { ... }          // on the refreshing thread
 *     void expired(&#64;ObservesAsync SessionExpired event) { ... }        // on a container thread
 * }
 * </pre>
 *
 * <h2>Behaviour</h2>
 * Every outcome is fired twice: with {@code Event.fire} for {@code @Observes} methods and with
 * {@code Event.fireAsync} for {@code @ObservesAsync} methods. A synchronous observer runs while the refresh
 * is being completed (the request thread, or the background monitor's): keep it quick. An observer that
 * throws is logged and does not affect the refresh.
 *
 * <p>Payloads carry no secret: the session is a 12-digit SHA-256 id of its refresh token (the id the
 * logs show), never a token. Immutable.
 */
public abstract class TokenRefreshEvent {

    private final String sessionId;
    private final Trigger trigger;
    private final Instant at;
    private final Duration duration;

    TokenRefreshEvent(RefreshEvent source) {
        this.sessionId = source.sessionId();
        this.trigger = source.trigger();
        this.at = source.at();
        this.duration = source.duration();
    }

    /** The CDI payload for an engine event. */
    public static TokenRefreshEvent of(RefreshEvent event) {
        Objects.requireNonNull(event, "event");
        switch (event.type()) {
            case REFRESHED:
                return new TokenRefreshed(event);
            case SESSION_EXPIRED:
                return new SessionExpired(event);
            case REPLAY_DETECTED:
                return new ReplayDetected(event);
            case FAILED:
            default:
                return new RefreshFailed(event);
        }
    }

    /** Short SHA-256 id of the refresh token that was used (12 hex digits). */
    public String sessionId() {
        return sessionId;
    }

    /** Why the refresh was attempted: proactive, reactive, endpoint, background or client. */
    public Trigger trigger() {
        return trigger;
    }

    /** When it happened. */
    public Instant at() {
        return at;
    }

    /** How long it took, waiting for another node included; {@link Duration#ZERO} when no call was made. */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[session=" + sessionId + ", trigger=" + trigger + ", took="
                + duration.toMillis() + "ms" + details() + "]";
    }

    abstract String details();
}
