package org.tokenrefresh.ee.internal.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.internal.client.ClientRegistry;
import org.tokenrefresh.ServiceTokenSource;
import org.tokenrefresh.spi.TokenSource;
import org.tokenrefresh.spi.TokenPair;

/**
 * One run of the background monitor, without any container around it (the EJB timer only decides when):
 * <ol>
 * <li>probes the auth backend; a failed probe counts as one failure for the circuit breaker, so a dead
 * backend opens the circuit even while no user is refreshing (a successful probe changes nothing: the
 * refresh endpoint may still fail where a plain GET succeeds);</li>
 * <li>evicts the sessions idle beyond the activity window;</li>
 * <li>refreshes ahead, with {@link Trigger#BACKGROUND}, each active session whose access token is due
 * ({@link RefreshEngine#isDue}); the engine keeps the successor for the activity window, so the user's next
 * request gets the new tokens with no backend round trip. Idle sessions are left alone. Skipped while the
 * circuit is open;</li>
 * <li>refreshes ahead the application's service tokens for outbound calls, when it registered a
 * {@link ServiceTokenSource} ({@link ServiceTokenSource#register()}, {@link ServiceTokenSource#refreshIfDue()}).</li>
 * </ol>
 * On several nodes every node runs this for the sessions it has seen; the store's lock and successor
 * record make sure only one of them calls the backend for a session, the others pick up its successor.
 */
public final class BackgroundRefresher {

    private static final Logger LOG = Logger.getLogger(BackgroundRefresher.class.getName());

    private final RefreshEngine engine;
    private final ActiveSessions sessions;
    private final Supplier<TokenSource> serviceTokens;

    /** A run for the application on the calling thread (its context class loader finds its service tokens). */
    public BackgroundRefresher(RefreshEngine engine, ActiveSessions sessions) {
        this(engine, sessions, ClientRegistry::tokenSource);
    }

    BackgroundRefresher(RefreshEngine engine, ActiveSessions sessions, Supplier<TokenSource> serviceTokens) {
        this.engine = engine;
        this.sessions = sessions;
        this.serviceTokens = serviceTokens;
    }

    public MonitorReport run() {
        long started = System.nanoTime();
        Instant at = engine.clock().instant();
        boolean reachable = probe();
        int evicted = sessions.evictIdle();
        int active = 0;
        int refreshed = 0;
        int fromOtherNode = 0;
        int ended = 0;
        int failed = 0;
        boolean circuitOpen = engine.circuit().state() == CircuitBreaker.State.OPEN;
        if (!circuitOpen) {
            for (ActiveSessions.Session session : sessions.active()) {
                active++;
                if (!engine.isDueAt(session.expiresAt(), session.issuedAt())) {
                    continue;
                }
                TokenPair tokens = session.tokens();
                RefreshOutcome outcome = engine.refresh(tokens, Trigger.BACKGROUND);
                switch (outcome.status()) {
                    case REFRESHED:
                        if (outcome.source() == RefreshOutcome.Source.BACKEND) {
                            refreshed++; // the engine re-keyed the session itself (SessionActivity.refreshed)
                        } else {
                            sessions.rotated(session, outcome.tokens());
                            fromOtherNode++;
                        }
                        break;
                    case SESSION_EXPIRED:
                        sessions.remove(tokens.refreshToken());
                        ended++;
                        break;
                    default:
                        failed++;
                }
                if (engine.circuit().state() == CircuitBreaker.State.OPEN) {
                    circuitOpen = true;
                    break;
                }
            }
        } else {
            active = sessions.active().size();
        }
        Boolean service = circuitOpen ? null : refreshServiceTokens();
        return new MonitorReport(at, Duration.ofNanos(System.nanoTime() - started), reachable, active, evicted,
                refreshed, fromOtherNode, ended, failed, circuitOpen, service);
    }

    /** The registered service tokens, refreshed when due: whether they are usable; {@code null} when none are registered. */
    private Boolean refreshServiceTokens() {
        TokenSource source;
        try {
            source = serviceTokens.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Service token registry not available", e);
            return null;
        }
        if (!(source instanceof ServiceTokenSource)) {
            return null;
        }
        boolean usable = ((ServiceTokenSource) source).refreshIfDue();
        if (!usable) {
            LOG.warning("Background monitor: the application's service tokens were due and could not be refreshed (see the events)");
        }
        return usable;
    }

    private boolean probe() {
        boolean reachable;
        try {
            reachable = engine.backend().probe();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Auth backend probe failed", e);
            reachable = false;
        }
        if (!reachable) {
            engine.probeFailed();
            LOG.warning("Background monitor: the auth backend at " + TokenRefreshSettings.redacted(engine.settings().backendUrl())
                    + " did not answer its probe; circuit " + engine.circuit().state());
        }
        return reachable;
    }
}
