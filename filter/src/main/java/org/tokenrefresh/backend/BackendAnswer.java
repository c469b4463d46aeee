package org.tokenrefresh.backend;

import java.time.Duration;
import org.tokenrefresh.token.TokenPair;

/**
 * What one refresh call to the auth backend came to. Immutable. The kind decides what the engine may do
 * next, above all whether the refresh token may ever be sent again.
 */
public final class BackendAnswer {

    /** Outcome classes of one call. */
    public enum Kind {
        /** 2xx with usable tokens: the old refresh token is consumed. */
        TOKENS(false),
        /** The backend says the refresh token is dead (RFC 6749 {@code invalid_grant}, or 401/403 in json). */
        INVALID_GRANT(false),
        /** The request never left: connect failure or refusal. The token was surely not consumed. */
        NOT_SENT(true),
        /** 429 or 503: the backend refused before consuming; {@link #retryAfter()} says when to come back. */
        RETRY_LATER(true),
        /** Any other failure where the backend did not issue tokens (5xx, 4xx, garbage body). */
        ERROR(false),
        /** Sent, but no usable answer came back (timeout, reset, unusable tokens): consumption is unknown. */
        LOST(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        /** Whether the same refresh token may be sent again in this refresh. */
        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final TokenPair tokens;
    private final int status;
    private final Duration retryAfter;
    private final String detail;

    private BackendAnswer(Kind kind, TokenPair tokens, int status, Duration retryAfter, String detail) {
        this.kind = kind;
        this.tokens = tokens;
        this.status = status;
        this.retryAfter = retryAfter;
        this.detail = detail;
    }

    public static BackendAnswer tokens(TokenPair tokens, int status) {
        return new BackendAnswer(Kind.TOKENS, tokens, status, null, "refreshed");
    }

    public static BackendAnswer invalidGrant(int status, String detail) {
        return new BackendAnswer(Kind.INVALID_GRANT, null, status, null, detail);
    }

    public static BackendAnswer notSent(String detail) {
        return new BackendAnswer(Kind.NOT_SENT, null, 0, null, detail);
    }

    public static BackendAnswer retryLater(int status, Duration retryAfter, String detail) {
        return new BackendAnswer(Kind.RETRY_LATER, null, status, retryAfter, detail);
    }

    public static BackendAnswer error(int status, String detail) {
        return new BackendAnswer(Kind.ERROR, null, status, null, detail);
    }

    public static BackendAnswer lost(String detail) {
        return new BackendAnswer(Kind.LOST, null, 0, null, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The new tokens, for {@link Kind#TOKENS} only. */
    public TokenPair tokens() {
        return tokens;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The backend's {@code Retry-After}, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** A human-readable cause; never contains a token. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return kind + (status > 0 ? " " + status : "") + (retryAfter != null ? " retry-after " + retryAfter.getSeconds() + "s" : "") + ": " + detail;
    }
}
