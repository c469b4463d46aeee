package org.tokenrefresh.mockauth;

import java.util.function.Function;

/**
 * The common path of both refresh protocols, in the order a real deployment answers: a fault answers
 * first, as a proxy or a failing server would, without consuming the token; then a malformed request;
 * then the rotation itself, whose answer {@link Fault#LOST_RESPONSE} drops and {@link Fault#LATE_ANSWER}
 * holds back. Thread-safe.
 */
final class RefreshCall {

    private final MockAuthBackend backend;

    RefreshCall(MockAuthBackend backend) {
        this.backend = backend;
    }

    /**
     * Answers one refresh call.
     *
     * @param token        the refresh token, or null when the request has none
     * @param rejection    the answer to a malformed request, or null when it may proceed
     * @param tokens       the protocol's success answer
     * @param invalidGrant the protocol's answer to a dead refresh token, given the reason
     */
    AuthResponse answer(String token, AuthResponse rejection, Function<TokenSet, AuthResponse> tokens,
            Function<String, AuthResponse> invalidGrant) {
        FaultPlan fault = backend.takeFault();
        if (fault.mode().rejects()) {
            backend.recordCall(token, true);
            return faultAnswer(fault);
        }
        if (fault.mode() == Fault.DELAY) {
            pause(fault.delayMillis());
        }
        AuthResponse answer = rotate(token, rejection, tokens, invalidGrant);
        if (fault.mode() == Fault.LOST_RESPONSE) {
            return AuthResponse.drop();
        }
        if (fault.mode() == Fault.LATE_ANSWER) {
            pause(fault.delayMillis());
        }
        return answer;
    }

    private AuthResponse rotate(String token, AuthResponse rejection, Function<TokenSet, AuthResponse> tokens,
            Function<String, AuthResponse> invalidGrant) {
        if (rejection != null) {
            backend.recordCall(token, false);
            return rejection;
        }
        try {
            return tokens.apply(backend.refresh(token));
        } catch (MockAuthException e) {
            if (MockAuthException.RATE_LIMITED.equals(e.error())) {
                return Responses.tooManyRequests(e.retryAfterSeconds());
            }
            return invalidGrant.apply(e.getMessage());
        }
    }

    private static AuthResponse faultAnswer(FaultPlan fault) {
        switch (fault.mode()) {
            case RATE_LIMIT_429:
                return Responses.tooManyRequests(fault.retryAfterSeconds());
            case UNAVAILABLE_503:
                return AuthResponse.error(503, "temporarily_unavailable", "Service temporarily unavailable",
                        "Retry-After", String.valueOf(fault.retryAfterSeconds()));
            case ERROR_500:
                return AuthResponse.error(500, "server_error", "Internal server error");
            case HTML_502:
                return AuthResponse.of(502, "text/html; charset=utf-8", "<html><head><title>502 Bad Gateway"
                        + "</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx"
                        + "</center></body></html>\n");
            case NOT_FOUND_404:
                return AuthResponse.of(404, "text/html; charset=utf-8", "<html><head><title>404 Not Found</title></head>"
                        + "<body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>\n");
            case UNPROCESSABLE_422:
                return AuthResponse.error(422, "unprocessable_entity", "The request could not be processed");
            case INVALID_REQUEST_400:
                return Responses.badRequest("the request is malformed");
            case GARBAGE_200:
                return AuthResponse.of(200, "application/json", "<!DOCTYPE html><p>Session OK</p> }{ not json");
            case EMPTY_200:
                return AuthResponse.of(200, "application/json", "");
            case MISSING_FIELDS_200:
                return AuthResponse.of(200, "application/json", "{\"status\":\"ok\",\"user\":null}");
            default:
                return AuthResponse.drop();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
