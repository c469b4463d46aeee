package org.tokenrefresh.spi;

/**
 * Where an outbound call's tokens come from, and where refreshed ones go back to. The client feature reads
 * {@link #tokens()}, refreshes them through the application's refresh engine (never any other way: the
 * engine is what keeps a single-use refresh token from being sent twice), and hands the result to
 * {@link #refreshed(TokenPair, TokenPair)}.
 *
 * <p>The library brings two: the inbound request being served on the calling thread (token relay,
 * {@code TokenRefreshClientFeature.currentRequestTokens()}) and {@code ServiceTokenSource} for tokens the
 * application holds itself. Implement it for tokens kept elsewhere. Implementations must be thread-safe.
 */
public interface TokenSource {

    /** The tokens to send now, or {@code null} when this source has none (the call then goes out unchanged). */
    TokenPair tokens();

    /**
     * Records that {@code used} was refreshed into {@code next}. Called once per refresh the client filters
     * made or joined; {@code used} is the very instance {@link #tokens()} returned.
     */
    void refreshed(TokenPair used, TokenPair next);
}
