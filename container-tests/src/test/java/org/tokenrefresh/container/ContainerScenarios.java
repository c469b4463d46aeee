package org.tokenrefresh.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.container.Browser.cookieValue;
import static org.tokenrefresh.container.Browser.cookies;
import static org.tokenrefresh.container.Browser.line;
import static org.tokenrefresh.container.Browser.nowSeconds;
import static org.tokenrefresh.container.Browser.setCookie;
import static org.tokenrefresh.container.Browser.unsignedJwt;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tokenrefresh.container.server.ContainerServer;
import org.tokenrefresh.container.server.ServerSettings;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.ChunkedTokens;
import org.tokenrefresh.testsupport.CookieJar;
import org.tokenrefresh.testsupport.UnsignedJwt;

/**
 * The black-box scenarios every server of the matrix runs, against one start of the server shared by all of
 * them: the library dropped into {@code matrix.war} ({@link MatrixWar}) with no {@code web.xml}, the auth
 * backend in this JVM ({@link MockAuth}), a browser's requests from outside ({@link Browser}). A subclass names
 * its server; {@link EeContainerScenarios} adds the Jakarta EE integration's checks.
 * <p>
 * Each scenario uses sessions of its own and leaves the backend healthy, so they do not depend on each other;
 * they run in the order of the list for readable logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ContainerScenarios {

    private final ContainerServer server;
    protected MockAuth mock;
    private URI base;
    private long scenariosStartNanos;

    protected ContainerServer server() {
        return server;
    }

    protected ContainerScenarios(ContainerServer server) {
        this.server = server;
    }

    @BeforeAll
    void startServer() {
        mock = new MockAuth();
        Path wars = Path.of(System.getProperty("matrix.work", "target/matrix"), "wars", server.library().name().toLowerCase());
        base = server.start(MatrixWar.build(server.library(), wars), settings());
        System.out.println("MATRIX " + server + " started in " + server.startMillis() + " ms at " + base);
        scenariosStartNanos = System.nanoTime();
    }

    @AfterAll
    void stopServer() {
        long scenariosMillis = (System.nanoTime() - scenariosStartNanos) / 1_000_000;
        try {
            server.close();
        } finally {
            if (mock != null) {
                mock.close();
            }
            if (server.startMillis() >= 0) {
                MatrixTimings.record(server, server.startMillis(), scenariosMillis);
            }
        }
    }

    /** The administrator's settings: the library's keys and the application's auth backend address. */
    protected ServerSettings settings() {
        Map<String, String> library = new LinkedHashMap<>();
        library.put("tokenrefresh.backend-url", mock.refreshUrl());
        library.put("tokenrefresh.replay", "all");
        library.put("tokenrefresh.max-retries", "1");
        library.put("tokenrefresh.retry-delay", "100ms");
        // the application maps /api/*, which covers the library's default /api/auth: moved, as the README says
        library.put("tokenrefresh.endpoints-path", "/token-refresh");
        return new ServerSettings(library, Map.of("matrix.auth-url", mock.baseUrl()));
    }

    protected URI uri(String path) {
        return base.resolve(path);
    }

    /** A due access token (valid 30 s more, issued an hour ago) that the application would reject: unsigned. */
    protected static String dueUnsignedToken() {
        return unsignedJwt(nowSeconds() - 3600, nowSeconds() + 30);
    }

    protected static String expiredToken() {
        return unsignedJwt(nowSeconds() - 3600, nowSeconds() - 60);
    }

    private int applicationRejections() {
        HttpResponse<String> response = Browser.get(uri("app/rejections"), null);
        assertEquals(200, response.statusCode(), response.body());
        return Integer.parseInt(response.body().trim());
    }

    /** Asserts 200 and that the application saw the token the response sets as the new cookie; returns it. */
    protected static String assertAppSawNewToken(HttpResponse<String> response, String oldAccessToken) {
        assertEquals(200, response.statusCode(), response.body());
        String access = cookieValue(response, "authToken");
        assertNotNull(access, "the new access token is set as a cookie: " + response.headers().allValues("Set-Cookie"));
        assertNotEquals(oldAccessToken, access);
        assertEquals(access, line(response.body(), "token"), "the application saw the new token on the same request");
        return access;
    }

    /**
     * A session whose tokens are larger than a cookie (README, "Large tokens") on a server whose header limits were
     * raised as the README says: refreshed ahead from whole cookies into chunks the application sees whole, refreshed
     * and replayed on the application's 401 from chunks, a late tab with the old chunks gets the successor, and the
     * session's end clears every chunk. The subclasses of servers configured for it run it.
     */
    protected void sessionWithTokensLargerThanACookie(int accessSize, int refreshSize) {
        mock.tokenSizes(accessSize, refreshSize);
        try {
            TokenSet session = mock.loginIssued(MockAuth.ACCESS_TTL.minusMinutes(1)); // due
            assertTrue(session.accessToken().length() >= accessSize, "issued " + session.accessToken().length());
            CookieJar jar = CookieJar.of("authToken", session.accessToken(), "refreshToken", session.refreshToken());

            HttpResponse<String> refreshed = Browser.get(uri("api/data"), jar.header());
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            assertChunksFit(refreshed);
            jar.keep(refreshed);
            assertNull(jar.get("authToken"), "chunks replace the whole cookie: " + jar);
            assertEquals(ChunkedTokens.whole(jar, "authToken"), line(refreshed.body(), "token"), "the application saw the new token whole");

            // the application refuses an access token (unsigned) sent in chunks: refreshed from chunks and replayed
            putChunks(jar, "authToken", UnsignedJwt.withTimes(nowSeconds(), nowSeconds() + 3600, "demo", accessSize));
            CookieJar lateTab = jar.copy();
            HttpResponse<String> replayed = Browser.get(uri("api/data"), jar.header());
            assertEquals(200, replayed.statusCode(), replayed.body());
            assertChunksFit(replayed);
            jar.keep(replayed);
            assertEquals(ChunkedTokens.whole(jar, "authToken"), line(replayed.body(), "token"), "the replay saw the new token whole");

            // a late tab with the old chunks gets the successor: the used refresh token is never sent again
            HttpResponse<String> late = Browser.get(uri("api/data"), lateTab.header());
            assertEquals(200, late.statusCode(), late.body());
            lateTab.keep(late);
            assertEquals(ChunkedTokens.whole(jar, "refreshToken"), ChunkedTokens.whole(lateTab, "refreshToken"));
            assertEquals(2, mock.refreshCalls(session));
            assertEquals(0, mock.reuseDetections());

            // the session is over: every chunk is cleared
            mock.revoke(session);
            putChunks(jar, "authToken", UnsignedJwt.withTimes(nowSeconds() - 3600, nowSeconds() - 60, "demo", accessSize));
            HttpResponse<String> over = Browser.get(uri("api/data"), jar.header());
            assertEquals(401, over.statusCode(), over.body());
            assertEquals(CookieJar.Effect.DELETED, jar.keep(over));
            assertNull(ChunkedTokens.whole(jar, "authToken"), jar.toString());
            assertNull(ChunkedTokens.whole(jar, "refreshToken"), jar.toString());
        } finally {
            mock.tokenSizes(0, 0);
        }
    }

    /** Each token cookie a response sets holds at most {@code cookie-chunk-size} (4,000) characters of name and value. */
    private static void assertChunksFit(HttpResponse<String> response) {
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        assertTrue(setCookies.stream().anyMatch(header -> header.startsWith("authToken-2=")), setCookies.toString());
        setCookies.forEach(header -> assertTrue(header.split(";", 2)[0].length() <= 4000, header.substring(0, 20)));
    }

    /** Replaces the token's chunks in the jar by this token's, 3,000 characters each. */
    private static void putChunks(CookieJar jar, String name, String token) {
        for (int chunk = 1; jar.get(name + "-" + chunk) != null; chunk++) {
            jar.put(name + "-" + chunk, null);
        }
        for (int from = 0, chunk = 1; from < token.length(); from += 3000, chunk++) {
            jar.put(name + "-" + chunk, token.substring(from, Math.min(token.length(), from + 3000)));
        }
    }

    @Test
    @Order(0)
    void serverStartsTheLibraryWithoutAWarning() {
        assertEquals(List.of(), ServerLogs.libraryWarnings(server.log()), "warnings or errors about the library at start-up");
    }

    @Test
    @Order(1)
    void dueTokenIsRefreshedBeforeTheApplicationRunsAndTheApplicationSeesTheNewTokenOnTheSameRequest() {
        TokenSet session = mock.login();
        String due = dueUnsignedToken();
        HttpResponse<String> response = Browser.get(uri("api/data"), cookies(due, session.refreshToken()));
        assertAppSawNewToken(response, due);
        String refresh = cookieValue(response, "refreshToken");
        assertNotNull(refresh, "the rotated refresh token is set as a cookie");
        assertNotEquals(session.refreshToken(), refresh);
        assertTrue(setCookie(response, "refreshToken").contains("HttpOnly"), setCookie(response, "refreshToken"));
        assertEquals(1, mock.refreshCalls(session));
    }

    @Test
    @Order(2)
    void applicationsUnauthorizedAnswerToAGetIsRefreshedAndReplayed() {
        replayedAfterOneRefusal("the application refused the old token once", cookies -> Browser.get(uri("api/data"), cookies));
    }

    @Test
    @Order(3)
    void unauthorizedPostIsReplayedWithTheBodyTheApplicationAlreadyRead() {
        String body = "order=42&note=" + UUID.randomUUID();
        HttpResponse<String> response = replayedAfterOneRefusal("the first pass was refused after reading the body",
                cookies -> Browser.post(uri("form"), cookies, body));
        assertEquals(body, line(response.body(), "body"), "the replay gave the application the same body");
    }

    /**
     * Sends, through {@code send} (given the Cookie header), a token that is not due but that the application
     * refuses: only its 401 triggers the refresh. The application must have refused it once ({@code refusal}) and
     * seen the new token on the replay, after one refresh call. Returns the replay's answer.
     */
    private HttpResponse<String> replayedAfterOneRefusal(String refusal, Function<String, HttpResponse<String>> send) {
        TokenSet session = mock.login();
        String rejected = unsignedJwt(nowSeconds(), nowSeconds() + 3600);
        int rejectionsBefore = applicationRejections();
        HttpResponse<String> response = send.apply(cookies(rejected, session.refreshToken()));
        assertAppSawNewToken(response, rejected);
        assertEquals(rejectionsBefore + 1, applicationRejections(), refusal);
        assertEquals(1, mock.refreshCalls(session));
        return response;
    }

    @Test
    @Order(4)
    void fiftyParallelRequestsWithOneDueTokenMakeExactlyOneRefreshCall() {
        TokenSet session = mock.login();
        String expired = expiredToken();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
                .mapToObj(i -> Browser.getAsync(uri("api/data?i=" + i), cookies(expired, session.refreshToken()))).toList();
        Set<String> refreshCookies = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertAppSawNewToken(response, expired);
            refreshCookies.add(cookieValue(response, "refreshToken"));
        }
        assertEquals(1, mock.refreshCalls(session), "exactly one refresh call for 50 requests");
        assertEquals(1, refreshCookies.size(), "every request got the same successor: " + refreshCookies.size());
        assertEquals(0, mock.reuseDetections(), "no refresh token was sent twice");
    }

    @Test
    @Order(5)
    void sessionEndedAtTheBackendClearsTheCookiesAndAnswers401SessionExpired() {
        TokenSet session = mock.login();
        mock.revoke(session);
        HttpResponse<String> response = Browser.get(uri("api/data"), cookies(expiredToken(), session.refreshToken()));
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().map().toString());
        assertTrue(response.body().contains("\"session_expired\""), response.body());
        for (String cookie : List.of("authToken", "refreshToken")) {
            String header = setCookie(response, cookie);
            assertNotNull(header, cookie + " cleared: " + response.headers().allValues("Set-Cookie"));
            assertTrue(header.contains("Max-Age=0"), header);
        }
    }

    @Test
    @Order(6)
    void unavailableBackendLetsStillValidTokensThroughAndAnswers503RetryAfterForExpiredOnes() {
        // Due (past half its life), still valid for a minute: the library tries to refresh it and fails. Whether
        // the backend is asked or the circuit is already open (an EE server's monitor probes the backend too),
        // the request must go on.
        TokenSet valid = mock.loginIssued(MockAuth.ACCESS_TTL.minusMinutes(1));
        TokenSet expiredSession = mock.login();
        String expired = expiredToken();
        mock.unavailable(2);
        try {
            HttpResponse<String> proceeds = Browser.get(uri("api/data"), cookies(valid.accessToken(), valid.refreshToken()));
            assertEquals(200, proceeds.statusCode(), proceeds.body());
            assertEquals(valid.accessToken(), line(proceeds.body(), "token"), "the application got the still-valid token");
            assertEquals(List.of(), proceeds.headers().allValues("Set-Cookie"), "cookies kept");

            HttpResponse<String> unavailable = Browser.get(uri("api/data"), cookies(expired, expiredSession.refreshToken()));
            assertEquals(503, unavailable.statusCode(), unavailable.body());
            String retryAfter = unavailable.headers().firstValue("Retry-After").orElse(null);
            assertNotNull(retryAfter, "Retry-After on the 503: " + unavailable.headers().map());
            assertTrue(Integer.parseInt(retryAfter) >= 1, retryAfter);
            assertNull(setCookie(unavailable, "refreshToken"), "cookies kept");
        } finally {
            mock.recover();
        }
        // Back to normal for the scenarios after this one: the same session refreshes once the circuit lets it.
        assertTrue(eventually(() -> Browser.get(uri("api/data"), cookies(expired, expiredSession.refreshToken()))
                .statusCode() == 200, Duration.ofSeconds(30)), "refreshes again once the backend is back");
    }

    @Test
    @Order(7)
    void libraryRegisteredWithoutWebXmlRunsBeforeTheApplicationsOwnAuthenticationFilter() {
        TokenSet session = mock.login();
        String expired = expiredToken();
        int rejectionsBefore = applicationRejections();
        HttpResponse<String> response = Browser.get(uri("api/data"), cookies(expired, session.refreshToken()));
        assertAppSawNewToken(response, expired);
        assertEquals(rejectionsBefore, applicationRejections(), "the application's filter never saw the expired token");
        assertEquals(1, mock.refreshCalls(session));
    }

    /** Polls every 200 ms until the condition holds or the timeout passes. */
    protected static boolean eventually(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
