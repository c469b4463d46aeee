package org.tokenrefresh.internal.engine;

import org.tokenrefresh.spi.TokenPair;

/**
 * Told about sessions for the background monitor of {@code token-refresh-ee}: about every refresh the
 * engine made (the sessions the library can vouch for, the only ones the monitor tracks), and about every
 * request that carries tokens, after the filter's own refresh (if any), so that it knows which of those are
 * active. The default does nothing, so the per-request path stays free of bookkeeping unless a monitor
 * needs it.
 */
@FunctionalInterface
public interface SessionActivity {

    /** Does nothing. */
    SessionActivity NONE = tokens -> { };

    /** A request carried these tokens. Called on the request thread; must be quick, allocation-free and must not throw. */
    void seen(TokenPair tokens);

    /** The engine refreshed {@code used} into {@code next} at the backend. Must not throw. */
    default void refreshed(TokenPair used, TokenPair next) {
    }
}
