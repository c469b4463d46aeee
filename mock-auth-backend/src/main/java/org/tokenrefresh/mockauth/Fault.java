package org.tokenrefresh.mockauth;

/**
 * Faults the refresh endpoints ({@code /api/auth/refresh}, {@code /oauth2/token}) can be switched to, see
 * {@link MockAuthBackend#setFault(FaultPlan)}. Most faults answer before the request is looked at, so the
 * refresh token is not consumed and a client may safely send it again; {@link #DELAY},
 * {@link #LOST_RESPONSE} and {@link #LATE_ANSWER} let the refresh happen, so the token is spent.
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
    /**
     * 404 with an HTML page, as a server answers a refresh URL that is not there (a wrong
     * {@code backend-url}, a route a proxy does not know).
     */
    NOT_FOUND_404,
    /** 422 with a JSON error, as a backend answers a request it understood but will not process. */
    UNPROCESSABLE_422,
    /** 400 {@code invalid_request} (RFC 6749 section 5.2), as a backend answers a request it finds malformed. */
    INVALID_REQUEST_400,
    /** 200 with a body that is not JSON. */
    GARBAGE_200,
    /** 200 with an empty body. */
    EMPTY_200,
    /** 200 with a JSON object that holds no tokens. */
    MISSING_FIELDS_200,
    /** Sleep {@link FaultPlan#delayMillis()} first, then answer normally (the token is consumed). */
    DELAY,
    /**
     * Close the connection after reading the request, without an answer and without looking at it (the
     * token is not consumed); the servlet adapter answers 500 instead.
     */
    RESET,
    /**
     * The lost response: the refresh happens (the token is consumed, its successors are issued), then the
     * connection is closed without the answer, so the client never learns the successors. The servlet
     * adapter answers 500 instead.
     */
    LOST_RESPONSE,
    /**
     * The answer after the client's timeout: the refresh happens at once (the token is consumed), then the
     * answer waits {@link FaultPlan#delayMillis()} before it is sent.
     */
    LATE_ANSWER;

    /** Whether this fault replaces the normal answer before the request is looked at. */
    boolean rejects() {
        return this != NONE && this != DELAY && this != LOST_RESPONSE && this != LATE_ANSWER;
    }
}
