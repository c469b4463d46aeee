package org.tokenrefresh.mockauth;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the backend counts for the tests' assertions: refresh calls (in total, per family, per user),
 * rotations, reuse detections, revoked families, calls answered by a fault or a rate limit. The
 * per-family count lives in the {@link TokenFamily}, so it goes with its family. Thread-safe.
 */
final class Counters {

    private final AtomicLong refreshCalls = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong reuseDetections = new AtomicLong();
    private final AtomicLong revokedFamilies = new AtomicLong();
    private final AtomicLong rejectedCalls = new AtomicLong();
    private final AtomicLong rateLimitedCalls = new AtomicLong();
    private final Map<String, AtomicLong> callsPerUser = new ConcurrentHashMap<>();

    /** One refresh call; {@code family} is null when the refresh token is unknown. */
    void refreshCall(TokenFamily family) {
        refreshCalls.incrementAndGet();
        if (family != null) {
            family.refreshCalls.incrementAndGet();
            callsPerUser.computeIfAbsent(family.username, u -> new AtomicLong()).incrementAndGet();
        }
    }

    void rotated() {
        rotations.incrementAndGet();
    }

    void reuseDetected() {
        reuseDetections.incrementAndGet();
    }

    void familyRevoked() {
        revokedFamilies.incrementAndGet();
    }

    /** A refresh call answered by a fault or by a rate limit. */
    void rejected() {
        rejectedCalls.incrementAndGet();
    }

    /** A refresh call answered 429 by a rate limit (also counted as {@link #rejected()}). */
    void rateLimited() {
        rateLimitedCalls.incrementAndGet();
        rejectedCalls.incrementAndGet();
    }

    long refreshCalls() {
        return refreshCalls.get();
    }

    long rotations() {
        return rotations.get();
    }

    long reuseDetections() {
        return reuseDetections.get();
    }

    long revokedFamilies() {
        return revokedFamilies.get();
    }

    long rejectedCalls() {
        return rejectedCalls.get();
    }

    long rateLimitedCalls() {
        return rateLimitedCalls.get();
    }

    long refreshCallsOfUser(String username) {
        AtomicLong calls = username == null ? null : callsPerUser.get(username);
        return calls == null ? 0 : calls.get();
    }

    /** By username, for users with at least one call. */
    Map<String, Long> refreshCallsPerUser() {
        Map<String, Long> result = new TreeMap<>();
        callsPerUser.forEach((user, calls) -> {
            if (calls.get() > 0) {
                result.put(user, calls.get());
            }
        });
        return result;
    }

    /** Zeroes every counter except the per-family ones, which {@link TokenFamilies} resets. */
    void reset() {
        for (AtomicLong counter : new AtomicLong[] {refreshCalls, rotations, reuseDetections, revokedFamilies,
                rejectedCalls, rateLimitedCalls}) {
            counter.set(0);
        }
        callsPerUser.clear();
    }
}
