package org.tokenrefresh.internal.client;

import java.util.Objects;
import java.util.logging.Logger;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.TokenSource;

/**
 * One outbound call's tokens: which source they came from, which pair went out, and whether a 401 may
 * still be answered with a refresh. The request filter creates it and keeps it in a request property, so
 * the response filter finds it on whatever thread the response arrives. This is the one place where the
 * client side decides to refresh; the engine does the refreshing.
 */
final class OutboundCall {

    private static final Logger LOG = Logger.getLogger(OutboundCall.class.getName());

    /** Request property holding the {@link OutboundCall}. */
    static final String PROPERTY = OutboundCall.class.getName();
    /** Request property marking the one resend after a 401: it is neither refreshed nor resent again. */
    static final String RESENT_PROPERTY = "org.tokenrefresh.jaxrs.resent";

    private final TokenSource source;
    private final TokenPair sent;
    /** The engine to refresh through when the API answers 401, or {@code null} when a 401 goes to the caller. */
    private final RefreshEngine refreshOn401;

    private OutboundCall(TokenSource source, TokenPair sent, RefreshEngine refreshOn401) {
        this.source = Objects.requireNonNull(source, "source");
        this.sent = sent;
        this.refreshOn401 = refreshOn401;
    }

    /**
     * The tokens to send, refreshed first when due. A call that already refreshed, or whose refresh failed,
     * does not refresh again on a 401 (as on the servlet side: the 401 then goes to the caller).
     */
    static OutboundCall prepare(TokenSource source, RefreshEngine engine, TokenPair tokens, String target) {
        if (engine == null) {
            // a source of the application's own with no engine to refresh through: send as it is
            return new OutboundCall(source, tokens, null);
        }
        if (!engine.isDue(tokens)) {
            return new OutboundCall(source, tokens, engine);
        }
        RefreshOutcome outcome = engine.refresh(tokens, Trigger.CLIENT, vouched(source), engine.budget());
        if (outcome.isRefreshed()) {
            source.refreshed(tokens, outcome.tokens());
            LOG.fine(() -> target + ": tokens of session " + TokenHash.shortId(tokens.refreshToken())
                    + " were due, refreshed (" + outcome + ")");
            return new OutboundCall(source, outcome.tokens(), null);
        }
        // Send what we have: a still-valid token works, an expired one gets the API's 401 back to the caller.
        LOG.fine(() -> target + ": refresh of session " + TokenHash.shortId(tokens.refreshToken()) + " ahead of the call gave "
                + outcome + "; sending the current token");
        return new OutboundCall(source, tokens, null);
    }

    /** The pair that went out. */
    TokenPair sent() {
        return sent;
    }

    boolean mayRefreshOn401() {
        return refreshOn401 != null;
    }

    /**
     * After the API answered 401 to {@link #sent()}: the tokens to resend with, or {@code null} when there
     * are none better (the refresh failed or ended the session; the 401 then goes to the caller).
     */
    TokenPair refreshAfterUnauthorized(String target) {
        TokenPair now = source.tokens();
        if (now != null && now != sent && now.accessToken() != null && !sameAccess(now, sent)) {
            // another call refreshed the source's tokens meanwhile: use them, no backend call
            return now;
        }
        RefreshOutcome outcome = refreshOn401.refresh(sent, Trigger.CLIENT, vouched(source), refreshOn401.budget());
        if (!outcome.isRefreshed()) {
            LOG.fine(() -> target + " answered 401; refresh of session " + TokenHash.shortId(sent.refreshToken()) + " gave "
                    + outcome + "; the 401 goes to the caller");
            return null;
        }
        TokenPair next = outcome.tokens();
        if (next.accessToken() == null || sameAccess(next, sent)) {
            return null; // nothing new to offer the API
        }
        source.refreshed(sent, next);
        LOG.fine(() -> target + " answered 401; session " + TokenHash.shortId(sent.refreshToken()) + " refreshed ("
                + outcome + "), resending");
        return next;
    }

    private static boolean vouched(TokenSource source) {
        return !(source instanceof EngineBound) || ((EngineBound) source).vouched();
    }

    private static boolean sameAccess(TokenPair a, TokenPair b) {
        return a.accessToken() != null && a.accessToken().equals(b.accessToken());
    }
}
