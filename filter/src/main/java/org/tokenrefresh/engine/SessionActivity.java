package org.tokenrefresh.engine;

import org.tokenrefresh.token.TokenPair;

/**
 * Told about every request that carries tokens, after the filter's own refresh (if any). The background
 * monitor of the ee-integration module uses it to know which sessions are active. The default does
 * nothing, so the per-request path stays free of hashing and bookkeeping unless a monitor needs it.
 */
@FunctionalInterface
public interface SessionActivity {

    /** Does nothing. */
    SessionActivity NONE = tokens -> { };

    /** Called on the request thread; must be quick and must not throw. */
    void seen(TokenPair tokens);
}
