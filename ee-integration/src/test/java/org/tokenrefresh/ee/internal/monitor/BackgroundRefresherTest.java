package org.tokenrefresh.ee.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.client.ClientRegistry;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.spi.RefreshEvent.Trigger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.ee.internal.cluster.JCacheRefreshStore;
import org.tokenrefresh.ee.testing.FakeCaches;
import org.tokenrefresh.ee.testing.RotatingBackend;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.ServiceTokenSource;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.RefreshOutcome;
import org.tokenrefresh.ServiceTokenSource;
import org.tokenrefresh.testsupport.MutableClock;
import org.tokenrefresh.spi.TokenPair;

class BackgroundRefresherTest {

    /** 10-minute tokens: due in their last 5 minutes (half the lifetime caps the 10m threshold). */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RotatingBackend backend = new RotatingBackend(clock, 600);
    private final TokenRefreshSettings settings = TokenRefreshSettings.of(Map.of(
            "backend-url", "http://127.0.0.1:9/refresh", "activity-window", "15m", "refresh-interval", "1m",
            "circuit-failure-threshold", "2"));
    private final List<RefreshEvent> events = new CopyOnWriteArrayList<>();

    private Node node(FakeCaches grid) {
        return new Node(grid);
    }

    /** One server: its engine (sharing {@code grid} with the other nodes, when there is one) and its tracker. */
    private final class Node {
        final ActiveSessions sessions = new ActiveSessions(clock, settings.activityWindow(), 1000, 1024 * 1024);
        final RefreshEngine engine;

        Node(FakeCaches grid) {
            RefreshEngine.Builder builder = RefreshEngine.builder(settings).clock(clock).backend(backend)
                    .activity(sessions).listener(events::add);
            if (grid != null) {
                builder.store(JCacheRefreshStore.open(grid.manager(), "/app", null, settings, clock));
            }
            engine = builder.build();
        }

        MonitorReport run() {
            return new BackgroundRefresher(engine, sessions).run();
        }

        /** This node issued the tokens (the engine tells its tracker so after every refresh it makes). */
        TokenPair issued(TokenPair tokens) {
            sessions.refreshed(new TokenPair(null, "before-" + tokens.refreshToken(), 0, 0), tokens);
            return tokens;
        }
    }

    @Test
    void activeSessionIsRefreshedAheadAndItsNextRequestNeedsNoBackendCall() {
        Node node = node(null);
        TokenPair tokens = node.issued(backend.login("refresh-0"));
        node.engine.seen(tokens); // a request, token not yet due
        clock.advance(Duration.ofMinutes(6));
        MonitorReport report = node.run();
        assertEquals(1, report.refreshed(), report.toString());
        assertEquals(List.of("refresh-0"), backend.received());
        assertEquals(Trigger.BACKGROUND, events.get(0).trigger());
        assertTrue(node.sessions.isTracked("refresh-1"), "the successor is tracked");
        assertFalse(node.sessions.isTracked("refresh-0"));

        clock.advance(Duration.ofMinutes(2)); // the user comes back within the activity window
        RefreshOutcome next = node.engine.refresh(tokens, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Source.SUCCESSOR, next.source());
        assertEquals("refresh-1", next.tokens().refreshToken());
        assertEquals(1, backend.received().size(), "no backend round trip");
    }

