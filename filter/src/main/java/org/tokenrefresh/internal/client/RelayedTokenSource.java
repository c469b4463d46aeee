package org.tokenrefresh.internal.client;

import java.util.logging.Logger;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.servlet.InboundExchange;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.TokenSource;

/**
 * Token relay: the tokens of the inbound request the servlet filter serves, bound to that request so that
 * an outbound refresh writes the new cookies onto its response (one rotation for browser and server, not
 * two).
 */
final class RelayedTokenSource implements TokenSource, EngineBound {

    private static final Logger LOG = Logger.getLogger(RelayedTokenSource.class.getName());
    /** The JAX-RS client may run where no Servlet API is present (a Java SE batch): then there is nothing to relay. */
    private static final boolean SERVLET_PRESENT = servletPresent();

    private final InboundExchange exchange;

    private RelayedTokenSource(InboundExchange exchange) {
        this.exchange = exchange;
    }

    /** The source bound to this thread's inbound request, or {@code null}. */
    static TokenSource current() {
        if (!SERVLET_PRESENT) {
            return null;
        }
        InboundExchange exchange = InboundExchange.current();
        return exchange == null || exchange.tokens() == null ? null : new RelayedTokenSource(exchange);
    }

    /** Whether this thread serves an inbound request through the servlet filter, with or without tokens. */
    static boolean servingInboundRequest() {
        return SERVLET_PRESENT && InboundExchange.current() != null;
    }

    private static boolean servletPresent() {
        try {
            Class.forName("jakarta.servlet.http.HttpServletResponse", false, RelayedTokenSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public TokenPair tokens() {
        return exchange.tokens();
    }

    @Override
    public RefreshEngine engine() {
        return exchange.engine();
    }

    @Override
    public boolean vouched() {
        return exchange.vouched();
    }

    @Override
    public void refreshed(TokenPair used, TokenPair next) {
        TokenPair now = exchange.tokens();
        if (now != null && next.accessToken() != null && next.accessToken().equals(now.accessToken())) {
            return; // this request already carries them (another outbound call rotated first): no second Set-Cookie
        }
        if (exchange.rotated(next)) {
            exchange.engine().seen(next); // as the servlet filter does after its own refreshes
        } else {
            // The browser keeps the old cookie; its next request gets the successor within rotation-grace.
            LOG.fine(() -> "Inbound response already committed: new cookies for session " + TokenHash.shortId(next.refreshToken())
                    + " not written");
        }
    }

    @Override
    public String toString() {
        return "inbound request";
    }
}
