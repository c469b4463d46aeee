package org.tokenrefresh.internal.engine;

import java.time.Duration;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.TokenPair;

/** What a refresh came to, as the adapters need it. Immutable. */
public final class RefreshOutcome {

    /** The three results the adapters act on (README, "On failure"). */
    public enum Status {
        /** New tokens: proceed with them and write cookies. */
        REFRESHED,
        /** The session is over: clear cookies (when {@link #clearCookies()}), 401 or login redirect. */
        SESSION_EXPIRED,
        /** Backend in trouble: keep cookies; proceed if the token is still valid, else 503 + Retry-After. */
        UNAVAILABLE
    }

    /** Where new tokens came from. */
    public enum Source {
        /** This call refreshed at the backend. */
        BACKEND,
        /** A concurrent refresh of the same token in this JVM shared its result. */
        JOINED,
        /** The successor record of an already rotated token (this node or another). */
        SUCCESSOR
    }

    private final Status status;
    private final TokenPair tokens;
    private final Source source;
    private final Reason reason;
    private final Duration retryAfter;
    private final boolean clearCookies;

    private RefreshOutcome(Status status, TokenPair tokens, Source source, Reason reason, Duration retryAfter,
            boolean clearCookies) {
        this.status = status;
        this.tokens = tokens;
        this.source = source;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.clearCookies = clearCookies;
    }

    static RefreshOutcome refreshed(TokenPair tokens, Source source) {
        return new RefreshOutcome(Status.REFRESHED, tokens, source, Reason.NONE, null, false);
    }

    static RefreshOutcome sessionExpired(Reason reason, boolean clearCookies) {
        return new RefreshOutcome(Status.SESSION_EXPIRED, null, null, reason, null, clearCookies);
    }

    static RefreshOutcome unavailable(Reason reason, Duration retryAfter) {
        return new RefreshOutcome(Status.UNAVAILABLE, null, null, reason, retryAfter, false);
    }

    /** The same result as seen by a request that joined it. */
    RefreshOutcome joined() {
        return status == Status.REFRESHED ? refreshed(tokens, Source.JOINED) : this;
    }

    public Status status() { return status; }
    /** The new tokens when {@link Status#REFRESHED}. */
    public TokenPair tokens() { return tokens; }
    public Source source() { return source; }
    public Reason reason() { return reason; }
    /** When to try again, for {@link Status#UNAVAILABLE}; never {@code null} there. */
    public Duration retryAfter() { return retryAfter; }
    /** Whether the cookies must be cleared (the backend said the token is dead). */
    public boolean clearCookies() { return clearCookies; }

    public boolean isRefreshed() {
        return status == Status.REFRESHED;
    }

    @Override
    public String toString() {
        return status + (source != null ? " via " + source : "") + (reason != Reason.NONE ? " " + reason : "");
    }
}
