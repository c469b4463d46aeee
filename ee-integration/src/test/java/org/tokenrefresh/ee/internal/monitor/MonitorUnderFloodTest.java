package org.tokenrefresh.ee.internal.monitor;

import org.tokenrefresh.internal.engine.RefreshMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * Issue 9, item 4: the background monitor keeps nothing a client sends. 100,000 requests with unique, never-seen
 * cookies of 4 KB (half with a far-future access token, which 0.1 kept for the activity window: about 800 MB; half
 * expired, so the engine tries to refresh them and the backend rejects them) go through the engine and the
 * monitor exactly as the servlet filter drives them. The retained heap of both together must stay under
 * {@value #RETAINED_LIMIT_MIB} MiB, and the monitor must track only the sessions the library refreshed.
 */
class MonitorUnderFloodTest {

    /** The stated bound for the engine and the monitor together after the flood, in MiB. */
    static final int RETAINED_LIMIT_MIB = 4;
    private static final int REQUESTS = 100_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void hundredThousandRequestsWithUniqueNeverSeenCookiesRetainLessThanTheStatedHeap() {
        long now = clock.epochSecond();
        ActiveSessions sessions = new ActiveSessions(clock, Duration.ofMinutes(15), 100_000, 16L * 1024 * 1024);
        // the backend knows only the genuine sessions' tokens; every forged one is answered invalid_grant
        RefreshEngine engine = RefreshEngine.builder(TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:9/refresh")))
                .clock(clock).activity(sessions).backend(current -> current.refreshToken().startsWith("genuine-")
                        ? BackendAnswer.tokens(new TokenPair("access-of-" + current.refreshToken(), current.refreshToken() + "-next",
                                now + 900, now), 200)
                        : BackendAnswer.invalidGrant(401, "unknown refresh token"))
                .build();
        List<TokenPair> genuine = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TokenPair expired = new TokenPair("access-" + i, "genuine-" + i, now - 60, now - 960);
            genuine.add(engine.refresh(expired, Trigger.PROACTIVE, true, engine.budget()).tokens());
        }
        assertEquals(10, sessions.size(), "the sessions the library refreshed are tracked");
        long before = usedHeapAfterGc();

        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < REQUESTS; i++) {
            boolean farFuture = i % 2 == 0;
            long expiresAt = farFuture ? now + 10 * 365 * 86_400L : now - 60;
            TokenPair forged = new TokenPair(randomToken(random, 2048) + expiresAt, randomToken(random, 2048), expiresAt, now - 3600);
            // what RefreshFlow does with a request's tokens
            if (!engine.isDue(forged)) {
                engine.seen(forged);
            } else {
                engine.refresh(forged, Trigger.PROACTIVE, false, engine.budget());
            }
            if (i % 100 == 0) {
                clock.advance(Duration.ofMillis(100)); // the flood spreads over 100 s of the engine's time
            }
            if (i % 1000 == 0) {
                engine.seen(genuine.get((i / 1000) % genuine.size())); // the real users go on meanwhile
            }
        }

        long retained = usedHeapAfterGc() - before;
        System.out.printf("monitor under a flood of %,d unique 4 KB cookies: %d sessions tracked (%d bytes counted),"
                + " engine and monitor retain %,d bytes; backend calls %d%n", REQUESTS, sessions.size(), sessions.bytes(), retained,
                engine.metrics().count(RefreshMetrics.Counter.BACKEND_CALLS));
        assertEquals(10, sessions.size(), "a request never adds a session: only the 10 genuine ones are tracked");
        assertEquals(genuine.stream().mapToLong(p -> ActiveSessions.ENTRY_OVERHEAD + p.refreshToken().length()).sum(), sessions.bytes(),
                "the monitor counts only what it tracks");
        assertTrue(retained < RETAINED_LIMIT_MIB * 1024L * 1024L, "retained " + retained + " bytes");
        assertTrue(engine.metrics().count(RefreshMetrics.Counter.BACKEND_CALLS) < 10 + 100 * 60,
                "expired forged cookies reach the backend at most at unvouched-rate: "
                        + engine.metrics().count(RefreshMetrics.Counter.BACKEND_CALLS));
        engine.close();
    }

    private static String randomToken(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
