package org.tokenrefresh.ee.internal.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.ee.internal.monitor.ActiveSessions;
import org.tokenrefresh.ee.internal.monitor.MonitorReport;

/**
 * The application's running token refresh, inside the module: its engine, the sessions the background
 * monitor tracks, and the monitor's last run. The module's plug-in attaches the engine when the filter
 * starts; the monitor, the health check and the metrics read it from here. Not an API: applications observe
 * the CDI events of {@code org.tokenrefresh.ee.events} instead.
 */
@ApplicationScoped
public class TokenRefreshRuntime {

    private volatile RefreshEngine engine;
    private volatile ActiveSessions sessions;
    private volatile MonitorReport lastMonitorRun;

    /** Called by the plug-in once the filter's engine runs. */
    public void attach(RefreshEngine engine, ActiveSessions sessions) {
        this.sessions = sessions;
        this.engine = engine;
    }

    /** Called by the plug-in when the filter stops; a newer engine stays attached. */
    public void detach(RefreshEngine stopping) {
        if (engine == stopping) {
            engine = null;
            sessions = null;
        }
    }

    /** Called by the background monitor after each run. */
    public void monitorRan(MonitorReport report) {
        this.lastMonitorRun = report;
    }

    /** The running engine, or {@code null} when the filter is not running (disabled, not yet started). */
    public RefreshEngine engine() {
        return engine;
    }

    /** Sessions tracked for the background monitor, or {@code null} when it is switched off. */
    public ActiveSessions sessions() {
        return sessions;
    }

    /** The background monitor's last run, or {@code null} before the first. */
    public MonitorReport lastMonitorRun() {
        return lastMonitorRun;
    }
}
