package org.tokenrefresh.internal.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.RefreshEvent.Reason;
import org.tokenrefresh.spi.RefreshStore;

/**
 * Keeps one refresh per refresh token in flight: in this JVM, concurrent requests join the leader's
 * future; across nodes, the leader takes the store's lock, and a node that finds it taken waits for the
 * other node's record ({@link RefreshStore#awaitChange}, event-driven where the store can). Every wait is
 * bounded by the request's {@link Budget}.
 */
final class Coordination {

    private final RefreshStore store;
    private final Duration lockTimeout;
    private final RefreshMetrics metrics;
    private final ConcurrentMap<String, CompletableFuture<RefreshOutcome>> inFlight = new ConcurrentHashMap<>();

    Coordination(RefreshStore store, Duration lockTimeout, RefreshMetrics metrics) {
        this.store = store;
        this.lockTimeout = lockTimeout;
        this.metrics = metrics;
    }

    /** Runs {@code lead} unless a refresh of the same token runs in this JVM; then shares its outcome. */
    RefreshOutcome singleFlight(String key, Budget budget, Supplier<RefreshOutcome> lead) {
        CompletableFuture<RefreshOutcome> mine = new CompletableFuture<>();
        CompletableFuture<RefreshOutcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            metrics.increment(RefreshMetrics.Counter.JOINS);
            return await(running, budget).joined();
        }
        RefreshOutcome outcome = null;
        try {
            outcome = lead.get();
            return outcome;
        } catch (RuntimeException e) {
            EngineContext.LOG.log(Level.WARNING, "Refresh of session " + TokenHash.shortIdOfKey(key) + " failed unexpectedly", e);
            outcome = RefreshOutcome.unavailable(Reason.BACKEND_UNAVAILABLE, BackendGuard.MIN_RETRY_AFTER);
            return outcome;
        } finally {
            inFlight.remove(key, mine);
            mine.complete(outcome != null ? outcome : RefreshOutcome.unavailable(Reason.BACKEND_UNAVAILABLE, BackendGuard.MIN_RETRY_AFTER));
        }
    }

    private static RefreshOutcome await(CompletableFuture<RefreshOutcome> running, Budget budget) {
        try {
            return running.get(budget.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timedOut();
        } catch (TimeoutException | ExecutionException e) {
            return timedOut();
        }
    }

    /**
     * Takes the store's lock for the key. While another node holds it, waits for what it records, within
     * the budget. Returns {@code null} once the lock is ours (the caller must {@link #unlock}), else the
     * outcome to use: the other node's successor, or a coordination timeout.
     */
    RefreshOutcome lockOrWait(String key, Budget budget, Supplier<RefreshOutcome> known) {
        while (true) {
            RefreshOutcome outcome = known.get();
            if (outcome != null) {
                return outcome;
            }
            if (store.tryLock(key, lockTimeout)) {
                return null;
            }
            if (budget.exhausted()) {
                return timedOut();
            }
            try {
                store.awaitChange(key, budget.remaining());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return timedOut();
            }
        }
    }

    void unlock(String key) {
        try {
            store.unlock(key);
        } catch (RuntimeException e) {
            EngineContext.LOG.log(Level.WARNING, "Refresh store could not release the lock of session " + TokenHash.shortIdOfKey(key)
                    + "; it expires by itself", e);
        }
    }

    private static RefreshOutcome timedOut() {
        return RefreshOutcome.unavailable(Reason.COORDINATION_TIMEOUT, BackendGuard.MIN_RETRY_AFTER);
    }
}
