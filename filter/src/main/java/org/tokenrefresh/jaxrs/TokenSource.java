package org.tokenrefresh.jaxrs;

import org.tokenrefresh.engine.RefreshEngine;
import org.tokenrefresh.token.TokenPair;

/**
 * Where an outbound call's tokens come from, and where refreshed ones go back to. The JAX-RS client
 * filters read {@link #tokens()}, refresh them through {@link #engine()} (never any other way: the engine
 * is what keeps a single-use refresh token from being sent twice), and hand the result to
 * {@link #refreshed(TokenPair, TokenPair)}.
 *
 * <p>Two implementations come with the library:
 * <ul>
 * <li>the inbound request being served on this thread (token relay), see {@link #currentRequest()};</li>
 * <li>{@link ServiceTokenSource}, tokens the application holds itself for service accounts and background
 * jobs.</li>
 * </ul>
 * Implementations must be thread-safe. Nothing here uses JAX-RS types, so the servlet side may refer to this
 * package without a JAX-RS implementation being present.
 */
public interface TokenSource {

    /** The tokens to send now, or {@code null} when this source has none (the call then goes out unchanged). */
    TokenPair tokens();

    /** The engine that refreshes these tokens. */
    RefreshEngine engine();

    /**
     * Records that {@code used} was refreshed into {@code next}. Called once per refresh the client filters
     * made or joined; {@code used} is the very instance {@link #tokens()} returned.
     */
    void refreshed(TokenPair used, TokenPair next);

    /**
     * The inbound request being served on this thread, as a token source bound to it: the tokens the servlet
     * filter decided on (refreshed already when they were due), and new cookies on its response when an
     * outbound call has to refresh them. {@code null} outside a request the servlet filter serves, or when
     * that request carries no tokens.
     *
     * <p>Capture it on the request thread to relay the tokens from another thread (an asynchronous
     * invocation, an executor): pass it with the request property
     * {@link TokenRefreshClientFeature#TOKEN_SOURCE_PROPERTY}.
     */
    static TokenSource currentRequest() {
        return RelayedTokenSource.current();
    }
}
