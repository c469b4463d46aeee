package org.tokenrefresh.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.internal.store.InMemoryRefreshStore;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.spi.TokenPair;

/**
 * Item 6, heap per tracked session: {@code sessions} sessions each refreshed once through the real engine
 * (with a backend fake that answers at once), so that the in-memory store holds what the engine writes for a
 * rotation: the successor record (for {@code rotation-grace}) and the token-free "used" marker (for
 * {@code reuse-guard}). Retained heap is measured as the growth of used heap after full
 * GCs ({@link MemoryMXBean}), and cross-checked with JOL's object-graph walk when it works on this JVM.
 */
final class MemoryBenchmark {

    /** Heap per session for one round. */
    record Result(Jwts.Shape shape, int sessions, long storeEntries, double bytesPerSession, double jolBytesPerSession,
            int accessTokenLength, double load) {
    }

    private MemoryBenchmark() {
    }

    static Result run(Jwts.Shape shape, int sessions, boolean withJol) {
        long now = System.currentTimeMillis() / 1000;
        AtomicInteger serial = new AtomicInteger();
        AuthBackend backend = current -> {
            int n = serial.getAndIncrement();
            return BackendAnswer.tokens(new TokenPair(Jwts.token(shape, now, now + 900, n), Jwts.refreshToken(n + 10_000_000),
                    now + 900, now), 200);
        };
        Clock clock = Clock.systemUTC();
        InMemoryRefreshStore store = new InMemoryRefreshStore(clock, Math.max(sessions, 1));
        RefreshEngine engine = RefreshEngine.builder(TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:9/refresh",
                "store-max-entries", String.valueOf(Math.max(sessions, 1)))))
                .clock(clock).backend(backend).store(store).build();
        String oldAccess = Jwts.token(shape, now - 900, now - 1, 0);
        long before = usedAfterGc();
        for (int i = 0; i < sessions; i++) {
            RefreshOutcome outcome = engine.refresh(new TokenPair(oldAccess, Jwts.refreshToken(i), now - 1, now - 900),
                    Trigger.PROACTIVE);
            if (!outcome.isRefreshed()) {
                throw new IllegalStateException("refresh " + i + " failed: " + outcome);
            }
        }
        long after = usedAfterGc();
        double jol = withJol ? jolBytesPerSession(store, sessions) : Double.NaN;
        long entries = store.size();
        Result result = new Result(shape, sessions, entries, (double) (after - before) / sessions, jol,
                Jwts.token(shape, now, now + 900, 1).length(), Stats.load());
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
     * A bottom-up count with JOL: the key and record strings of sampled sessions as they sit in the store,
     * plus the instance sizes of the per-entry structure (the store's entry, Caffeine's node, the hash map's
     * node and its table slot). NaN when JOL cannot run here (on JDK 17 it needs
     * -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true).
     */
    private static double jolBytesPerSession(InMemoryRefreshStore store, int sessions) {
        try {
            int sample = Math.min(sessions, 1000);
            long strings = 0;
            long entries = 0;
            for (int i = 0; i < sample; i++) {
                String key = org.tokenrefresh.internal.token.TokenHash.of(Jwts.refreshToken(i));
                List<Object> held = new ArrayList<>(List.of(key)); // one key string, shared by both caches
                for (String value : new String[] {store.marker(key), store.successor(key)}) {
                    if (value != null) {
                        held.add(value);
                        entries++;
                    }
                }
                strings += org.openjdk.jol.info.GraphLayout.parseInstance(held.toArray()).totalSize();
            }
            // per record: the store's entry, Caffeine's node, the hash map's node and its table slot
            long structure = instanceSize("org.tokenrefresh.internal.store.InMemoryRefreshStore$Entry")
                    + instanceSize("com.github.benmanes.caffeine.cache.PSWMS")
                    + instanceSize("java.util.concurrent.ConcurrentHashMap$Node")
                    + 2L * org.openjdk.jol.vm.VM.current().sizeOfField("oop");
            return (double) (strings + entries * structure) / sample;
        } catch (Throwable e) {
            System.err.println("JOL cannot measure on this JVM: " + e);
            return Double.NaN;
        }
    }

    private static long instanceSize(String className) throws ClassNotFoundException {
        return org.openjdk.jol.info.ClassLayout.parseClass(Class.forName(className)).instanceSize();
    }
}
