package org.tokenrefresh;

import java.time.Duration;

/**
 * Where refresh coordination state lives: the successor record of each used refresh token and the lock
 * that keeps one refresh per token in flight. In-memory by default; the ee-integration module provides a
 * cluster-wide JCache implementation.
 *
 * <p>Keys are SHA-256 hex digests, never raw tokens. Values are opaque strings written by the engine; an
 * implementation that leaves the JVM (a distributed cache) should encrypt them, because a successor
 * record contains tokens.
 */
public interface RefreshStore extends AutoCloseable {

    /**
     * The record of a refresh token that may have been consumed without its answer being recorded. A
     * cluster-wide store writes it itself when it takes over the expired lock of a node that died
     * mid-refresh: that node may have sent the token, so it is never sent again (DESIGN.md, rule 6).
     */
    String LOST_RECORD = "L";

    /** The record for a key, or {@code null} when absent or expired. */
    String get(String key);

    /** Stores a record that expires after {@code ttl}. */
    void put(String key, String value, Duration ttl);

    /**
     * Takes the refresh lock for a key if nobody holds it. A lock expires after {@code ttl} by itself, so
     * that a node dying mid-refresh blocks the others no longer than that.
     */
    boolean tryLock(String key, Duration ttl);

    /** Releases a lock taken with {@link #tryLock}. */
    void unlock(String key);

    /** Whether this store coordinates several nodes (shown in logs and health). */
    default boolean clustered() {
        return false;
    }

    @Override
    default void close() {
    }
}
