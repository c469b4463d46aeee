package org.tokenrefresh.ee.internal.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The threads of this JVM waiting for a change to a store key, and the wake-up {@link ChangeListener} gives
 * them. One registry per class loader: the listener is created by the cache from its class name (see
 * {@link ChangeListener}), so it cannot be handed a store; keys are SHA-256 digests of refresh tokens, so a
 * wake-up meant for one store never reaches another's waiter by accident, and a spurious one only makes the
 * waiter look again.
 */
final class ChangeSignals {

    private static final ConcurrentMap<String, Gate> GATES = new ConcurrentHashMap<>();

    private ChangeSignals() {
    }

    /** A one-time gate shared by the waiters of a key; opened and dropped by the next change of that key. */
    static final class Gate {
        private final CountDownLatch opened = new CountDownLatch(1);
        private int waiters; // changed only inside GATES.compute, under the map's lock for the key

        /** Whether the gate opened within {@code millis}. */
        boolean await(long millis) throws InterruptedException {
            return opened.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Joins (or sets up) the gate of a key. A change from now on opens it; the caller must {@link #leave}. */
    static Gate enter(String key) {
        return GATES.compute(key, (k, gate) -> {
            Gate joined = gate != null ? gate : new Gate();
            joined.waiters++;
            return joined;
        });
    }

    /** Leaves a gate; the last waiter to leave drops it, so that keys nobody waits for keep no entry. */
    static void leave(String key, Gate gate) {
        GATES.computeIfPresent(key, (k, current) -> current == gate && --current.waiters == 0 ? null : current);
    }

    /** Wakes every waiter of the key. */
    static void signal(String key) {
        Gate gate = GATES.remove(key);
        if (gate != null) {
            gate.opened.countDown();
        }
    }

    /** How many threads wait for the key (for tests). */
    static int waiting(String key) {
        int[] count = {0};
        GATES.computeIfPresent(key, (k, gate) -> {
            count[0] = gate.waiters; // read under the map's lock for the key, like every change of it
            return gate;
        });
        return count[0];
    }
}
