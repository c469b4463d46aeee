package org.tokenrefresh.spi;

import java.time.Duration;

/**
 * What one refresh call to the auth backend came to. Immutable. The kind decides what the engine may do
 * next: whether the refresh token may ever be sent again, and whom the answer is about (this session, the
 * configuration, or the backend as a whole). See {@code docs/architecture.md}, "Whom a failure is about".
 */
public final class BackendAnswer {

    /** Outcome classes of one call. */
    public enum Kind {
        /** 2xx with usable tokens: the old refresh token is consumed. */
        TOKENS(false),
        /** The refresh token is dead: RFC 6749 {@code invalid_grant}, or 401/403 in the {@code json} protocol. */
        INVALID_GRANT(false),
        /** The request never left (connect refused, connect timeout, unknown host): the token was not consumed. */
        NOT_SENT(true),
        /** No free connection toward the backend in this JVM: nothing was sent; local back-pressure. */
        OVERLOADED(true),
        /** 429 or 503: refused before consuming; {@link #retryAfter()} says when to come back, when given. */
        RETRY_LATER(true),
        /** Another 5xx, or a 2xx without usable tokens: the backend is in trouble. */
        SERVER_ERROR(false),
        /** A 4xx that is neither a dead-token verdict nor about the configuration: about this request only. */
        REJECTED(false),
        /** An answer about the library's configuration: 404/405, {@code invalid_client}, {@code unauthorized_client}. */
        CONFIGURATION(false),
        /** Sent, but no usable answer came back (timeout, reset): consumption is unknown, never send it again. */
        LOST(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        /** Whether the backend surely did not consume the token, so that it may be sent again in this refresh. */
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

    public static BackendAnswer overloaded(String detail) {
        return new BackendAnswer(Kind.OVERLOADED, null, 0, null, detail);
    }

    public static BackendAnswer retryLater(int status, Duration retryAfter, String detail) {
        return new BackendAnswer(Kind.RETRY_LATER, null, status, retryAfter, detail);
    }

    public static BackendAnswer serverError(int status, String detail) {
        return new BackendAnswer(Kind.SERVER_ERROR, null, status, null, detail);
    }

    public static BackendAnswer rejected(int status, String detail) {
        return new BackendAnswer(Kind.REJECTED, null, status, null, detail);
    }

    public static BackendAnswer configuration(int status, String detail) {
        return new BackendAnswer(Kind.CONFIGURATION, null, status, null, detail);
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
        return kind + (status > 0 ? " " + status : "") + (retryAfter != null ? " retry-after " + retryAfter.getSeconds() + "s" : "")
                + ": " + detail;
    }
}
