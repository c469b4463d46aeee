package org.tokenrefresh.spi;

import java.time.Duration;

/**
 * Where the refresh engine keeps what it knows about the refresh tokens it has used, and the lock that keeps
 * one refresh per token in flight. In memory by default; {@code token-refresh-ee} brings a cluster-wide
 * implementation on the container's JCache. The contract is in {@code docs/architecture.md}, "The store".
 *
 * <p>Two kinds of record, kept apart because they differ in lifetime and in what they hold:
 * <ul>
 * <li><b>markers</b> say what became of a used token ({@code "U"} used, {@code "L"} lost response,
 * {@code "D"} dead, {@code "E"} ended by the application's logout). They hold no token, and live for
 * {@code reuse-guard} (default one hour), so that a used refresh token is never sent again;</li>
 * <li><b>successors</b> hold the tokens that replaced a used one, and live only while they are handed out
 * to late requests ({@code rotation-grace}, or the activity window after a background refresh). They are
 * secrets: an implementation that keeps them outside this JVM must encrypt them and must not keep them
 * longer than asked.</li>
 * </ul>
 * Keys are SHA-256 hex digests of refresh tokens, never raw tokens. Values are opaque strings written by the
 * engine. Implementations must be thread-safe.
 *
 * <p><b>Fail closed.</b> A record that exists but cannot be read (a node with another key, a corrupt entry)
 * must be reported as {@link #UNREADABLE}, never as absent: absent means "this token may be sent".
 */
public interface RefreshStore extends AutoCloseable {

    /** Returned for a record that exists but cannot be read: the engine then does not send that token. */
    String UNREADABLE = "?";

    /**
     * The marker of a token that may have been consumed without its answer being recorded. A cluster-wide
     * store writes it itself when it takes over the expired lock of a node that died mid-refresh.
     */
    String LOST_MARKER = "L";

    /** The marker for a key, {@code null} when absent or expired, or {@link #UNREADABLE}. */
    String marker(String key);

    /** Stores a marker that expires after {@code ttl}. */
    void putMarker(String key, String marker, Duration ttl);

    /** The successor record for a key, {@code null} when absent or expired, or {@link #UNREADABLE}. */
    String successor(String key);

    /** Stores a successor record (it holds tokens) that expires after {@code ttl}. */
    void putSuccessor(String key, String successor, Duration ttl);

    /**
     * Takes the refresh lock for a key if nobody holds it. A lock expires after {@code ttl} by itself, so that
     * a node dying mid-refresh blocks the others no longer than that.
     */
    boolean tryLock(String key, Duration ttl);

    /** Releases a lock taken with {@link #tryLock}. */
    void unlock(String key);

    /**
     * Waits until a record for the key is written or its lock is released, or until {@code timeout} has
     * passed, whichever comes first. Used by a node that waits for another node's refresh; returning early
     * is always allowed (the caller looks again). The default sleeps a short while.
     */
    default void awaitChange(String key, Duration timeout) throws InterruptedException {
        Thread.sleep(Math.max(1L, Math.min(timeout.toMillis(), 25L)));
    }

    /** Whether this store coordinates several nodes (shown in logs and health). */
    default boolean clustered() {
        return false;
    }

    @Override
    default void close() {
    }
}
