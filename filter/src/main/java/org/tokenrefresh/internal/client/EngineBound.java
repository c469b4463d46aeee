package org.tokenrefresh.internal.client;

import org.tokenrefresh.internal.engine.RefreshEngine;

/**
 * A token source that knows the engine its tokens are refreshed through (the inbound request's, or the one
 * a {@code ServiceTokenSource} was created on). Other sources are refreshed through the engine of the
 * calling application ({@link ClientRegistry#engine()}).
 */
public interface EngineBound {

    RefreshEngine engine();

    /** Whether the library can vouch for these tokens; tokens the application holds itself always are. */
    default boolean vouched() {
        return true;
    }
}
