package org.tokenrefresh.ee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.ee.it.Http.cookies;
import static org.tokenrefresh.ee.it.Http.nowSeconds;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthHttpServer;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.Await;
import org.tokenrefresh.testsupport.CookieJar;
import org.tokenrefresh.testsupport.DataGrid;
import org.tokenrefresh.testsupport.PayaraMicro;
import org.tokenrefresh.testsupport.SetCookies;
import org.tokenrefresh.testsupport.UnsignedJwt;

/**
 * Two Payara Micro processes form one data grid on loopback and run the same WAR; one mock auth backend in
 * the test JVM serves both. The refresh of one session is shared across the nodes, in requests and in the
 * background monitors, a node hears the other's writes (JCache entry events, across the class loaders of
 * Payara's Hazelcast), a flood of random refresh cookies on both nodes displaces no successor record of the
 * cluster-wide store, and a node that dies in the middle of a refresh blocks the other no longer than the
 * refresh timeout.
 */
class TwoNodeClusterIT {

    /** connect-timeout 500ms + response-timeout 2s, no retries: the cluster lock lives this long. */
    private static final Duration REFRESH_TIMEOUT = Duration.ofMillis(2500);
    /** Shows each entry event a node's store hears (see ChangeListener). */
    private static final String STORE_EVENTS_LOGGED =
            "set-log-levels org.tokenrefresh.ee.internal.cluster.JCacheRefreshStore=FINE";
    /** Long enough for the flood of 1,000 requests on a busy machine to end within it. */
    private static final Duration ROTATION_GRACE = Duration.ofSeconds(90);

    @Test
    void nodesShareOneRefreshAndTheSurvivorServesTheSessionWhenTheRefreshingNodeDies() throws Exception {
        MockAuthBackend backend = MockAuthBackend.builder().accessTokenLifetime(Duration.ofSeconds(60)).build();
        try (MockAuthHttpServer mock = new MockAuthHttpServer(backend).start()) {
            Path war = TestWar.named("cluster").withLibrary().withTestApplication().exportTo(Nodes.workDir("cluster"));
            DataGrid grid = DataGrid.onLoopback("tokenrefresh-two", 2);
            List<String> settings = List.of(
                    "-Dtokenrefresh.backend-url=" + mock.baseUrl() + "/api/auth/refresh",
                    "-Dit.validate-url=" + mock.baseUrl() + "/api/validate",
                    "-Dtokenrefresh.connect-timeout=500ms", "-Dtokenrefresh.response-timeout=2s",
                    "-Dtokenrefresh.max-retries=0", "-Dtokenrefresh.retry-delay=0ms",
                    "-Dtokenrefresh.refresh-interval=1s",
                    "-Dtokenrefresh.store-max-entries=200", "-Dtokenrefresh.rotation-grace=" + ROTATION_GRACE.toSeconds() + "s");
            PayaraMicro node1 = Nodes.node("node1", "cluster").jvmOptions(settings).prebootCommands(STORE_EVENTS_LOGGED)
                    .deploy(war).member(grid, 0).start();
            PayaraMicro node2 = Nodes.node("node2", "cluster").jvmOptions(settings).prebootCommands(STORE_EVENTS_LOGGED)
                    .deploy(war).member(grid, 1).start();
            try {
                node1.awaitReady(Duration.ofSeconds(150));
                node2.awaitReady(Duration.ofSeconds(150));
                node1.await(DataGrid.sizeReached(2), Duration.ofSeconds(60));
                node2.await(DataGrid.sizeReached(2), Duration.ofSeconds(60));
                URI api1 = URI.create(node1.baseUrl() + "/cluster/api/data");
                URI api2 = URI.create(node2.baseUrl() + "/cluster/api/data");

                floodOfRandomRefreshCookiesDisplacesNoSuccessorRecordOfTheGrid(backend, api1, api2);

                for (PayaraMicro node : List.of(node1, node2)) {
                    node.await(Pattern.compile("waits for other nodes on entry events"), Duration.ofSeconds(60));
                }
                oneRefreshForParallelRequestsOnBothNodes(backend, api1, api2, node1, node2);
                oneBackgroundRefreshForASessionSeenOnBothNodes(backend, api1, api2);

                // a session whose 60 s token is due (25 s left) but still valid while node 1 dies and node 2 serves it
                TokenSet later = backend.login("demo", "demo");
                String laterAccess = backend.reissueAccessToken(later.accessToken(), Duration.ofSeconds(25));
                survivorServesTheSessionWhenTheRefreshingNodeDies(backend, later, laterAccess, node1, api1, api2);
            } finally {
                node1.close();
                node2.close();
            }
        }
    }

