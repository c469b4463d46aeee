package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.engine.CircuitBreaker;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.internal.client.ClientRegistry;

/**
 * The client feature in a real Jersey 3.1 client, against a real downstream API and a real mock auth
 * backend over HTTP on 127.0.0.1. Service-account tokens ({@link ServiceTokenSource}) unless a test says
 * otherwise; token relay from an inbound request is in {@link RelayIT}.
 */
class ClientFeatureIT {

    private ClientRig rig;
    private Client client;

    @BeforeEach
    void start() throws Exception {
        rig = new ClientRig();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        rig.close();
    }

    private Client client(TokenRefreshClientFeature feature) {
        client = builder().register(feature).build();
        return client;
    }

    /** Registration by class: the JAX-RS runtime creates the feature, as {@code @Provider} and {@code @RegisterProvider} do. */
    private Client client(Class<TokenRefreshClientFeature> feature) {
        client = builder().register(feature).build();
        return client;
    }

    private static ClientBuilder builder() {
        return ClientBuilder.newBuilder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(20, TimeUnit.SECONDS);
    }

    private Response get(String path) {
        return client.target(rig.api.url(path)).request(MediaType.APPLICATION_JSON_TYPE).get();
    }

    /** A client-level filter that adds a header to every call, the resend included. */
    private static final ClientRequestFilter CLIENT_TAGGING = request -> request.getHeaders().add("X-Tag", "client-level");

    /** The calls the API saw: the first and one resend, which carried the source's current access token. */
    private List<DownstreamApi.Seen> resentOnceWithTheTokensOf(ServiceTokenSource source) {
        List<DownstreamApi.Seen> seen = rig.api.seen();
        assertEquals(2, seen.size());
        assertEquals(source.tokens().accessToken(), seen.get(1).token());
        return seen;
    }

    /** A client whose feature attaches a service account's tokens, fresh from a login. */
    private ServiceTokenSource clientWithServiceTokens() {
        ServiceTokenSource source = rig.login();
        client(new TokenRefreshClientFeature(source));
        return source;
    }

    private int status(String path) {
        try (Response response = get(path)) {
            return response.getStatus();
        }
    }

    private void assertGetAnswers(int status, String path, String... message) {
        assertEquals(status, status(path), String.join("", message));
    }

    @Test
    void attachesTheBearerTokenWithoutRefreshingWhileItIsValid() {
        ServiceTokenSource source = clientWithServiceTokens();
        assertGetAnswers(200, "/api/data");
        assertEquals(source.tokens().accessToken(), rig.api.seen().get(0).token());
        assertEquals(0, rig.backend.totalRefreshCalls());
    }

    @Test
    void refreshesBeforeSendingWhenTheTokenIsDue() {
        ServiceTokenSource source = clientWithServiceTokens();
        TokenPair before = source.tokens();
        rig.clock.advance(Duration.ofSeconds(45)); // 60 s token: due in its last 30 s, still valid
        assertGetAnswers(200, "/api/data");
        assertEquals(1, rig.backend.totalRefreshCalls());
        assertEquals(1, rig.api.requests.get(), "no 401 round trip: refreshed before sending");
        assertNotEquals(before.accessToken(), rig.api.seen().get(0).token());
        assertEquals(source.tokens().accessToken(), rig.api.seen().get(0).token(), "the source holds the new pair");
        assertNotEquals(before.refreshToken(), source.tokens().refreshToken());
    }

    @Test
    void verifyTokenRefreshedOn401AndCallerSeesOnlyTheSecondResponse() {
        ServiceTokenSource source = clientWithServiceTokens();
        rig.apiRefusesTheTokensIssuedSoFar();
        try (Response response = get("/api/data")) {
            assertEquals(200, response.getStatus());
            assertEquals("2", response.getHeaderString("X-Attempt"), "headers are the second response's");
            assertNull(response.getHeaderString("WWW-Authenticate"), "nothing of the 401 is left");
            assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
            String body = response.readEntity(String.class);
            assertTrue(body.contains("\"user\":\"demo\""), body);
        }
        assertEquals(2, rig.api.requests.get());
        assertEquals(1, rig.api.unauthorized.get());
        assertEquals(1, rig.backend.totalRefreshCalls());
        assertEquals(source.tokens().accessToken(), rig.api.seen().get(1).token(), "resent with the refreshed token");
    }

