package org.tokenrefresh.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * One refresh outcome, for listeners, CDI events, metrics and logs. Carries no secret: the session is
 * identified by a short SHA-256 id of its refresh token. Immutable.
 */
public final class RefreshEvent {

    /** What happened. */
    public enum Type {
        /** New tokens were obtained from the backend. */
        REFRESHED,
        /** The refresh did not happen; the session goes on with its current tokens. */
        FAILED,
        /** The backend ended the session: cookies are cleared. */
        SESSION_EXPIRED,
        /**
         * A refresh token that was already used came back after its grace period: the classic sign of a
         * stolen refresh token (RFC 9700 section 4.14.2). Not sent again; logged as a WARNING.
         */
        REPLAY_DETECTED
    }

    /** Why a refresh was attempted. */
    public enum Trigger {
        /** The access token was about to expire when a request arrived. */
        PROACTIVE,
        /** The application answered 401. */
        REACTIVE,
        /** Front-end code called the refresh endpoint. */
        ENDPOINT,
        /** The background monitor refreshed an active session ahead of time. */
        BACKGROUND,
        /** An outbound JAX-RS call needed a fresh token. */
        CLIENT
    }

    /** Why a refresh failed or a session ended. */
    public enum Reason {
        NONE,
        /** The backend rejected the refresh token (RFC 6749 invalid_grant; 401 or 403 in the json protocol). */
        INVALID_GRANT,
        /** 5xx, connect failure, or an unreadable answer. */
        BACKEND_UNAVAILABLE,
        /** 429 from the backend. */
        RATE_LIMITED,
        /** The request was sent but no usable answer came back; the token is never sent again. */
        LOST_RESPONSE,
        /** The circuit breaker is open: no call was made. */
        CIRCUIT_OPEN,
        /** The refresh token was already used and its grace period is over; it is not sent again. */
        TOKEN_SUPERSEDED,
        /** Another request or node holds the refresh and did not finish within this request's wait budget. */
        COORDINATION_TIMEOUT,
        /** The backend rejected this refresh request (a 4xx that is not a dead-token verdict). */
        REJECTED,
        /** The backend's answer points at the library's configuration (404, invalid_client, unauthorized_client). */
        CONFIGURATION,
        /** Too many refreshes of tokens the library cannot vouch for are under way, or no free connection. */
        OVERLOADED,
        /** The cluster store holds a record for this token that cannot be read: not sent (fail closed). */
        STORE_UNREADABLE,
        /** The application logged the session out (it cleared the token cookies). */
        LOGGED_OUT
    }

    private final Type type;
    private final Trigger trigger;
    private final Reason reason;
    private final String sessionId;
    private final Instant at;
    private final Duration duration;
    private final Instant expiresAt;
    private final Duration retryAfter;

    public RefreshEvent(Type type, Trigger trigger, Reason reason, String sessionId, Instant at, Duration duration,
            Instant expiresAt, Duration retryAfter) {
        this.type = type;
        this.trigger = trigger;
        this.reason = reason;
        this.sessionId = sessionId;
        this.at = at;
        this.duration = duration;
        this.expiresAt = expiresAt;
        this.retryAfter = retryAfter;
    }

    public Type type() { return type; }
    public Trigger trigger() { return trigger; }
    public Reason reason() { return reason; }
    /** Short SHA-256 id of the refresh token that was used (12 hex digits). */
    public String sessionId() { return sessionId; }
    public Instant at() { return at; }
    /** How long the backend call took, {@link Duration#ZERO} when none was made. */
    public Duration duration() { return duration; }
    /** Expiry of the new access token, or {@code null}. */
    public Instant expiresAt() { return expiresAt; }
    /** When to try again, or {@code null}. */
    public Duration retryAfter() { return retryAfter; }

    @Override
    public String toString() {
        return type + " " + trigger + (reason == Reason.NONE ? "" : " " + reason) + " session=" + sessionId
                + " took=" + duration.toMillis() + "ms" + (expiresAt != null ? " expiresAt=" + expiresAt : "")
                + (retryAfter != null ? " retryAfter=" + retryAfter.getSeconds() + "s" : "");
    }
}