    /**
     * Issue 9 with the JCache store and {@code store-max-entries=200}: a session is rotated on node 1, 1,000 requests
     * with random refresh cookies go to both nodes, then the browser's late request with the old cookies reaches
     * node 2 within {@code rotation-grace}: it gets the successor, the used token is never sent again.
     */
    private static void floodOfRandomRefreshCookiesDisplacesNoSuccessorRecordOfTheGrid(MockAuthBackend backend, URI api1, URI api2)
            throws Exception {
        TokenSet login = backend.login("demo", "demo");
        CookieJar old = CookieJar.of("authToken", backend.reissueAccessToken(login.accessToken(), Duration.ZERO),
                "refreshToken", login.refreshToken());
        // the successor's token must not fall due during the flood (a due successor is refreshed once more when handed out)
        backend.setAccessTokenLifetime(Duration.ofMinutes(10));
        HttpResponse<String> rotated = Http.get(api1, old.header());
        backend.setAccessTokenLifetime(Duration.ofSeconds(60));
        assertEquals(200, rotated.statusCode(), rotated.body());
        String successor = SetCookies.requiredValue(rotated, "refreshToken");
        long rotatedAt = System.nanoTime();

        long callsBefore = backend.totalRefreshCalls();
        Random random = new Random(9);
        Semaphore inFlight = new Semaphore(32);
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        long now = nowSeconds();
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String cookies = i % 2 == 0 ? "refreshToken=" + forged
                    : cookies(UnsignedJwt.withTimes(now - 7200, now - 3600, "x" + i), forged);
            inFlight.acquire();
            flood.add(Http.send(i % 2 == 0 ? api1 : api2, cookies).whenComplete((response, error) -> {
                inFlight.release();
                if (response != null) {
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                }
            }));
        }
        CompletableFuture.allOf(flood.toArray(new CompletableFuture<?>[0])).get(5, java.util.concurrent.TimeUnit.MINUTES);
        Duration took = Duration.ofNanos(System.nanoTime() - rotatedAt);
        long floodCalls = backend.totalRefreshCalls() - callsBefore;
        System.out.println("IT two-node flood of 1000 random refresh cookies: " + took.toMillis() + " ms, statuses " + statuses
                + ", backend calls " + floodCalls);
        assertFalse(statuses.containsKey(500), statuses.toString());
        assertTrue(took.compareTo(ROTATION_GRACE) < 0, "the flood must end within rotation-grace for the check to mean anything: " + took);
        // per node: the first unvouched failures, then at most unvouched-rate (50) a second
        assertTrue(floodCalls <= 2 * (20 + 50 * (took.toSeconds() + 1)), "backend calls caused by the flood: " + floodCalls);