    @Test
    void secondUnauthorizedIsReturnedAsItIs() {
        clientWithServiceTokens();
        rig.api.notBefore.set(Long.MAX_VALUE); // the API refuses every token
        try (Response response = get("/api/data")) {
            assertEquals(401, response.getStatus());
            assertEquals("2", response.getHeaderString("X-Attempt"), "the resend's 401");
            assertEquals("{\"error\":\"invalid_token\"}", response.readEntity(String.class));
        }
        assertEquals(2, rig.api.requests.get(), "exactly one resend, no loop");
        assertEquals(1, rig.backend.totalRefreshCalls());
    }

    @Test
    void streamingEntityIsNotResentAndThe401GoesBack() {
        clientWithServiceTokens();
        rig.apiRefusesTheTokensIssuedSoFar();
        ByteArrayInputStream stream = new ByteArrayInputStream("order=42".getBytes(StandardCharsets.UTF_8));
        try (Response response = client.target(rig.api.url("/api/orders")).request()
                .post(Entity.entity(stream, MediaType.APPLICATION_OCTET_STREAM_TYPE))) {
            assertEquals(401, response.getStatus());
            assertEquals("{\"error\":\"invalid_token\"}", response.readEntity(String.class));
        }
        assertEquals(1, rig.api.requests.get(), "a stream is read once: not resent");
        assertEquals("order=42", rig.api.seen().get(0).body());
        assertEquals(0, rig.backend.totalRefreshCalls(), "no resend, no refresh (as the servlet filter does)");
    }

    @Test
    void postWithStringEntityIsResentWithTheSameBodyAndHeaders() {
        clientWithServiceTokens();
        rig.apiRefusesTheTokensIssuedSoFar();
        try (Response response = client.target(rig.api.url("/api/orders")).request()
                .header("X-Request-Id", "r-17").cookie("theme", "dark")
                .post(Entity.entity("order=42&qty=3", MediaType.TEXT_PLAIN_TYPE))) {
            assertEquals(200, response.getStatus());
            String body = response.readEntity(String.class);
            assertTrue(body.contains("\"method\":\"POST\""), body);
            assertTrue(body.contains("\"body\":\"order=42&qty=3\""), body);
        }
        List<DownstreamApi.Seen> seen = rig.api.seen();
        assertEquals(2, seen.size());
        for (DownstreamApi.Seen request : seen) {
            assertEquals("POST", request.method());
            assertEquals("/api/orders", request.path());
            assertEquals("order=42&qty=3", request.body());
            assertEquals("r-17", request.headers().getFirst("X-Request-Id"));
            assertEquals(seen.get(0).headers().get("Cookie"), request.headers().get("Cookie"));
            assertTrue(request.headers().getFirst("Cookie").contains("theme=dark"));
            assertTrue(request.headers().getFirst("Content-Type").startsWith("text/plain"));
            assertEquals(1, request.headers().get("Authorization").size(), "one Authorization header");
        }
        assertNotEquals(seen.get(0).token(), seen.get(1).token());
        assertEquals(1, rig.backend.totalRefreshCalls());
    }

    @Test
    void hundredParallelCallsWithAnExpiredTokenMakeExactlyOneRefresh() throws Exception {
        ServiceTokenSource source = clientWithServiceTokens();
        rig.clock.advance(Duration.ofMinutes(5)); // expired
        List<Integer> statuses = parallel(100, () -> status("/api/data"));
        assertEquals(100, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, rig.backend.totalRefreshCalls());
        assertEquals(0, rig.backend.reuseDetections());
        assertEquals(0, rig.api.unauthorized.get(), "every call went out with the new token");
        assertEquals(Set.of(source.tokens().accessToken()), tokensSeen());
    }

    @Test
    void hundredParallelCallsRejectedWith401ShareOneRefresh() throws Exception {
        clientWithServiceTokens();
        rig.apiRefusesTheTokensIssuedSoFar();
        List<Integer> statuses = parallel(100, () -> status("/api/data"));
        assertEquals(100, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, rig.backend.totalRefreshCalls());
        assertEquals(0, rig.backend.reuseDetections());
        assertEquals(100 + rig.api.unauthorized.get(), rig.api.requests.get(), "each 401 resent exactly once");
    }