    @Test
    void sessionNotYetDueIsLeftAlone() {
        Node node = node(null);
        node.issued(backend.login("refresh-0"));
        clock.advance(Duration.ofMinutes(4));
        MonitorReport report = node.run();
        assertEquals(1, report.active());
        assertEquals(0, report.refreshed());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void idleSessionIsNotRefreshedAndIsEvicted() {
        Node node = node(null);
        node.issued(backend.login("refresh-0"));
        clock.advance(Duration.ofMinutes(16)); // due and expired, but the user left
        MonitorReport report = node.run();
        assertEquals(1, report.evicted());
        assertEquals(0, report.refreshed());
        assertTrue(backend.received().isEmpty());
        assertEquals(0, node.sessions.size());
    }

    @Test
    void onlyTheNodeThatIssuedASessionRefreshesItAndTheOtherHandsOutItsSuccessor() {
        FakeCaches grid = new FakeCaches();
        Node one = node(grid);
        Node two = node(grid);
        TokenPair tokens = one.issued(backend.login("refresh-0"));
        one.engine.seen(tokens);
        two.engine.seen(tokens); // the user's requests reach both nodes
        assertFalse(two.sessions.isTracked("refresh-0"), "a request never adds a session to a monitor");
        clock.advance(Duration.ofMinutes(6));
        MonitorReport first = one.run();
        MonitorReport second = two.run();
        assertEquals(1, first.refreshed());
        assertEquals(0, second.refreshed() + second.fromOtherNode());
        assertEquals(List.of("refresh-0"), backend.received());
        RefreshOutcome onTwo = two.engine.refresh(tokens, Trigger.PROACTIVE);
        assertEquals(RefreshOutcome.Source.SUCCESSOR, onTwo.source(), "the grid carries the successor to the other node");
        clock.advance(Duration.ofMinutes(6)); // the successor is due in turn: still one call per token
        one.run();
        two.run();
        assertEquals(List.of("refresh-0", "refresh-1"), backend.received());
    }

    @Test
    void successorMadeByAnotherNodeIsFollowed() {
        FakeCaches grid = new FakeCaches();
        Node one = node(grid);
        Node two = node(grid);
        TokenPair tokens = backend.login("refresh-0");
        one.issued(tokens);
        two.issued(tokens); // both tracked it (each refreshed an earlier token of the session)
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, one.run().refreshed());
        assertEquals(1, two.run().fromOtherNode());
        assertTrue(two.sessions.isTracked("refresh-1"), "the other node follows the successor");
        assertEquals(List.of("refresh-0"), backend.received());
    }

    @Test
    void sessionEndedByTheBackendIsDropped() {
        Node node = nodeWithDueSessionAndNextAnswer(BackendAnswer.invalidGrant(401, "revoked"));
        MonitorReport report = node.run();
        assertEquals(1, report.ended());
        assertEquals(0, node.sessions.size());
    }

    @Test
    void failedProbesOpenTheCircuitAndAnOpenCircuitRefreshesNothing() {
        Node node = node(null);
        node.issued(backend.login("refresh-0"));
        backend.reachable = false;
        assertFalse(node.run().backendReachable());
        node.run();
        assertEquals(CircuitBreaker.State.OPEN, node.engine.circuit().state(), "threshold 2 reached by probes alone");
        clock.advance(Duration.ofMinutes(6));
        backend.reachable = true;
        node.engine.probeFailed();
        node.engine.probeFailed(); // kept open
        MonitorReport report = node.run();
        assertTrue(report.skippedCircuitOpen());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void registeredServiceTokensAreRefreshedAheadWhenDue() {
        Node node = node(null);
        TokenPair login = backend.login("service-0");
        ServiceTokenSource service = withEngine(node.engine, () -> ServiceTokenSource.of(login.accessToken(), login.refreshToken()));
        service.replace(login); // with the expiry the backend gave (its access tokens are opaque)
        BackgroundRefresher refresher = new BackgroundRefresher(node.engine, node.sessions, () -> service);
        assertTrue(refresher.run().serviceTokens(), "not due yet: usable");
        assertTrue(backend.received().isEmpty());
        clock.advance(Duration.ofMinutes(6));
        assertTrue(refresher.run().serviceTokens());
        assertEquals("refresh-1", service.tokens().refreshToken(), "the application's source holds the new tokens");
        assertEquals(List.of("service-0"), backend.received());
    }

    @Test
    void failedRefreshKeepsTheSessionForTheNextRun() {
        Node node = nodeWithDueSessionAndNextAnswer(BackendAnswer.serverError(500, "boom"));
        assertEquals(1, node.run().failed());
        assertTrue(node.sessions.isTracked("refresh-0"));
        clock.advance(Duration.ofSeconds(1)); // the session's own back-off
        assertEquals(1, node.run().refreshed());
    }

    /** A node tracking session {@code refresh-0}, now due, whose next backend call gets {@code answer}. */
    private Node nodeWithDueSessionAndNextAnswer(BackendAnswer answer) {
        Node node = node(null);
        node.issued(backend.login("refresh-0"));
        clock.advance(Duration.ofMinutes(6));
        backend.nextAnswer = answer;
        return node;
    }

    /** An engine registered for the calling thread's application, as the filter does when it starts. */
    private static <T> T withEngine(RefreshEngine engine, java.util.function.Supplier<T> action) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClientRegistry.registerEngine(loader, engine);
        try {
            return action.get();
        } finally {
            ClientRegistry.unregisterEngine(loader, engine);
        }
    }
}
