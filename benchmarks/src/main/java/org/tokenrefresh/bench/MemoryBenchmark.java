package org.tokenrefresh.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.tokenrefresh.ee.internal.monitor.ActiveSessions;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.internal.store.InMemoryRefreshStore;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * Item 6, heap per tracked session: {@code sessions} sessions each refreshed once through the real engine (a
 * backend fake answers at once), with everything the library keeps per session attached as in production: the
 * in-memory store (the used token's marker and, during {@code rotation-grace}, its successor record) and the ee
 * integration's background monitor ({@link ActiveSessions}, which tracks each session the library refreshed).
 * Measured twice: during the grace, and after it (the clock moved past {@code rotation-grace}, the store's
 * expired successors removed), which is what a session costs for the rest of its life.
 * <p>
 * Top-down: growth of used heap after full GCs ({@link MemoryMXBean}). Bottom-up: JOL's walk of the whole
 * object graph of the store and of the monitor, less the same walk with no session.
 */
final class MemoryBenchmark {

    /** Which refresh tokens the backend issues. */
    enum RefreshShape {
        /** 43-character opaque strings, as the mock backend (and Entra ID, Okta) issue. */
        OPAQUE(Jwts::refreshToken),
        /** Keycloak's refresh tokens: signed JWTs of about 600 characters. */
        KEYCLOAK(Jwts::keycloakRefreshToken);

        private final IntFunction<String> tokens;

        RefreshShape(IntFunction<String> tokens) {
            this.tokens = tokens;
        }

        String token(int serial) {
            return tokens.apply(serial);
        }
    }

    /** Heap per session for one round, during and after the grace; the parts by JOL. */
    record Result(Jwts.Shape shape, RefreshShape refreshShape, int sessions, long storeEntries, long storeEntriesAfterGrace, int monitored,
            double inGrace, double afterGrace, double jolStoreInGrace, double jolStoreAfterGrace, double jolMonitor,
            int accessTokenLength, int refreshTokenLength, double load) {

        double jolAfterGrace() {
            return jolStoreAfterGrace + jolMonitor;
        }
    }

    private MemoryBenchmark() {
    }

    static Result run(Jwts.Shape shape, RefreshShape refreshShape, int sessions, boolean withJol) {
        MutableClock clock = MutableClock.followingSystemTime();
        long now = clock.epochSecond();
        AtomicInteger serial = new AtomicInteger();
        AuthBackend backend = current -> {
            int n = serial.getAndIncrement();
            return BackendAnswer.tokens(new TokenPair(Jwts.token(shape, now, now + 900, n), refreshShape.token(n + 10_000_000),
                    now + 900, now), 200);
        };
        TokenRefreshSettings settings = TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:9/refresh",
                "store-max-entries", String.valueOf(Math.max(sessions, 1)),
                // the default 16 MiB tracks about 78,000 sessions of opaque tokens: raised as an operator of such a site would
                "monitor-max-memory", "1024MiB"));
        InMemoryRefreshStore store = new InMemoryRefreshStore(clock, Math.max(sessions, 1));
        ActiveSessions monitor = new ActiveSessions(clock, settings.activityWindow(), Math.max(sessions, 1), settings.monitorMaxMemory());
        RefreshEngine engine = RefreshEngine.builder(settings).clock(clock).backend(backend).store(store).activity(monitor).build();
        String oldAccess = Jwts.token(shape, now - 900, now - 1, 0);
        double emptyStore = withJol ? jolBytes(store) : Double.NaN;
        double emptyMonitor = withJol ? jolBytes(monitor) : Double.NaN;

        long before = usedAfterGc();
        for (int i = 0; i < sessions; i++) {
            RefreshOutcome outcome = engine.refresh(new TokenPair(oldAccess, refreshShape.token(i), now - 1, now - 900),
                    Trigger.PROACTIVE);
            if (!outcome.isRefreshed()) {
                throw new IllegalStateException("refresh " + i + " failed: " + outcome);
            }
        }
        long inGrace = usedAfterGc() - before;
        double jolStoreInGrace = withJol ? (jolBytes(store) - emptyStore) / sessions : Double.NaN;
        long entries = store.size();

        clock.advance(settings.rotationGrace().plus(Duration.ofSeconds(1)));
        store.cleanUp();
        long afterGrace = usedAfterGc() - before;
        double jolStoreAfterGrace = withJol ? (jolBytes(store) - emptyStore) / sessions : Double.NaN;
        double jolMonitor = withJol ? (jolBytes(monitor) - emptyMonitor) / sessions : Double.NaN;

        Result result = new Result(shape, refreshShape, sessions, entries, store.size(), monitor.size(), (double) inGrace / sessions,
                (double) afterGrace / sessions, jolStoreInGrace, jolStoreAfterGrace, jolMonitor,
                Jwts.token(shape, now, now + 900, 1).length(), refreshShape.token(1).length(), Stats.load());
        engine.close();
        return result;
    }

    /** Used heap after full GCs, the lowest of four readings. */
    static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Bytes of everything reachable from {@code root} (JOL's graph walk); NaN when JOL cannot run here (on JDK 17
     * it needs -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true). The clock and shared JDK objects
     * are reachable too, but equally from the empty walk it is compared with.
     */
    private static double jolBytes(Object root) {
        try {
            return org.openjdk.jol.info.GraphLayout.parseInstance(root).totalSize();
        } catch (Throwable e) {
            System.err.println("JOL cannot measure on this JVM: " + e);
            return Double.NaN;
        }
    }
}
