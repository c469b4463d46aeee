package org.tokenrefresh.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.container.Browser.cookieValue;
import static org.tokenrefresh.container.Browser.cookies;
import static org.tokenrefresh.container.Browser.line;
import static org.tokenrefresh.container.Browser.line;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.container.server.ContainerServer;
import org.tokenrefresh.container.server.ServerSettings;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.internal.token.TokenHash;

/**
 * The scenarios of {@link ContainerScenarios} plus the Jakarta EE integration ({@code token-refresh-ee} in the
 * WAR): the application's CDI observer sees the library's events, the {@code @Schedule} background monitor runs,
 * and the integration uses what the server offers (a JCache store, MicroProfile Metrics) and stays quiet about
 * what it does not.
 */
abstract class EeContainerScenarios extends ContainerScenarios {

    /** Where single-flight and successor records live on this server. */
    enum Store { CLUSTER, MEMORY }

    private final Store store;
    private final boolean metrics;
    private final boolean enterpriseBeans;

    /**
     * @param store where the server's records are expected
     * @param metrics whether the server has MicroProfile Metrics
     * @param enterpriseBeans whether the server runs EJBs, and so the background monitor's {@code @Schedule}
     */
    protected EeContainerScenarios(ContainerServer server, Store store, boolean metrics, boolean enterpriseBeans) {
        super(server);
        this.store = store;
        this.metrics = metrics;
        this.enterpriseBeans = enterpriseBeans;
    }

    @Override
    protected ServerSettings settings() {
        ServerSettings base = super.settings();
        Map<String, String> library = new LinkedHashMap<>(base.library());
        library.put("tokenrefresh.refresh-interval", "1s"); // the monitor runs every second
        return new ServerSettings(library, base.application());
    }

    private String ee(String path) {
        HttpResponse<String> response = Browser.get(uri("ee/" + path), null);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private String events(TokenSet session) {
        return events(session.refreshToken());
    }

    private String events(String refreshToken) {
        return ee("events?session=" + TokenHash.shortId(refreshToken));
    }

    @Test
    @Order(10)
    void integrationStartsWithTheStoreAndFeaturesThisServerOffers() {
        String started = server().log().lines().filter(l -> l.contains("Token refresh EE integration for /" + ContainerServer.CONTEXT))
                .findFirst().orElse(null);
        assertNotNull(started, "the EE integration's start-up line\n" + server().tail());
        assertTrue(started.contains("CDI events"), started);
        assertTrue(started.contains("background monitor"), started);
        assertEquals(store == Store.CLUSTER, started.contains("cluster-wide JCache store"), started);
        assertEquals(metrics, started.contains("MicroProfile Metrics"), started);
        String runtime = ee("runtime");
        assertEquals("true", line(runtime, "engine"), runtime);
        assertEquals(store.name().toLowerCase(), line(runtime, "store"), runtime);
    }

    @Test
    @Order(11)
    void proactiveRefreshIsObservedByTheApplicationsCdiObserver() {
        TokenSet session = mock.login();
        String due = dueUnsignedToken();
        assertAppSawNewToken(Browser.get(uri("api/data"), cookies(due, session.refreshToken())), due);
        // synchronous observers run on the refreshing thread, before the response
        assertEquals("TokenRefreshed PROACTIVE", events(session));
    }

    @Test
    @Order(12)
    void backgroundMonitorRefreshesAnActiveSessionAheadOfItsNextRequestWhereTheServerRunsEnterpriseBeans() {
        if (!enterpriseBeans) {
            // Documented limitation: the monitor is an EJB timer. The server has run for many monitor periods.
            assertEquals("never", line(ee("runtime"), "monitorLastRun"), "no EJB subsystem, no monitor run");
            return;
        }
        // The monitor refreshes only sessions the library refreshed itself: the first request refreshes the due
        // login token, and the library's new token (30 s) falls due in 15 s, while the session is active.
        Duration halfLife = MockAuth.ACCESS_TTL.dividedBy(2);
        TokenSet session = mock.loginIssued(halfLife.plusSeconds(10));
        mock.accessLifetime(Duration.ofSeconds(30));
        HttpResponse<String> first;
        try {
            first = Browser.get(uri("api/data"), cookies(session.accessToken(), session.refreshToken()));
        } finally {
            mock.accessLifetime(MockAuth.ACCESS_TTL);
        }
        String issuedAccess = assertAppSawNewToken(first, session.accessToken());
        String issuedRefresh = cookieValue(first, "refreshToken");
        assertEquals(1, mock.refreshCalls(session), "the first request's refresh");

        assertTrue(eventually(() -> events(issuedRefresh).contains("TokenRefreshed BACKGROUND"), Duration.ofSeconds(60)),
                "the monitor refreshed the session in the background: " + events(issuedRefresh) + "\n" + ee("runtime"));
        assertEquals(2, mock.refreshCalls(session));
        assertNotEquals("never", line(ee("runtime"), "monitorLastRun"));

        // the browser still has the cookies of its first request: its next request gets the successor, no backend call
        HttpResponse<String> next = Browser.get(uri("api/data"), cookies(issuedAccess, issuedRefresh));
        assertAppSawNewToken(next, issuedAccess);
        assertEquals(2, mock.refreshCalls(session), "served from the successor record");
    }
}