        HttpResponse<String> late = Http.get(api2, old.header());
        assertEquals(200, late.statusCode(), late.body());
        assertEquals(successor, SetCookies.requiredValue(late, "refreshToken"), "node 2 hands out node 1's successor");
        assertEquals(1, backend.refreshCalls(login.familyId()), "the used refresh token was never sent again");
        assertEquals(0, backend.reuseDetections());
        assertFalse(backend.isFamilyRevoked(login.familyId()));
        old.keep(late);
        HttpResponse<String> next = Http.get(api1, old.header());
        assertEquals(200, next.statusCode(), "the user's next request: " + next.body());
        // the nodes still count the flood's last second against unvouched-rate: the next parts start in a fresh one
        Thread.sleep(1100);
    }

    private static void oneRefreshForParallelRequestsOnBothNodes(MockAuthBackend backend, URI api1, URI api2,
            PayaraMicro node1, PayaraMicro node2) throws InterruptedException {
        TokenSet login = backend.login("demo", "demo");
        String expired = UnsignedJwt.withTimes(nowSeconds() - 3600, nowSeconds() - 60, "demo");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(Http.send(i % 2 == 0 ? api1 : api2, cookies(expired, login.refreshToken())));
        }
        Set<String> successors = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertEquals(200, response.statusCode(), response.body());
            successors.add(SetCookies.value(response, "refreshToken"));
        }
        assertEquals(1, backend.refreshCalls(login.familyId()), "exactly one backend refresh for both nodes");
        assertEquals(1, successors.size(), "both nodes handed out the same successor tokens");
        assertNotNull(successors.iterator().next());
        assertEquals(0, backend.reuseDetections());
        // one node wrote the successor: both nodes' listeners heard it, so one of them heard it across the grid
        Pattern heard = Pattern.compile("change of session " + TokenHash.shortId(login.refreshToken())
                + " in tokenrefresh\\.cluster\\.successors");
        node1.await(heard, Duration.ofSeconds(30));
        node2.await(heard, Duration.ofSeconds(30));
    }

    private static void oneBackgroundRefreshForASessionSeenOnBothNodes(MockAuthBackend backend, URI api1, URI api2) {
        // The monitor tracks the sessions its node refreshed: the first request refreshes the due login token on node 1.
        TokenSet login = backend.login("demo", "demo");
        // the library's refresh gets 10 s tokens: due after 5 s (after 4 s, as exp and iat are whole seconds), so
        // that the three requests below all come before it is due, even on a slow machine
        backend.setAccessTokenLifetime(Duration.ofSeconds(10));
        HttpResponse<String> first = Http.get(api1, cookies(UnsignedJwt.withTimes(nowSeconds() - 3600, nowSeconds() + 30, "demo"), login.refreshToken()));
        backend.setAccessTokenLifetime(Duration.ofSeconds(60));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(1, backend.refreshCalls(login.familyId()));
        String cookies = cookies(SetCookies.value(first, "authToken"), SetCookies.value(first, "refreshToken"));
        assertEquals(200, Http.get(api1, cookies).statusCode());
        assertEquals(200, Http.get(api2, cookies).statusCode());
        assertEquals(1, backend.refreshCalls(login.familyId()), "not due yet");

        assertTrue(Await.until(() -> backend.refreshCalls(login.familyId()) == 2, Duration.ofSeconds(15)),
                "a background monitor refreshed the active session ahead");
        // both monitors run every second: give them two more runs
        long settled = System.nanoTime() + Duration.ofMillis(2200).toNanos();
        assertTrue(Await.until(() -> System.nanoTime() > settled || backend.refreshCalls(login.familyId()) > 2,
                Duration.ofSeconds(3)));
        assertEquals(2, backend.refreshCalls(login.familyId()), "only one node refreshed it");

        HttpResponse<String> next1 = Http.get(api1, cookies);
        HttpResponse<String> next2 = Http.get(api2, cookies);
        assertEquals(200, next1.statusCode(), next1.body());
        assertEquals(200, next2.statusCode(), next2.body());
        assertNotNull(SetCookies.value(next1, "refreshToken"));
        assertEquals(SetCookies.value(next1, "refreshToken"), SetCookies.value(next2, "refreshToken"),
                "both nodes hand out the background successor");
        assertEquals(2, backend.refreshCalls(login.familyId()), "with no backend round trip");
        assertEquals(0, backend.reuseDetections());
    }

    private static void survivorServesTheSessionWhenTheRefreshingNodeDies(MockAuthBackend backend, TokenSet session,
            String accessToken, PayaraMicro node1, URI api1, URI api2) throws Exception {
        String cookies = cookies(accessToken, session.refreshToken());
        backend.setFault(FaultPlan.of(Fault.DELAY).delayMillis(1500).times(1));
        CompletableFuture<HttpResponse<String>> dying = Http.send(api1, cookies);
        assertTrue(Await.until(() -> backend.fault().mode() == Fault.NONE, Duration.ofSeconds(5)),
                "node1's refresh reached the backend");
        node1.kill(); // mid-refresh, holding the cluster lock

        long started = System.nanoTime();
        HttpResponse<String> survivor = Http.get(api2, cookies);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(200, survivor.statusCode(), survivor.body());
        // bounded by the request's wait budget, not by the grid's member-loss timeouts (60 s); wide for a slow machine
        assertTrue(took.compareTo(REFRESH_TIMEOUT.plusSeconds(8)) < 0, "blocked " + took.toMillis() + " ms");
        assertNull(SetCookies.value(survivor, "refreshToken"), "no new tokens: the old refresh token may be consumed");
        HttpResponse<String> next = Http.get(api2, cookies);
        assertEquals(200, next.statusCode(), "the session goes on while its access token is valid");

        assertTrue(Await.until(() -> backend.refreshCalls(session.familyId()) == 1, Duration.ofSeconds(5)),
                "the dead node's refresh was consumed by the backend");
        assertEquals(1, backend.refreshCalls(session.familyId()), "the token was never sent again");
        assertEquals(0, backend.reuseDetections());
        assertFalse(backend.isFamilyRevoked(session.familyId()));
        assertTrue(dying.isDone() || !dying.isCompletedExceptionally());
        System.out.println("IT survivor answered in " + took.toMillis() + " ms after node1 died mid-refresh");
    }
}
