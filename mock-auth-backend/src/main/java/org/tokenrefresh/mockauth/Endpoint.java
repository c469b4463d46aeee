package org.tokenrefresh.mockauth;

/** One endpoint of the mock's HTTP protocol; {@link AuthProtocolHandler} routes to it by path and method. */
@FunctionalInterface
interface Endpoint {

    /** Answers the request; an {@link IllegalArgumentException} becomes 400 {@code invalid_request}. */
    AuthResponse handle(AuthRequest request);
}
