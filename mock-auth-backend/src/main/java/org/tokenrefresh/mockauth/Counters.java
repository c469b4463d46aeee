package org.tokenrefresh.mockauth;

import java.util.EnumMap;
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

    /** The backend-wide counts. */
    enum Count { REFRESH_CALLS, ROTATIONS, REUSE_DETECTIONS, REVOKED_FAMILIES, REJECTED_CALLS, RATE_LIMITED_CALLS }

    private final Map<Count, AtomicLong> counts = new EnumMap<>(Count.class); // filled once: reads need no lock
    private final Map<String, AtomicLong> callsPerUser = new ConcurrentHashMap<>();

    Counters() {
        for (Count count : Count.values()) {
            counts.put(count, new AtomicLong());
        }
    }

    /** One refresh call; {@code family} is null when the refresh token is unknown. */
    void refreshCall(TokenFamily family) {
        add(Count.REFRESH_CALLS);
        if (family != null) {
            family.refreshCalls.incrementAndGet();
            callsPerUser.computeIfAbsent(family.username, u -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * One more of the count: {@link Count#REJECTED_CALLS} is a refresh call answered by a fault or by a rate
     * limit; see also {@link #rateLimited()}.
     */
    void add(Count count) {
        counts.get(count).incrementAndGet();
    }

    /** A refresh call answered 429 by a rate limit (also counted as {@link Count#REJECTED_CALLS}). */
    void rateLimited() {
        add(Count.RATE_LIMITED_CALLS);
        add(Count.REJECTED_CALLS);
    }

    long get(Count count) {
        return counts.get(count).get();
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
        counts.values().forEach(counter -> counter.set(0));
        callsPerUser.clear();
    }
}
