package org.tokenrefresh.mockauth;

/**
 * A request the {@link MockAuthBackend} refused. {@link #error()} is the machine-readable reason, the
 * message a human-readable one; neither contains a token value.
 */
public final class MockAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Username or password is wrong. */
    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    /** The refresh token is unknown, expired, revoked or was reused (RFC 6749 §5.2). */
    public static final String INVALID_GRANT = "invalid_grant";
    /** The access token is malformed, badly signed, expired or its session was revoked (RFC 6750 §3.1). */
    public static final String INVALID_TOKEN = "invalid_token";
    /** Too many refresh calls for this token family or user; see {@link #retryAfterSeconds()}. */
    public static final String RATE_LIMITED = "rate_limited";

    private final String error;
    private final long retryAfterSeconds;

    MockAuthException(String error, String message) {
        this(error, message, 0);
    }

    MockAuthException(String error, String message, long retryAfterSeconds) {
        super(message);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static MockAuthException invalidGrant(String message) {
        return new MockAuthException(INVALID_GRANT, message);
    }

    static MockAuthException invalidToken(String message) {
        return new MockAuthException(INVALID_TOKEN, message);
    }

    /** One of the constants of this class. */
    public String error() {
        return error;
    }

    /** Seconds to wait before the next refresh call may pass; 0 unless {@link #RATE_LIMITED}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
