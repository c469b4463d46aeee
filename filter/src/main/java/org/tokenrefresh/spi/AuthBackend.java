package org.tokenrefresh.spi;

/**
 * One refresh call to the auth backend, without retries: the engine decides about retries from the
 * {@link BackendAnswer}. The library's own speaks the {@code json} and {@code oauth2} protocols over Apache
 * HttpClient 5; a plug-in may bring another ({@link PluginContext#useBackend}). Implementations must be
 * thread-safe, must never retry by themselves (a refresh token is single-use), and must never log a token.
 */
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
