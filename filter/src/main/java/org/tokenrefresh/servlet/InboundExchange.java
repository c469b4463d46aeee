package org.tokenrefresh.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tokenrefresh.engine.RefreshEngine;
import org.tokenrefresh.token.TokenPair;

/**
 * The inbound request being served on this thread, with the tokens the servlet filter decided on. The
 * JAX-RS client filter relays these tokens on outbound calls, and when it has to refresh them, writes the
 * new cookies onto this inbound response so that browser and server stay in step.
 */
public final class InboundExchange {

    private static final ThreadLocal<InboundExchange> CURRENT = new ThreadLocal<>();

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final RefreshEngine engine;
    private final CookieWriter cookies;
    private volatile TokenPair tokens;

    InboundExchange(HttpServletRequest request, HttpServletResponse response, RefreshEngine engine, CookieWriter cookies,
            TokenPair tokens) {
        this.request = request;
        this.response = response;
        this.engine = engine;
        this.cookies = cookies;
        this.tokens = tokens;
    }

    /** The exchange of the current thread, or {@code null} outside a filtered request. */
    public static InboundExchange current() {
        return CURRENT.get();
    }

    static InboundExchange enter(InboundExchange exchange) {
        InboundExchange previous = CURRENT.get();
        CURRENT.set(exchange);
        return previous;
    }

    static void leave(InboundExchange previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** The tokens of this request, already refreshed by the filter when they were due. */
    public TokenPair tokens() {
        return tokens;
    }

    /** The engine of the filter that serves this request. */
    public RefreshEngine engine() {
        return engine;
    }

    /**
     * Records tokens refreshed while serving this request and sets their cookies on the inbound response
     * (when it is not committed yet), so the browser does not present the used refresh token again.
     *
     * @return whether the cookies could be written
     */
    public boolean rotated(TokenPair next) {
        tokens = next;
        if (response.isCommitted()) {
            return false;
        }
        cookies.write(request, response, next);
        return true;
    }
}
