package org.tokenrefresh.engine;

import org.tokenrefresh.backend.BackendAnswer;
import org.tokenrefresh.token.TokenPair;

/** One refresh call to the auth backend, without retries. Tests substitute a hand-written fake. */
public interface AuthBackend extends AutoCloseable {

    /** Makes exactly one refresh call with the pair's refresh token. */
    BackendAnswer refresh(TokenPair current);

    /** A cheap reachability check used by health checks and the background monitor. */
    default boolean probe() {
        return true;
    }

    @Override
    default void close() {
    }
}
