package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.token.CookieTokens;
import org.tokenrefresh.spi.TokenPair;

/**
 * The inbound request being served on this thread, with the tokens the servlet filter decided on. The
 * JAX-RS client filter relays these tokens on outbound calls, and when it has to refresh them, writes the
 * new cookies onto this inbound response so that browser and server stay in step. A request without tokens
 * is marked too ({@link #ANONYMOUS}): its outbound calls get no token at all, never the application's own.
 */
public final class InboundExchange {

    private static final ThreadLocal<InboundExchange> CURRENT = new ThreadLocal<>();
    /** Stands for an inbound request that carries no tokens. */
    static final InboundExchange ANONYMOUS = new InboundExchange(null, null, null, null, null, null);

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final RefreshEngine engine;
    private final CookieWriter cookies;
    private final RequestTokens requestTokens;
    /** The request's own tokens, as read from its cookies; their pair is made when first asked for. */
    private final CookieTokens presented;
    /** Tokens refreshed while serving this request, or {@code null}. */
    private volatile TokenPair tokens;
    private volatile Boolean vouched;

    InboundExchange(HttpServletRequest request, HttpServletResponse response, RefreshEngine engine, CookieWriter cookies,
            RequestTokens requestTokens, CookieTokens presented) {
        this.request = request;
        this.response = response;
        this.engine = engine;
        this.cookies = cookies;
        this.requestTokens = requestTokens;
        this.presented = presented;
    }

    /** The exchange of the current thread, or {@code null} outside a request the filter serves. */
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

    /** The tokens of this request, already refreshed by the filter when they were due; {@code null} for none. */
    public TokenPair tokens() {
        TokenPair refreshed = tokens;
        return refreshed != null || presented == null ? refreshed : presented.pair();
    }

    /** The engine of the filter that serves this request. */
    public RefreshEngine engine() {
        return engine;
    }

    /** Whether the library can vouch for this request's refresh token (read once, when first needed). */
    public boolean vouched() {
        Boolean known = vouched;
        if (known == null) {
            TokenPair current = tokens();
            known = current != null && requestTokens.vouched(request, current, engine.vouching());
            vouched = known;
        }
        return known;
    }

    /** The filter refreshed this request's tokens: they are the library's own now. */
    void refreshedBy(TokenPair next) {
        tokens = next;
        vouched = Boolean.TRUE;
    }

    /**
     * Records tokens refreshed while serving this request and sets their cookies on the inbound response
     * (when it is not committed yet), so the browser does not present the used refresh token again.
     *
     * @return whether the cookies could be written
     */
    public boolean rotated(TokenPair next) {
        refreshedBy(next);
        if (response.isCommitted()) {
            return false;
        }
        cookies.write(request, response, next);
        return true;
    }
}
