package org.tokenrefresh.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Timeout;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.spi.BackendAnswer.Kind;
import org.tokenrefresh.mockauth.Fault;
import org.tokenrefresh.mockauth.FaultPlan;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthHttpServer;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.spi.BackendAnswer;
import org.tokenrefresh.testsupport.Loopback;
import org.tokenrefresh.spi.TokenPair;

/**
 * {@link AuthBackendClient} against real HTTP on 127.0.0.1: the mock auth backend for everything it can
 * answer, and a tiny JDK {@link HttpServer} (or a raw socket) for the answers it cannot produce.
 */
@Timeout(20) // a client that waited out a Retry-After by itself would hang here
class AuthBackendClientTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String JSON_PATH = "/api/auth/refresh";
    private static final String OAUTH2_PATH = "/oauth2/token";
    /** What the browser sent, for the fake servers (which do not look at it). */
    private static final TokenPair OLD = new TokenPair("old-access-2f9c1e", "old-refresh-7d41b8", 0, 0);

    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger clientLogger = Logger.getLogger(AuthBackendClient.class.getName());
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;
    private MockAuthBackend backend;
    private MockAuthHttpServer mock;

    @BeforeEach
    void startMockBackend() {
        previousLevel = clientLogger.getLevel();
        clientLogger.setLevel(Level.ALL);
        clientLogger.addHandler(logCapture);
        backend = MockAuthBackend.builder().clock(CLOCK).build();
        mock = new MockAuthHttpServer(backend).start();
        closeLater.add(mock);
    }

    @AfterEach
    void stopEverything() throws Exception {
        clientLogger.removeHandler(logCapture);
        clientLogger.setLevel(previousLevel);
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            closeLater.get(i).close();
        }
    }

    // ---- helpers ----

    private AuthBackendClient client(String url, String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("backend-url", url);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        AuthBackendClient client = new AuthBackendClient(TokenRefreshSettings.of(values), CLOCK);
        closeLater.add(client);
        return client;
    }

    private AuthBackendClient jsonClient(String... keyValues) {
        return client(mock.baseUrl() + JSON_PATH, keyValues);
    }

    /** An OAuth2 client (client {@code app}, secret {@code s3cret}) toward a fake server. */
    private AuthBackendClient oauth2ClientOf(FakeServer server) {
        return client(server.url(OAUTH2_PATH), "protocol", "oauth2", "client-id", "app", "client-secret", "s3cret");
    }

    private AuthBackendClient oauth2Client(String clientAuth, String clientSecret) {
        return client(mock.baseUrl() + OAUTH2_PATH, "protocol", "oauth2", "client-auth", clientAuth,
                "client-id", "demo-client", "client-secret", clientSecret);
    }

    private static TokenPair pair(TokenSet tokens) {
        return new TokenPair(tokens.accessToken(), tokens.refreshToken(), TokenPair.UNKNOWN, TokenPair.UNKNOWN);
    }

    private TokenSet login() {
        return backend.login("demo", "demo");
    }

    private static String jwt(long issuedAt, long expiresAt) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"sub\":\"demo\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
    }

    private static void assertNoToken(BackendAnswer answer, String... tokens) {
        for (String token : tokens) {
            assertFalse(answer.detail().contains(token), () -> "token in detail: " + answer.detail());
            assertFalse(answer.toString().contains(token), () -> "token in toString: " + answer);
        }
    }

    private void assertNothingLoggedWithAStackTrace() {
        for (LogRecord record : logged) {
            assertNull(record.getThrown(), () -> "logged with stack trace: " + record.getMessage());
        }
    }

    private FakeServer fake(int status, String contentType, String body, String... headers) {
        FakeServer server = new FakeServer(status, contentType, body, headers);
        closeLater.add(server);
        return server;
    }

    // ---- json protocol against the mock backend ----

    @Test
    void jsonRefreshReturnsTheNewPairWithExpiryReadFromTheJwt() {
        TokenSet old = login();

        BackendAnswer answer = jsonClient().refresh(pair(old));

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
        assertEquals(200, answer.status());
        TokenPair tokens = answer.tokens();
        assertNotEquals(old.accessToken(), tokens.accessToken());
        assertNotEquals(old.refreshToken(), tokens.refreshToken());
        assertEquals(NOW.getEpochSecond() + 60, tokens.expiresAt());
        assertEquals(NOW.getEpochSecond(), tokens.issuedAt());
        assertEquals("demo", backend.validateAccessToken(tokens.accessToken()).subject());
        assertEquals(1, backend.successfulRefreshes());
        assertNoToken(answer, old.refreshToken(), tokens.refreshToken(), tokens.accessToken());
    }

    @Test
    void newRefreshTokenFromTheAnswerWorksForTheNextRefresh() {
        AuthBackendClient client = jsonClient();
        TokenPair first = client.refresh(pair(login())).tokens();

        BackendAnswer second = client.refresh(first);

        assertEquals(Kind.TOKENS, second.kind(), second::toString);
        assertEquals(2, backend.successfulRefreshes());
        assertEquals(0, backend.reuseDetections());
    }

    @Test
    void anAnswerWithTokensLargerThanACookieIsKeptNotThrownAway() {
        backend = MockAuthBackend.builder().clock(CLOCK).accessTokenSize(12_000).refreshTokenSize(6_000).build();
        mock = new MockAuthHttpServer(backend).start();
        closeLater.add(mock);
        TokenSet old = login();

        BackendAnswer answer = jsonClient().refresh(pair(old));

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
        assertTrue(answer.tokens().accessToken().length() >= 12_000 && answer.tokens().refreshToken().length() >= 6_000);
        assertEquals(NOW.getEpochSecond() + 60, answer.tokens().expiresAt(), "the expiry is read from the large JWT");
    }

    @Test
    void unknownRefreshTokenIsAnInvalidGrant() {
        BackendAnswer answer = jsonClient().refresh(new TokenPair(null, "no-such-refresh-token", 0, 0));

        assertEquals(Kind.INVALID_GRANT, answer.kind(), answer::toString);
        assertEquals(401, answer.status());
        assertFalse(answer.kind().retriable());
        assertNoToken(answer, "no-such-refresh-token");
    }

    @Test
    void reusedRefreshTokenIsAnInvalidGrant() {
        AuthBackendClient client = jsonClient();
        TokenPair old = pair(login());
        assertEquals(Kind.TOKENS, client.refresh(old).kind());

        BackendAnswer answer = client.refresh(old);

        assertEquals(Kind.INVALID_GRANT, answer.kind(), answer::toString);
        assertEquals(1, backend.reuseDetections());
        assertNoToken(answer, old.refreshToken());
    }

    // ---- oauth2 protocol against the mock backend ----

    @ParameterizedTest(name = "client_secret_{0}")
    @ValueSource(strings = {"basic", "post"})
    void oauth2RefreshWithEitherClientAuthenticationReturnsTheNewPair(String clientAuth) {
        TokenSet old = login();

        BackendAnswer answer = oauth2Client(clientAuth, "demo-secret").refresh(pair(old));

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
        assertNotEquals(old.refreshToken(), answer.tokens().refreshToken());
        assertEquals(NOW.getEpochSecond() + 60, answer.tokens().expiresAt());
        assertEquals(1, backend.successfulRefreshes());
    }

    @Test
    void oauth2BasicAuthenticationFormEncodesIdAndSecret() {
        // RFC 6749 section 2.3.1: characters such as ':' and '%' survive the round trip
        backend = MockAuthBackend.builder().clock(CLOCK).client("my client:1", "p@ss:w%rd+").build();
        MockAuthHttpServer server = new MockAuthHttpServer(backend).start();
        closeLater.add(server);
        AuthBackendClient client = client(server.baseUrl() + OAUTH2_PATH, "protocol", "oauth2",
                "client-id", "my client:1", "client-secret", "p@ss:w%rd+");

        BackendAnswer answer = client.refresh(pair(backend.login("demo", "demo")));

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
    }

    @Test
    void oauth2ReusedRefreshTokenIsAnInvalidGrant() {
        AuthBackendClient client = oauth2Client("basic", "demo-secret");
        TokenPair old = pair(login());
        assertEquals(Kind.TOKENS, client.refresh(old).kind());

        BackendAnswer answer = client.refresh(old);

        assertEquals(Kind.INVALID_GRANT, answer.kind(), answer::toString);
        assertEquals(400, answer.status());
        assertTrue(answer.detail().contains("invalid_grant"), answer.detail());
        assertEquals(1, backend.reuseDetections());
    }

    @Test
    void oauth2InvalidClientIsAConfigurationProblemNotAnInvalidGrant() {
        TokenSet old = login();

        BackendAnswer answer = oauth2Client("basic", "wrong-secret").refresh(pair(old));

        assertEquals(Kind.CONFIGURATION, answer.kind(), answer::toString);
        assertEquals(401, answer.status());
        assertTrue(answer.detail().contains("invalid_client"), answer.detail());
        assertEquals(0, backend.successfulRefreshes());
        assertTrue(answer.detail().contains("client credentials"), "the detail the engine logs as a configuration problem: "
                + answer.detail());
        assertNoToken(answer, old.refreshToken(), "wrong-secret");
        // the token was not consumed: it still works with the right credentials
        assertEquals(Kind.TOKENS, oauth2Client("basic", "demo-secret").refresh(pair(old)).kind());
    }

    // ---- shapes of the request ----

    @Test
    void jsonRequestCarriesTheAccessTokenAsBearerAndTheRefreshTokenInTheBody() {
        FakeServer server = fake(200, "application/json",
                "{\"accessToken\":\"" + jwt(100, 200) + "\",\"refreshToken\":\"r2\"}");

        client(server.url(JSON_PATH)).refresh(new TokenPair("access-1", "refresh-1", 0, 0));

        Captured request = server.only();
        assertEquals("POST", request.method);
        assertEquals(JSON_PATH, request.path);
        assertEquals("Bearer access-1", request.header("Authorization"));
        assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
        assertEquals("application/json", request.header("Accept"));
        assertEquals("{\"refreshToken\":\"refresh-1\"}", request.body);
    }

    @Test
    void jsonRequestWithoutAccessTokenHasNoAuthorizationHeader() {
        FakeServer server = fake(401, "application/json", "{\"error\":\"invalid_grant\"}");

        client(server.url(JSON_PATH)).refresh(new TokenPair(null, "refresh-1", 0, 0));

        assertNull(server.only().header("Authorization"));
    }

    @Test
    void oauth2BasicRequestSendsCredentialsOnlyInTheAuthorizationHeader() {
        FakeServer server = fake(400, "application/json", "{\"error\":\"invalid_grant\"}");

        oauth2ClientOf(server).refresh(new TokenPair("access-1", "refresh-1", 0, 0));

        Captured request = server.only();
        assertEquals("Basic " + Base64.getEncoder().encodeToString("app:s3cret".getBytes(StandardCharsets.UTF_8)),
                request.header("Authorization"));
        assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", "refresh-1"), request.form());
    }

    @Test
    void oauth2PostRequestSendsCredentialsOnlyInTheForm() {
        FakeServer server = fake(400, "application/json", "{\"error\":\"invalid_grant\"}");

        client(server.url(OAUTH2_PATH), "protocol", "oauth2", "client-auth", "post", "client-id", "app",
                "client-secret", "s3cret").refresh(new TokenPair("access-1", "refresh-1", 0, 0));

        Captured request = server.only();
        assertNull(request.header("Authorization"));
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", "refresh-1", "client_id", "app",
                "client_secret", "s3cret"), request.form());
    }

    // ---- answers only the fake server gives ----

    @Test
    void oauth2AnswerWithoutRefreshTokenKeepsTheOldOne() {
        String access = jwt(NOW.getEpochSecond(), NOW.getEpochSecond() + 300);
        FakeServer server = fake(200, "application/json",
                "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");

        BackendAnswer answer = oauth2ClientOf(server).refresh(new TokenPair("old-access", "old-refresh", 0, 0));

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
        assertEquals(access, answer.tokens().accessToken());
        assertEquals("old-refresh", answer.tokens().refreshToken());
        assertEquals(NOW.getEpochSecond() + 300, answer.tokens().expiresAt());
    }

    @Test
    void emptyRefreshTokenInTheAnswerKeepsTheOldOne() {
        FakeServer server = fake(200, "application/json",
                "{\"accessToken\":\"" + jwt(100, 200) + "\",\"refreshToken\":\"\"}");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(new TokenPair("a", "old-refresh", 0, 0));

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
        assertEquals("old-refresh", answer.tokens().refreshToken());
    }

    @Test
    void opaqueAccessTokenWithExpiresInGetsItsExpiryFromTheClock() {
        FakeServer server = fake(200, "application/json",
                "{\"access_token\":\"opaque-access-1\",\"refresh_token\":\"r2\",\"expires_in\":300}");

        BackendAnswer answer = oauth2ClientOf(server).refresh(OLD);

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
        assertEquals("opaque-access-1", answer.tokens().accessToken());
        assertEquals("r2", answer.tokens().refreshToken());
        assertEquals(NOW.getEpochSecond() + 300, answer.tokens().expiresAt());
        assertEquals(NOW.getEpochSecond(), answer.tokens().issuedAt());
    }

    @Test
    void opaqueAccessTokenWithJsonExpiresInGetsItsExpiryFromTheClock() {
        FakeServer server = fake(200, "application/json",
                "{\"accessToken\":\"opaque-access-1\",\"refreshToken\":\"r2\",\"expiresIn\":900}");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(NOW.getEpochSecond() + 900, answer.tokens().expiresAt());
    }

    @Test
    void opaqueAccessTokenWithoutUsableExpiresInHasAnUnknownExpiry() {
        for (String expiresIn : new String[] {"", ",\"expiresIn\":0", ",\"expiresIn\":-5", ",\"expiresIn\":\"300\"",
                ",\"expiresIn\":999999999999"}) {
            FakeServer server = fake(200, "application/json",
                    "{\"accessToken\":\"opaque\",\"refreshToken\":\"r2\"" + expiresIn + "}");

            BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

            assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
            assertFalse(answer.tokens().hasExpiry(), expiresIn);
        }
    }

    @Test
    void jwtExpiryWinsOverExpiresIn() {
        String access = jwt(NOW.getEpochSecond(), NOW.getEpochSecond() + 120);
        FakeServer server = fake(200, "application/json",
                "{\"accessToken\":\"" + access + "\",\"refreshToken\":\"r2\",\"expiresIn\":3600}");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(NOW.getEpochSecond() + 120, answer.tokens().expiresAt());
    }

    @Test
    void jsonForbiddenIsAnInvalidGrant() {
        FakeServer server = fake(403, "application/json", "{\"error\":\"forbidden\"}");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Kind.INVALID_GRANT, answer.kind(), answer::toString);
    }

    @Test
    void jsonBadRequestWithoutInvalidGrantIsARejectionOfThisRequest() {
        FakeServer server = fake(400, "application/json", "{\"error\":\"invalid_request\"}");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Kind.REJECTED, answer.kind(), answer::toString);
        assertTrue(answer.detail().contains("invalid_request"), answer.detail());
    }

    @Test
    void oauth2UnauthorizedIsAConfigurationProblemEvenWithInvalidGrantInTheBody() {
        // RFC 6749 section 5.2: invalid_grant comes with 400; a 401 is about the client
        FakeServer server = fake(401, "application/json", "{\"error\":\"invalid_grant\"}");

        BackendAnswer answer = oauth2ClientOf(server).refresh(OLD);

        assertEquals(Kind.CONFIGURATION, answer.kind(), answer::toString);
    }

    // ---- retry later ----

    @Test
    void tooManyRequestsWithRetryAfterSecondsIsRetryLaterWithThatDelay() {
        backend.setFault(FaultPlan.of(Fault.RATE_LIMIT_429).retryAfterSeconds(7));
        TokenSet old = login();

        BackendAnswer answer = jsonClient().refresh(pair(old));

        assertEquals(Kind.RETRY_LATER, answer.kind(), answer::toString);
        assertEquals(429, answer.status());
        assertEquals(Duration.ofSeconds(7), answer.retryAfter());
        assertTrue(answer.kind().retriable());
        assertEquals(1, backend.totalRefreshCalls(), "the client itself never retries");
        assertNoToken(answer, old.refreshToken(), old.accessToken());
    }

    @Test
    void tooManyRequestsWithRetryAfterDateIsRetryLaterUntilThatDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atZone(ZoneOffset.UTC));
        FakeServer server = fake(429, "application/json", "{\"error\":\"Too many authentication attempts\"}",
                "Retry-After", date);

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Kind.RETRY_LATER, answer.kind(), answer::toString);
        assertEquals(Duration.ofSeconds(120), answer.retryAfter());
        assertEquals(1, server.requests.get(), "the client itself never retries");
    }

    /** The answer to a refresh of a fresh login's tokens while the backend gives this fault. */
    private BackendAnswer answerWhileTheBackendGives(FaultPlan fault) {
        backend.setFault(fault);
        return jsonClient().refresh(pair(login()));
    }

    /** {@link #answerWhileTheBackendGives}, asserted to be a server error. */
    private BackendAnswer serverErrorWhileTheBackendGives(FaultPlan fault) {
        BackendAnswer answer = answerWhileTheBackendGives(fault);
        assertEquals(Kind.SERVER_ERROR, answer.kind(), answer::toString);
        return answer;
    }

    @Test
    void unavailableIsRetryLaterAndSentOnlyOnce() {
        BackendAnswer answer = answerWhileTheBackendGives(FaultPlan.of(Fault.UNAVAILABLE_503).retryAfterSeconds(3));

        assertEquals(Kind.RETRY_LATER, answer.kind(), answer::toString);
        assertEquals(503, answer.status());
        assertEquals(Duration.ofSeconds(3), answer.retryAfter());
        assertEquals(1, backend.totalRefreshCalls(), "the client itself never retries");
    }

    @Test
    void unavailableWithoutRetryAfterIsRetryLaterWithoutDelay() {
        FakeServer server = fake(503, "text/plain", "down");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Kind.RETRY_LATER, answer.kind(), answer::toString);
        assertNull(answer.retryAfter());
        assertEquals(1, server.requests.get());
    }

    @Test
    void hugeRetryAfterIsCappedAtOneDay() {
        FakeServer server = fake(429, "application/json", "{}", "Retry-After", "31536000");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Duration.ofDays(1), answer.retryAfter());
    }

    // ---- errors ----

    @Test
    void internalServerErrorIsAServerError() {
        BackendAnswer answer = jsonClient().refresh(pair(login()));
        assertEquals(Kind.TOKENS, answer.kind());
        backend.setFault(Fault.ERROR_500);

        BackendAnswer failed = jsonClient().refresh(answer.tokens());

        assertEquals(Kind.SERVER_ERROR, failed.kind(), failed::toString);
        assertEquals(500, failed.status());
        assertFalse(failed.kind().retriable());
        assertTrue(failed.detail().contains("500"), failed.detail());
    }

    @Test
    void htmlBadGatewayPageIsAnErrorWithAClearDetailAndNoStackTrace() {
        BackendAnswer answer = serverErrorWhileTheBackendGives(FaultPlan.of(Fault.HTML_502));
        assertEquals(502, answer.status());
        assertEquals("auth backend answered 502", answer.detail());
        assertFalse(answer.detail().contains("<"), answer.detail());
        assertNothingLoggedWithAStackTrace();
    }

    @Test
    void garbageWithStatus200IsAnError() {
        BackendAnswer answer = serverErrorWhileTheBackendGives(FaultPlan.of(Fault.GARBAGE_200));
        assertEquals(200, answer.status());
        assertTrue(answer.detail().contains("not a JSON object"), answer.detail());
        assertFalse(answer.detail().contains("Session OK"), answer.detail());
        assertNothingLoggedWithAStackTrace();
    }

    @Test
    void emptyBodyWithStatus200IsAnError() {
        BackendAnswer answer = serverErrorWhileTheBackendGives(FaultPlan.of(Fault.EMPTY_200));
        assertTrue(answer.detail().contains("empty body"), answer.detail());
    }

    @Test
    void jsonWithoutTokensWithStatus200IsAnError() {
        BackendAnswer answer = serverErrorWhileTheBackendGives(FaultPlan.of(Fault.MISSING_FIELDS_200));
        assertTrue(answer.detail().contains("accessToken"), answer.detail());
    }

    @Test
    void accessTokenOfTheWrongTypeIsAnError() {
        for (String access : new String[] {"123", "null", "true", "[\"a\"]", "{\"t\":\"a\"}", "\"\""}) {
            FakeServer server = fake(200, "application/json", "{\"accessToken\":" + access + ",\"refreshToken\":\"r2\"}");

            BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

            assertEquals(Kind.SERVER_ERROR, answer.kind(), () -> access + ": " + answer);
        }
    }

    @Test
    void refreshTokenOfTheWrongTypeIsNeverRetried() {
        FakeServer server = fake(200, "application/json", "{\"accessToken\":\"" + jwt(1, 2) + "\",\"refreshToken\":123}");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertNotEquals(Kind.TOKENS, answer.kind());
        assertFalse(answer.kind().retriable(), answer::toString);
    }

    @Test
    void tokenThatCannotBeStoredInACookieIsNotAccepted() {
        FakeServer server = fake(200, "application/json", "{\"accessToken\":\"has space\",\"refreshToken\":\"r2\"}");

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertNotEquals(Kind.TOKENS, answer.kind());
        assertFalse(answer.kind().retriable(), answer::toString);
        assertNoToken(answer, "has space", "r2");
    }

    @Test
    void answerOfExactly64KiBIsRead() {
        String body = paddedAnswer(AuthBackendClient.MAX_BODY);
        assertEquals(AuthBackendClient.MAX_BODY, body.getBytes(StandardCharsets.UTF_8).length);
        FakeServer server = fake(200, "application/json", body);

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Kind.TOKENS, answer.kind(), answer::toString);
    }

    @Test
    void successAnswerLargerThan64KiBIsLostNeverResent() {
        FakeServer server = fake(200, "application/json", paddedAnswer(AuthBackendClient.MAX_BODY + 1));

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Kind.LOST, answer.kind(), answer::toString);
        assertTrue(answer.detail().contains("larger than"), answer.detail());
        assertNoToken(answer, "r2");
    }

    @Test
    void hugeSuccessAnswerWithoutContentLengthIsLost() {
        FakeServer server = fake(200, "application/json", paddedAnswer(1024 * 1024));
        server.chunked = true;

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(OLD);

        assertEquals(Kind.LOST, answer.kind(), answer::toString);
    }

    /** A valid json-protocol answer of exactly {@code size} bytes. */
    private static String paddedAnswer(int size) {
        String start = "{\"accessToken\":\"" + jwt(100, 200) + "\",\"refreshToken\":\"r2\",\"pad\":\"";
        String end = "\"}";
        return start + "x".repeat(size - start.length() - end.length()) + end;
    }

    // ---- lost answers ----

    @Test
    void answerSlowerThanTheResponseTimeoutIsLost() {
        backend.setFault(FaultPlan.of(Fault.DELAY).delayMillis(4000));
        AuthBackendClient client = jsonClient("response-timeout", "300ms");
        TokenPair old = pair(login());

        long start = System.nanoTime();
        BackendAnswer answer = client.refresh(old);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Kind.LOST, answer.kind(), answer::toString);
        assertEquals(0, answer.status());
        assertFalse(answer.kind().retriable());
        assertTrue(took.compareTo(Duration.ofMillis(3000)) < 0, "gave up long before the answer: " + took.toMillis() + " ms");
        assertTrue(answer.detail().contains("300 ms"), answer.detail());
    }

    @Test
    void connectionClosedWithoutAnAnswerIsLost() {
        BackendAnswer answer = answerWhileTheBackendGives(FaultPlan.of(Fault.RESET));

        assertEquals(Kind.LOST, answer.kind(), answer::toString);
        assertEquals(1, backend.totalRefreshCalls(), "the client itself never retries");
        assertNothingLoggedAboveFineWithAStackTrace();
    }

    @Test
    void connectionResetAfterTheRequestWasReadIsLostAndNotRetried() throws Exception {
        ResetServer server = new ResetServer();
        closeLater.add(server);

        BackendAnswer answer = client(server.url(JSON_PATH)).refresh(new TokenPair("a", "refresh-1", 0, 0));

        assertEquals(Kind.LOST, answer.kind(), answer::toString);
        assertEquals(1, server.requests.get(), "the client itself never retries");
        assertTrue(server.lastBody.contains("refresh-1"), "the request was sent and read");
        assertNoToken(answer, "refresh-1");
    }

    private void assertNothingLoggedAboveFineWithAStackTrace() {
        for (LogRecord record : logged) {
            if (record.getThrown() != null) {
                assertTrue(record.getLevel().intValue() <= Level.FINE.intValue(),
                        () -> "stack trace logged at " + record.getLevel());
            }
        }
    }

    // ---- not sent ----

    @Test
    void nothingListeningOnThePortIsNotSent() throws IOException {
        int port = Loopback.freePort();

        BackendAnswer answer = client("http://127.0.0.1:" + port + JSON_PATH, "connect-timeout", "1s")
                .refresh(new TokenPair("a", "refresh-1", 0, 0));

        assertEquals(Kind.NOT_SENT, answer.kind(), answer::toString);
        assertEquals(0, answer.status());
        assertTrue(answer.kind().retriable());
        assertNoToken(answer, "refresh-1");
        assertNothingLoggedWithAStackTrace();
    }

    // ---- tokens never leak into the detail ----

    /** Tokens whose values an answer's detail must never repeat. */
    private static final TokenPair SECRET_TOKENS = new TokenPair("at-secret-456", "rt-secret-123", 0, 0);

    /** Answers to {@link #SECRET_TOKENS} that quote them, the kind each is, and what else its detail must not repeat. */
    static Stream<Arguments> answersQuotingTheTokens() {
        return Stream.of(
                arguments("an error code that echoes the refresh token is not repeated", 400, "application/json",
                        "{\"error\":\"rt-secret-123\",\"error_description\":\"refresh token rt-secret-123 is not valid\"}",
                        Kind.REJECTED, new String[0]),
                arguments("a server error page quoting the tokens is not repeated", 500, "text/html",
                        "<html><body>NullPointerException for refreshToken=rt-secret-123 Bearer at-secret-456</body></html>",
                        Kind.SERVER_ERROR, new String[] {"NullPointerException"}),
                arguments("an unparsable success quoting the tokens is not repeated", 200, "application/json",
                        "{\"accessToken\":\"new-at-789\",\"refreshToken\":\"new-rt-000\"",
                        Kind.SERVER_ERROR, new String[] {"new-at-789", "new-rt-000"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersQuotingTheTokens")
    void answerQuotingTheTokensIsNotRepeated(String behaviour, int status, String contentType, String body, Kind kind,
            String[] alsoNot) {
        BackendAnswer answer = client(fake(status, contentType, body).url(JSON_PATH)).refresh(SECRET_TOKENS);

        assertEquals(kind, answer.kind(), answer::toString);
        assertNoToken(answer, "rt-secret-123", "at-secret-456");
        assertNoToken(answer, alsoNot);
    }

    @Test
    void errorDescriptionIsNeverRepeated() {
        BackendAnswer answer = oauth2ClientOf(fake(400, "application/json",
                "{\"error\":\"invalid_grant\",\"error_description\":\"token rt-secret-123 was already used\"}")).refresh(SECRET_TOKENS);

        assertEquals(Kind.INVALID_GRANT, answer.kind(), answer::toString);
        assertTrue(answer.detail().contains("invalid_grant"), answer.detail());
        assertNoToken(answer, "rt-secret-123", "at-secret-456", "already used");
    }

    @Test
    void successDetailNamesNoToken() {
        TokenSet old = login();

        BackendAnswer answer = jsonClient().refresh(pair(old));

        assertNoToken(answer, old.accessToken(), old.refreshToken(), answer.tokens().accessToken(),
                answer.tokens().refreshToken());
    }

    // ---- fake servers ----

    /** One request as the fake server saw it. */
    private static final class Captured {
        final String method;
        final String path;
        final Map<String, String> headers;
        final String body;

        Captured(String method, String path, Map<String, String> headers, String body) {
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    /** A JDK HTTP server on 127.0.0.1 that gives one fixed answer and records every request. */
    private static final class FakeServer implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();
        final List<Captured> captured = new CopyOnWriteArrayList<>();
        volatile boolean chunked;

        FakeServer(int status, String contentType, String body, String... headers) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    Map<String, String> requestHeaders = new HashMap<>();
                    exchange.getRequestHeaders().forEach((name, values) ->
                            requestHeaders.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
                    captured.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            requestHeaders, requestBody));
                    requests.incrementAndGet();
                    exchange.getResponseHeaders().set("Content-Type", contentType);
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
                    }
                    exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) {
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(bytes);
                        } catch (IOException clientGaveUp) {
                            // the client may stop reading an oversized answer
                        }
                    }
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        Captured only() {
            assertEquals(1, captured.size(), "requests received");
            return captured.get(0);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Reads one HTTP request completely, then resets the connection (RST) without answering. */
    private static final class ResetServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger requests = new AtomicInteger();
        volatile String lastBody = "";

        ResetServer() throws IOException {
            socket = new ServerSocket(0, 16, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            Thread acceptor = new Thread(this::serve, "reset-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    lastBody = readRequest(connection.getInputStream());
                    requests.incrementAndGet();
                    connection.setSoLinger(true, 0); // close sends RST instead of FIN
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("request ended early");
                }
                head.append((char) c);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