    @Test
    void resendThatFailsInTransportReturnsTheOriginal401() {
        ServiceTokenSource source = clientWithServiceTokens();
        TokenPair before = source.tokens();
        rig.apiRefusesTheTokensIssuedSoFar();
        rig.api.answerOnly.set(1); // the API goes away after its 401
        try (Response response = get("/api/data")) {
            assertEquals(401, response.getStatus(), "not a ProcessingException");
            assertEquals("1", response.getHeaderString("X-Attempt"));
            assertEquals("{\"error\":\"invalid_token\"}", response.readEntity(String.class), "the first body is intact");
        }
        assertEquals(1, rig.backend.totalRefreshCalls());
        assertNotEquals(before.refreshToken(), source.tokens().refreshToken(), "the refresh is kept for the next call");
        rig.api.answerOnly.set(Integer.MAX_VALUE);
        assertGetAnswers(200, "/api/data");
        assertEquals(1, rig.backend.totalRefreshCalls());
    }

    @Test
    void sessionEndedByTheBackendReturnsTheOriginal401() {
        ServiceTokenSource source = clientWithServiceTokens();
        TokenPair before = source.tokens();
        rig.backend.revokeUser("demo"); // the API and the auth backend both refuse the session now
        try (Response response = get("/api/data")) {
            assertEquals(401, response.getStatus());
            assertEquals("1", response.getHeaderString("X-Attempt"), "the original 401");
            assertEquals("{\"error\":\"invalid_token\"}", response.readEntity(String.class));
        }
        assertEquals(1, rig.backend.totalRefreshCalls());
        assertSame(before, source.tokens(), "dead tokens stay until the application replaces them");
        assertGetAnswers(401, "/api/data");
        assertEquals(1, rig.backend.totalRefreshCalls(), "the dead refresh token is not sent again");
    }

