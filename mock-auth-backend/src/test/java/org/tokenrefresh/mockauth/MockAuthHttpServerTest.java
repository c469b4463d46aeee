package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tokenrefresh.testsupport.MutableClock;

class MockAuthHttpServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "demo-client:demo-secret".getBytes(StandardCharsets.UTF_8));

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private MockAuthHttpServer server;
    private MockAuthBackend backend;

    @BeforeEach
    void start() {
        server = new MockAuthHttpServer(MockAuthBackend.builder().clock(clock).build()).start();
        backend = server.backend();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertTrue(server.address().getAddress().isLoopbackAddress());
        assertTrue(server.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), server.baseUrl());
    }

    @Test
    void loginAcceptsJsonAndFormAndRejectsBadCredentials() throws Exception {
        HttpResponse<String> json = post("/login", JSON, "{\"username\":\"demo\",\"password\":\"demo\"}");
        HttpResponse<String> form = post("/login", FORM, "username=demo&password=demo");
        HttpResponse<String> bad = post("/login", JSON, "{\"username\":\"demo\",\"password\":\"nope\"}");

        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"expiresIn\":60,\"user\":{\"username\":\"demo\"}"), json.body());
        assertEquals(200, form.statusCode());
        assertEquals(401, bad.statusCode());
        assertFalse(bad.body().contains("accessToken"));
    }

    @Test
    void jsonRefreshRotatesTokensEvenWithAnExpiredBearer() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        clock.advance(Duration.ofMinutes(5)); // access token long expired: the bearer header must not matter

        HttpResponse<String> ok = post("/api/auth/refresh", JSON, refreshBody(login.refreshToken()),
                "Authorization", "Bearer " + login.accessToken());

        assertEquals(200, ok.statusCode());
        assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElse(""));
        String newRefresh = field(ok.body(), "refreshToken");
        assertNotEquals(login.refreshToken(), newRefresh);
        assertEquals("demo", backend.validateAccessToken(field(ok.body(), "accessToken")).subject());
        assertTrue(ok.body().contains("\"expiresIn\":60"), ok.body());

        HttpResponse<String> next = post("/api/auth/refresh", JSON, refreshBody(newRefresh));
        assertEquals(200, next.statusCode());
        assertEquals(2, backend.successfulRefreshes());
    }

    @Test
    void reusingConsumedRefreshTokenOverHttpIsInvalidGrantAndRevokesFamily() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        String successor = field(post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())).body(),
                "refreshToken");

        HttpResponse<String> reuse = post("/api/auth/refresh", JSON, refreshBody(login.refreshToken()));

        assertEquals(401, reuse.statusCode());
        assertEquals("invalid_grant", field(reuse.body(), "error"));
        assertEquals(401, post("/api/auth/refresh", JSON, refreshBody(successor)).statusCode());
        assertTrue(get("/admin/stats").body().contains("\"reuseDetections\":1"));
    }

    @Test
    void malformedJsonRefreshBodyIsBadRequestAndConsumesNothing() throws Exception {
        TokenSet login = backend.login("demo", "demo");

        assertEquals(400, post("/api/auth/refresh", JSON, "{\"refreshToken\":").statusCode());
        assertEquals(400, post("/api/auth/refresh", JSON, "{\"token\":\"x\"}").statusCode());
        assertEquals(405, get("/api/auth/refresh").statusCode());

        assertEquals(2, backend.totalRefreshCalls());
        assertEquals(200, post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())).statusCode());
    }

    @Test
    void oauth2RefreshWithClientSecretBasic() throws Exception {
        TokenSet login = backend.login("demo", "demo");

        HttpResponse<String> ok = post("/oauth2/token", FORM,
                "grant_type=refresh_token&refresh_token=" + login.refreshToken(), "Authorization", BASIC);

        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("Bearer", field(ok.body(), "token_type"));
        assertTrue(ok.body().contains("\"expires_in\":60"), ok.body());
        assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(login.familyId(), backend.validateAccessToken(field(ok.body(), "access_token")).familyId());
        assertNotEquals(login.refreshToken(), field(ok.body(), "refresh_token"));
    }

    @Test
    void oauth2RefreshWithClientSecretPost() throws Exception {
        TokenSet login = backend.login("demo", "demo");

        HttpResponse<String> ok = post("/oauth2/token", FORM, "grant_type=refresh_token&refresh_token="
                + login.refreshToken() + "&client_id=demo-client&client_secret=demo-secret");

        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(1, backend.successfulRefreshes());
    }

    @Test
    void oauth2WrongOrMissingClientCredentialsIsInvalidClientAndKeepsTheToken() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        String grant = "grant_type=refresh_token&refresh_token=" + login.refreshToken();
        String wrongBasic = "Basic " + Base64.getEncoder().encodeToString("demo-client:guess".getBytes(
                StandardCharsets.UTF_8));

        HttpResponse<String> wrong = post("/oauth2/token", FORM, grant, "Authorization", wrongBasic);
        HttpResponse<String> missing = post("/oauth2/token", FORM, grant);
        HttpResponse<String> wrongPost = post("/oauth2/token", FORM, grant + "&client_id=demo-client&client_secret=x");

        for (HttpResponse<String> response : List.of(wrong, missing, wrongPost)) {
            assertEquals(401, response.statusCode());
            assertEquals("invalid_client", field(response.body(), "error"));
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        }
        assertEquals(200, post("/oauth2/token", FORM, grant, "Authorization", BASIC).statusCode());
    }

    @Test
    void oauth2ErrorsFollowRfc6749Section5_2() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        post("/oauth2/token", FORM, "grant_type=refresh_token&refresh_token=" + login.refreshToken(),
                "Authorization", BASIC);

        HttpResponse<String> reused = post("/oauth2/token", FORM,
                "grant_type=refresh_token&refresh_token=" + login.refreshToken(), "Authorization", BASIC);
        HttpResponse<String> password = post("/oauth2/token", FORM, "grant_type=password&username=demo",
                "Authorization", BASIC);
        HttpResponse<String> noToken = post("/oauth2/token", FORM, "grant_type=refresh_token", "Authorization", BASIC);
        HttpResponse<String> twoMethods = post("/oauth2/token", FORM,
                "grant_type=refresh_token&refresh_token=x&client_secret=demo-secret", "Authorization", BASIC);
        HttpResponse<String> json = post("/oauth2/token", JSON, "{\"grant_type\":\"refresh_token\"}",
                "Authorization", BASIC);

        assertEquals(400, reused.statusCode());
        assertEquals("invalid_grant", field(reused.body(), "error"));
        assertEquals("unsupported_grant_type", field(password.body(), "error"));
        assertEquals("invalid_request", field(noToken.body(), "error"));
        assertEquals("invalid_request", field(twoMethods.body(), "error"));
        assertEquals(400, json.statusCode());
        assertEquals("invalid_request", field(json.body(), "error"));
        assertEquals(1, backend.reuseDetections());
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() throws Exception {
        server.close();
        server = new MockAuthHttpServer(MockAuthBackend.builder().clock(clock)
                .rateLimit(1, Duration.ofMinutes(15)).build()).start();
        TokenSet login = server.backend().login("demo", "demo");
        String next = field(post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())).body(),
                "refreshToken");

        HttpResponse<String> limited = post("/api/auth/refresh", JSON, refreshBody(next));

        assertEquals(429, limited.statusCode());
        assertEquals("900", limited.headers().firstValue("Retry-After").orElse(""));
        assertEquals("{\"error\":\"Too many authentication attempts\",\"message\":\"Please try again in 15 minutes\"}",
                limited.body());
        assertEquals(1, server.backend().rejectedCalls());
        clock.advance(Duration.ofMinutes(15));
        assertEquals(200, post("/api/auth/refresh", JSON, refreshBody(next)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"NONE", "DELAY", "RESET", "LOST_RESPONSE", "LATE_ANSWER"}, mode = EnumSource.Mode.EXCLUDE)
    void faultAnswersInsteadOfRefreshingAndDoesNotConsumeTheToken(Fault fault) throws Exception {
        TokenSet login = backend.login("demo", "demo");
        backend.setFault(FaultPlan.of(fault).retryAfterSeconds(7));

        HttpResponse<String> json = post("/api/auth/refresh", JSON, refreshBody(login.refreshToken()));
        HttpResponse<String> oauth2 = post("/oauth2/token", FORM,
                "grant_type=refresh_token&refresh_token=" + login.refreshToken(), "Authorization", BASIC);

        for (HttpResponse<String> response : List.of(json, oauth2)) {
            assertFaultAnswer(fault, response);
        }
        assertEquals(2, backend.rejectedCalls());
        assertEquals(2, backend.refreshCalls(login.familyId()));
        assertEquals(0, backend.successfulRefreshes());
        backend.setFault(Fault.NONE);
        assertEquals(200, post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())).statusCode(),
                "the token survived the fault");
        assertEquals(0, backend.reuseDetections());
    }

    private static void assertFaultAnswer(Fault fault, HttpResponse<String> response) {
        String body = response.body();
        switch (fault) {
            case RATE_LIMIT_429 -> {
                assertEquals(429, response.statusCode());
                assertEquals("7", response.headers().firstValue("Retry-After").orElse(""));
                assertEquals("Too many authentication attempts", field(body, "error"));
            }
            case UNAVAILABLE_503 -> {
                assertEquals(503, response.statusCode());
                assertEquals("7", response.headers().firstValue("Retry-After").orElse(""));
            }
            case ERROR_500 -> assertEquals(500, response.statusCode());
            case HTML_502 -> {
                assertEquals(502, response.statusCode());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
                assertTrue(body.contains("<h1>502 Bad Gateway</h1>"), body);
            }
            case NOT_FOUND_404 -> {
                assertEquals(404, response.statusCode());
                assertTrue(body.contains("<h1>404 Not Found</h1>"), body);
            }
            case UNPROCESSABLE_422 -> {
                assertEquals(422, response.statusCode());
                assertEquals("unprocessable_entity", field(body, "error"));
            }
            case INVALID_REQUEST_400 -> {
                assertEquals(400, response.statusCode());
                assertEquals("invalid_request", field(body, "error"));
            }
            case GARBAGE_200 -> {
                assertEquals(200, response.statusCode());
                assertThrows(IllegalArgumentException.class, () -> Json.parseObject(body));
            }
            case EMPTY_200 -> {
                assertEquals(200, response.statusCode());
                assertEquals("", body);
            }
            case MISSING_FIELDS_200 -> {
                assertEquals(200, response.statusCode());
                Json.parseObject(body);
                assertFalse(body.contains("ccess"), body);
                assertFalse(body.contains("efresh"), body);
            }
            default -> throw new AssertionError("no expectation for " + fault);
        }
    }

    @Test
    void garbage200DoesNotConsumeRefreshToken() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        backend.setFault(Fault.GARBAGE_200);

        HttpResponse<String> garbage = post("/api/auth/refresh", JSON, refreshBody(login.refreshToken()));
        backend.setFault(Fault.NONE);
        HttpResponse<String> retry = post("/api/auth/refresh", JSON, refreshBody(login.refreshToken()));

        assertEquals(200, garbage.statusCode());
        assertFalse(garbage.body().contains(login.familyId()));
        assertEquals(200, retry.statusCode());
        assertEquals(0, backend.reuseDetections());
        assertFalse(backend.isFamilyRevoked(login.familyId()));
    }

    @Test
    void resetFaultDropsTheConnectionWithoutAnAnswer() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        backend.setFault(FaultPlan.of(Fault.RESET).times(1));

        assertThrows(IOException.class, () -> post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())));

        assertEquals(1, backend.rejectedCalls());
        assertEquals(200, post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())).statusCode());
    }

    @Test
    void delayFaultAnswersNormallyAfterThePauseAndConsumesTheToken() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        backend.setFault(FaultPlan.of(Fault.DELAY).delayMillis(300));

        long start = System.nanoTime();
        HttpResponse<String> delayed = post("/api/auth/refresh", JSON, refreshBody(login.refreshToken()));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, delayed.statusCode());
        assertTrue(elapsedMillis >= 300, "answered after " + elapsedMillis + " ms");
        assertEquals(0, backend.rejectedCalls());
        assertEquals(1, backend.successfulRefreshes());
    }

    @Test
    void countedFaultAppliesToTheNextCallsOnly() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        post("/admin/fault?mode=unavailable_503&count=2&retryAfter=3", FORM, "");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())).statusCode());
        }

        assertEquals(List.of(503, 503, 200), statuses);
        assertEquals(3, backend.totalRefreshCalls());
    }

    @Test
    void healthIsDownOnlyWhileUnavailable() throws Exception {
        assertEquals("{\"status\":\"UP\"}", get("/health").body());
        backend.setFault(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(5));

        HttpResponse<String> down = get("/health");

        assertEquals(503, down.statusCode());
        assertEquals("5", down.headers().firstValue("Retry-After").orElse(""));
        backend.setFault(Fault.ERROR_500);
        assertEquals(200, get("/health").statusCode(), "faults apply to the refresh endpoints only");
    }

    @Test
    void validateAnswersClaimsOr401() throws Exception {
        TokenSet login = backend.login("demo", "demo");

        HttpResponse<String> valid = post("/api/validate", JSON, "", "Authorization", "Bearer " + login.accessToken());
        HttpResponse<String> missing = post("/api/validate", JSON, "");
        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> expired = post("/api/validate", JSON, "", "Authorization", "Bearer " + login.accessToken());

        assertEquals(200, valid.statusCode());
        assertEquals(login.familyId(), field(valid.body(), "fam"));
        assertEquals(401, missing.statusCode());
        assertEquals(401, expired.statusCode());
        assertEquals("token expired", field(expired.body(), "message"));
        assertTrue(expired.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void adminEndpointsRevokeReconfigureAndReset() throws Exception {
        TokenSet login = backend.login("demo", "demo");

        HttpResponse<String> revoke = post("/admin/revoke?user=demo", FORM, "");
        assertEquals("{\"revoked\":1}", revoke.body());
        assertEquals(401, post("/api/validate", JSON, "", "Authorization", "Bearer " + login.accessToken())
                .statusCode());

        assertEquals(200, post("/admin/config?accessTtl=5", FORM, "").statusCode());
        assertEquals(5, backend.login("demo", "demo").expiresIn());
        assertEquals(400, post("/admin/config?accessTtl=soon", FORM, "").statusCode());
        assertEquals(400, post("/admin/fault?mode=EXPLODE", FORM, "").statusCode());

        post("/admin/fault?mode=ERROR_500", FORM, "");
        post("/api/auth/refresh", JSON, refreshBody("unknown"));
        assertTrue(get("/admin/stats").body().contains("\"totalRefreshCalls\":1,"));
        assertEquals(200, post("/admin/reset", FORM, "").statusCode());
        assertTrue(get("/admin/stats").body().contains("\"totalRefreshCalls\":0,"));
        assertEquals(Fault.NONE, backend.fault().mode());
        assertEquals(404, get("/nowhere").statusCode());
    }

    @Test
    void concurrentRefreshesOfOneTokenLetExactlyOneSucceedAndRevokeTheFamily() throws Exception {
        TokenSet login = backend.login("demo", "demo");
        int threads = 20;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                ready.countDown();
                try {
                    go.await();
                    return post("/api/auth/refresh", JSON, refreshBody(login.refreshToken())).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable).start()));
        }
        ready.await();
        go.countDown();

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> result : results) {
            statuses.add(result.get());
        }

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(threads - 1, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        assertEquals(threads, backend.refreshCalls(login.familyId()));
        assertEquals(1, backend.reuseDetections());
        assertTrue(backend.isFamilyRevoked(login.familyId()));
    }

    @Test
    void serves200ConcurrentDelayedRequestsInParallel() throws Exception {
        backend.setFault(FaultPlan.of(Fault.DELAY).delayMillis(500));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/auth/refresh"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(refreshBody("unknown"))).build();

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(401, response.get().statusCode());
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // one after the other they would take 100 s
        assertTrue(elapsedMillis < 15_000, "200 delayed requests took " + elapsedMillis + " ms");
        assertEquals(200, backend.totalRefreshCalls());
    }

    private String refreshBody(String refreshToken) {
        return "{\"refreshToken\":\"" + refreshToken + "\"}";
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no string field " + name + " in " + json);
        }
        return m.group(1);
    }
}
