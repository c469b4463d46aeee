package org.tokenrefresh.mockauth;

/**
 * Faults the refresh endpoints ({@code /api/auth/refresh}, {@code /oauth2/token}) can be switched to, see
 * {@link MockAuthBackend#setFault(FaultPlan)}. Except {@link #DELAY}, a fault answers before the request is
 * looked at, so the refresh token is not consumed: a client may safely send it again.
 */
public enum Fault {
    /** Normal operation. */
    NONE,
    /** 429 with {@code Retry-After} and the "Too many authentication attempts" JSON body. */
    RATE_LIMIT_429,
    /** 503 with {@code Retry-After}; {@code /health} reports DOWN too. */
    UNAVAILABLE_503,
    /** 500 with a JSON {@code server_error} body. */
    ERROR_500,
    /** 502 with an HTML page, as a reverse proxy answers when the backend is gone. */
    HTML_502,
    /** 200 with a body that is not JSON. */
    GARBAGE_200,
    /** 200 with an empty body. */
    EMPTY_200,
    /** 200 with a JSON object that holds no tokens. */
    MISSING_FIELDS_200,
    /** Sleep {@link FaultPlan#delayMillis()} first, then answer normally (the token is consumed). */
    DELAY,
    /** Close the connection without an answer; the servlet adapter answers 500 instead. */
    RESET;

    /** Whether this fault replaces the normal answer. */
    boolean rejects() {
        return this != NONE && this != DELAY;
    }
}