    @Test
    void backendRetryAfterIsHonouredAndThe401GoesBackMeanwhile() {
        clientWithServiceTokens();
        rig.apiRefusesTheTokensIssuedSoFar();
        rig.backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(120));
        assertGetAnswers(401, "/api/data");
        assertEquals(1, rig.backend.totalRefreshCalls(), "a 120 s Retry-After is not waited out inline");
        assertEquals(CircuitBreaker.State.CLOSED, rig.engine.circuit().state(), "one session's answer pauses that session only");
        assertGetAnswers(401, "/api/data");
        assertEquals(1, rig.backend.totalRefreshCalls(), "no call for this session before its Retry-After");
        rig.backend.setFault(Fault.NONE);
        rig.clock.advance(Duration.ofSeconds(121));
        assertGetAnswers(200, "/api/data", "the same refresh token works once the backend is back");
        assertEquals(2, rig.backend.totalRefreshCalls());
        assertEquals(0, rig.backend.reuseDetections());
    }

    @Test
    void expiredTokenWithTheBackendDownIsSentOnceAndNotRefreshedTwice() {
        clientWithServiceTokens();
        rig.clock.advance(Duration.ofMinutes(5));
        rig.backend.setFault(FaultPlan.of(Fault.ERROR_500));
        assertGetAnswers(401, "/api/data", "the API's answer to the expired token, not an exception");
        assertEquals(1, rig.api.requests.get(), "not resent: the refresh ahead already failed");
        assertEquals(1, rig.backend.totalRefreshCalls(), "one refresh attempt per call");
    }

    @Test
    void callersOwnAuthorizationHeaderIsLeftAlone() {
        clientWithServiceTokens();
        rig.clock.advance(Duration.ofMinutes(5));
        try (Response response = client.target(rig.api.url("/api/data")).request()
                .header("Authorization", "Bearer caller-token").get()) {
            assertEquals(401, response.getStatus());
        }
        assertEquals("caller-token", rig.api.seen().get(0).token());
        assertEquals(1, rig.api.requests.get());
        assertEquals(0, rig.backend.totalRefreshCalls());
    }

    @Test
    void noArgFeatureUsesTheTokenSourceTheApplicationRegistered() {
        ServiceTokenSource source = rig.login();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClientRegistry.registerTokenSource(loader, source);
        try {
            client(TokenRefreshClientFeature.class); // created by the JAX-RS runtime, as @Provider / @RegisterProvider do
            rig.apiRefusesTheTokensIssuedSoFar();
            assertGetAnswers(200, "/api/data");
            assertEquals(1, rig.backend.totalRefreshCalls());
            assertEquals(source.tokens().accessToken(), rig.api.seen().get(1).token());
        } finally {
            ClientRegistry.unregisterTokenSource(loader, source);
        }
        assertNotSame(source, ClientRegistry.tokenSource());
    }

    @Test
    void noArgFeatureWithoutAnyTokenSourceSendsTheCallUnchanged() {
        client(TokenRefreshClientFeature.class);
        assertGetAnswers(401, "/api/data");
        assertNull(rig.api.seen().get(0).token());
        assertEquals(1, rig.api.requests.get());
    }

    @Test
    void requestPropertyChoosesTheTokenSourceOfOneCallEvenAsynchronously() throws Exception {
        ServiceTokenSource other = rig.login();
        client(new TokenRefreshClientFeature(rig.login()));
        rig.clock.advance(Duration.ofSeconds(45));
        try (Response response = client.target(rig.api.url("/api/data")).request()
                .property(TokenRefreshClientFeature.TOKEN_SOURCE_PROPERTY, other).async().get().get(20, TimeUnit.SECONDS)) {
            assertEquals(200, response.getStatus());
        }
        assertEquals(other.tokens().accessToken(), rig.api.seen().get(0).token(), "refreshed ahead, then sent");
        assertEquals(1, rig.backend.totalRefreshCalls());
    }

    @Test
    void asynchronousCallIsRefreshedAndResentOn401Too() throws Exception {
        clientWithServiceTokens();
        rig.apiRefusesTheTokensIssuedSoFar();
        try (Response response = client.target(rig.api.url("/api/data")).request().async().get().get(20, TimeUnit.SECONDS)) {
            assertEquals(200, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("\"user\":\"demo\""));
        }
        assertEquals(2, rig.api.requests.get());
        assertEquals(1, rig.backend.totalRefreshCalls());
    }

    @Test
    void resendCarriesTheFirstCallsHeadersOnceWhateverTheClientsFiltersAdd() {
        ServiceTokenSource source = rig.login();
        client = builder().register(new TokenRefreshClientFeature(source)).register(CLIENT_TAGGING).build();
        rig.apiRefusesTheTokensIssuedSoFar();
        assertGetAnswers(200, "/api/data");
        List<DownstreamApi.Seen> seen = resentOnceWithTheTokensOf(source);
        assertEquals(List.of("client-level"), seen.get(0).headers().get("X-Tag"));
        assertEquals(List.of("client-level"), seen.get(1).headers().get("X-Tag"), "the filter ran again, its header is not doubled");
    }

    @Test
    void featureRegisteredOnAWebTargetResendsTheSameHeaders() {
        ServiceTokenSource source = rig.login();
        ClientRequestFilter targetTagging = request -> request.getHeaders().add("X-Target-Tag", "target-level");
        client = builder().register(CLIENT_TAGGING).build();
        rig.apiRefusesTheTokensIssuedSoFar();
        try (Response response = client.target(rig.api.url("/api/data")).register(new TokenRefreshClientFeature(source))
                .register(targetTagging).request().get()) {
            assertEquals(200, response.getStatus());
        }
        List<DownstreamApi.Seen> seen = resentOnceWithTheTokensOf(source);
        assertEquals(List.of("client-level"), seen.get(1).headers().get("X-Tag"));
        assertEquals(List.of("target-level"), seen.get(1).headers().get("X-Target-Tag"), "carried over from the first call");
    }

    @Test
    void serviceTokensRefreshThroughTheOAuth2RefreshGrant() {
        RefreshEngine oauth2 = rig.engine("backend-url", rig.auth.baseUrl() + "/oauth2/token", "protocol", "oauth2",
                "client-id", "demo-client", "client-secret", "demo-secret");
        try {
            var login = rig.backend.login("demo", "demo");
            ServiceTokenSource source = ServiceTokenSource.on(oauth2, null, login.refreshToken()); // refresh token only
            client(new TokenRefreshClientFeature(source));
            assertGetAnswers(200, "/api/data");
            assertNotNull(source.tokens().accessToken());
            assertEquals(source.tokens().accessToken(), rig.api.seen().get(0).token());
            assertEquals(1, rig.backend.successfulRefreshes());
        } finally {
            oauth2.close();
        }
    }

    @Test
    void refreshIfDueRenewsServiceTokensAheadForAScheduler() {
        ServiceTokenSource source = rig.login();
        TokenPair before = source.tokens();
        assertTrue(source.refreshIfDue(), "not due yet: nothing to do");
        assertEquals(before, source.tokens(), "not due yet: the same pair");
        rig.clock.advance(Duration.ofSeconds(45));
        assertTrue(source.refreshIfDue());
        assertNotEquals(before.refreshToken(), source.tokens().refreshToken());
        assertEquals(1, rig.backend.totalRefreshCalls());
    }

    @Test
    void noTokenValueReachesTheLog() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("org.tokenrefresh");
        Level level = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        Set<String> tokens = new HashSet<>();
        try {
            ServiceTokenSource source = rig.login();
            tokens.add(source.tokens().accessToken());
            tokens.add(source.tokens().refreshToken());
            client(new TokenRefreshClientFeature(source));
            rig.clock.advance(Duration.ofSeconds(45)); // refresh ahead
            get("/api/data").close();
            tokens.add(source.tokens().refreshToken());
            rig.apiRefusesTheTokensIssuedSoFar(); // refresh on 401
            get("/api/data").close();
            tokens.add(source.tokens().refreshToken());
            rig.apiRefusesTheTokensIssuedSoFar();
            rig.backend.setFault(Fault.GARBAGE_200); // backend trouble
            get("/api/data").close();
            rig.backend.setFault(Fault.NONE);
            rig.backend.revokeUser("demo"); // session ended
            get("/api/data").close();
            rig.api.seen().forEach(seen -> tokens.add(seen.token()));
        } finally {
            root.removeHandler(capture);
            root.setLevel(level);
        }
        tokens.remove(null);
        assertTrue(tokens.size() >= 5, "tokens collected: " + tokens.size());
        assertFalse(records.isEmpty(), "the scenario logs something");
        SimpleFormatter formatter = new SimpleFormatter();
        for (LogRecord record : records) {
            String text = formatter.format(record);
            for (String token : tokens) {
                assertFalse(text.contains(token), "a token value in the log: " + record.getMessage());
            }
        }
    }

    @Test
    void registryGivesAnApplicationOnlyWhatItsOwnLoaderRegistered() {
        ClassLoader webapp = new ClassLoader(getClass().getClassLoader()) {
        };
        ClientRegistry.registerEngine(webapp, rig.engine);
        try {
            assertNull(ClientRegistry.engine(), "never another application's engine, even when it is the only one");
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(new ClassLoader(webapp) {
            });
            try {
                assertSame(rig.engine, ClientRegistry.engine(), "found through the context class loader's parents");
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        } finally {
            ClientRegistry.unregisterEngine(webapp, rig.engine);
        }
        assertNotSame(rig.engine, ClientRegistry.engine());
    }

    private Set<String> tokensSeen() {
        Set<String> tokens = new HashSet<>();
        rig.api.seen().forEach(seen -> tokens.add(seen.token()));
        return tokens;
    }

    private static <T> List<T> parallel(int calls, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void redirectToAnotherOriginNeverCarriesTheToken() throws Exception {
        try (DownstreamApi elsewhere = new DownstreamApi(rig.backend)) {
            client(new TokenRefreshClientFeature(rig.login()));
            try (Response response = get("/redirect?to=" + elsewhere.url("/api/data"))) {
                assertEquals(302, response.getStatus(), "a call that carries a token does not follow redirects");
            }
            assertEquals(0, elsewhere.requests.get(), "the other origin never saw the request, nor its Authorization header");
            assertTrue(rig.api.seen().get(0).token() != null, "the asked-for host got the token");
        }
    }

    @Test
    void relayHostsListsTheOnlyHostsATokenIsSentTo() throws Exception {
        try (ClientRig limited = new ClientRig("relay-hosts", "api.example.com, 127.0.0.1:1")) {
            Client own = builder().register(new TokenRefreshClientFeature(limited.login())).build();
            try (Response response = own.target(limited.api.url("/api/data")).request().get()) {
                assertEquals(401, response.getStatus());
            } finally {
                own.close();
            }
            assertNull(limited.api.seen().get(0).token(), "127.0.0.1 on another port is not in tokenrefresh.relay-hosts");
            assertEquals(0, limited.backend.totalRefreshCalls(), "and nothing is refreshed for it");
        }
    }
}
