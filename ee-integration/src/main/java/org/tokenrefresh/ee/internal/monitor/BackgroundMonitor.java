package org.tokenrefresh.ee.internal.monitor;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.ee.internal.monitor.TokenRefreshRuntime;
import org.tokenrefresh.internal.engine.RefreshEngine;

/**
 * The background monitor: refreshes active sessions ahead of time, probes the auth backend and evicts idle
 * sessions ({@link BackgroundRefresher} says how).
 *
 * <h2>Usage</h2>
 * Nothing to do: it is an EJB in the library jar and starts with the application.
 *
 * <h2>Configuration</h2>
 * <ul>
 * <li>{@code tokenrefresh.refresh-interval} (default 5m): time between two runs.</li>
 * <li>{@code tokenrefresh.activity-window} (default 15m): only sessions seen within this are refreshed.</li>
 * <li>{@code tokenrefresh.background} (default true): {@code false} switches the monitor off.</li>
 * </ul>
 *
 * <h2>Behaviour</h2>
 * A non-persistent {@code @Schedule} ticks every second (EJB timers cannot go below one second) and
 * starts a run when {@code refresh-interval} has passed since the last one, so the period comes from
 * configuration without a persistent timer or a redeployment. Runs never overlap: a tick during a long run
 * is skipped. No transaction: the run calls the auth backend over HTTP. Every node of a cluster runs its own
 * monitor for the sessions it has seen.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BackgroundMonitor {

    private static final Logger LOG = Logger.getLogger(BackgroundMonitor.class.getName());
    /** Timer ticks drift by a few milliseconds: a run is due this much before the full interval. */
    private static final long TICK_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @Inject
    TokenRefreshRuntime runtime;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private volatile long lastRunNanos;
    private volatile boolean announced;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "token refresh background monitor")
    void tick() {
        RefreshEngine engine = runtime.engine();
        ActiveSessions sessions = runtime.sessions();
        if (engine == null || sessions == null || !engine.settings().background()) {
            return;
        }
        long now = System.nanoTime();
        long interval = engine.settings().refreshInterval().toNanos();
        if (lastRunNanos != 0 && now - lastRunNanos < interval - TICK_TOLERANCE_NANOS) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!announced) {
                announced = true;
                LOG.info("Token refresh background monitor: every " + engine.settings().refreshInterval().getSeconds()
                        + " s, sessions seen within " + engine.settings().activityWindow().getSeconds() + " s");
            }
            lastRunNanos = now;
            MonitorReport report = new BackgroundRefresher(engine, sessions).run();
            runs.incrementAndGet();
            runtime.monitorRan(report);
            LOG.fine(report::toString);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Token refresh background monitor run failed", e);
        } finally {
            running.set(false);
        }
    }

    /** Completed runs since the application started. */
    public long runs() {
        return runs.get();
    }
}
