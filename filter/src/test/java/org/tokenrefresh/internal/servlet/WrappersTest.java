package org.tokenrefresh.internal.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.testing.FakeHttp;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testsupport.UnsignedJwt;
import org.tokenrefresh.spi.TokenPair;

/** The request and response wrappers on their own, with hand-written fakes. */
class WrappersTest {

    private static final TokenRefreshSettings SETTINGS = TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r"));

    // UnauthorizedResponse

    /** An {@link UnauthorizedResponse} over a fake response, which shows what the client gets. */
    private static final class Watched {
        final FakeHttp.Response client = new FakeHttp.Response();
        final UnauthorizedResponse response;

        Watched(int holdLimit) {
            response = new UnauthorizedResponse(client.build(), holdLimit);
        }

        void assertClientGot(int status, String body, String why) {
            assertEquals(status, client.status, why);
            assertEquals(body, client.bodyText(), why);
        }

        /** Nothing is held any more, and the client got this. */
        void assertNothingHeldAndClientGot(int status, String body, String why) {
            assertFalse(response.isHeld(), why);
            assertClientGot(status, body, why);
        }
    }

    @Test
    void heldSetStatus401IsInvisibleToTheClientUntilReleased() throws Exception {
        Watched watched = new Watched(1024);
        watched.response.setStatus(401);
        watched.response.getWriter().write("{\"error\":\"invalid_token\"}");
        assertTrue(watched.response.isHeld());
        assertEquals(401, watched.response.getStatus(), "the application sees its own status");
        watched.assertClientGot(200, "", "the client does not, yet");
        watched.response.releaseHeld();
        watched.assertClientGot(401, "{\"error\":\"invalid_token\"}", "released");
    }

    @Test
    void heldSendErrorLooksCommittedAndIsReleasedWithItsMessage() throws Exception {
        Watched watched = new Watched(1024);
        watched.response.sendError(401, "token rejected");
        assertTrue(watched.response.isCommitted(), "after sendError the application must see a committed response");
        assertFalse(watched.client.committed);
        watched.response.releaseHeld();
        assertEquals(401, watched.client.status);
        assertEquals("token rejected", watched.client.errorMessage);
    }

    @Test
    void droppedHeldAnswerLeavesNoTrace() throws Exception {
        Watched watched = new Watched(1024);
        watched.response.setStatus(401);
        watched.response.getOutputStream().write("secret body".getBytes(StandardCharsets.UTF_8));
        watched.response.dropHeld();
        watched.assertNothingHeldAndClientGot(200, "", "dropped");
    }

    @Test
    void outputBeyondTheHoldLimitReleasesThe401AndPassesThrough() throws Exception {
        Watched watched = new Watched(8);
        watched.response.setStatus(401);
        java.io.PrintWriter writer = watched.response.getWriter();
        writer.write("0123456789");
        writer.write("-more");
        watched.assertNothingHeldAndClientGot(401, "0123456789-more", "past the hold limit");
    }

    @Test
    void otherStatusesAndDisarmedResponsesPassStraightThrough() throws Exception {
        Watched watched = new Watched(1024);
        watched.response.setStatus(403);
        assertEquals(403, watched.client.status);
        watched.response.disarm();
        watched.response.setStatus(401);
        assertFalse(watched.response.isHeld());
        assertEquals(401, watched.client.status);
    }

    // ReplayableRequest

    private static FakeHttp.Request withBody(String method, String body) {
        FakeHttp.Request state = new FakeHttp.Request();
        state.method = method;
        state.body = body.getBytes(StandardCharsets.UTF_8);
        return state;
    }

    private static String text(HttpServletRequest request) throws java.io.IOException {
        return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void replayGetsTheBodyTheApplicationAlreadyRead() throws Exception {
        ReplayableRequest request = new ReplayableRequest(withBody("POST", "amount=10&to=alice").build(), 1024);
        assertEquals("amount=10&to=alice", text(request));
        assertTrue(request.replayable());
        assertEquals("amount=10&to=alice", text(request.replay()));
    }

    @Test
    void replayJoinsTheReadPartWithTheUnreadRest() throws Exception {
        ReplayableRequest request = new ReplayableRequest(withBody("PUT", "0123456789").build(), 1024);
        byte[] firstFour = new byte[4];
        assertEquals(4, request.getInputStream().read(firstFour, 0, 4));
        assertEquals("0123456789", text(request.replay()));
    }

    @Test
    void bodyNeverReadIsLeftToTheContainer() throws Exception {
        FakeHttp.Request state = withBody("GET", "abc");
        HttpServletRequest original = state.build();
        ReplayableRequest request = new ReplayableRequest(original, 1024);
        assertTrue(request.replay() == original, "no read ahead, no copy");
        assertEquals(0, state.inputStreamCalls);
    }

    @Test
    void bodyLargerThanTheLimitIsNotReplayable() throws Exception {
        FakeHttp.Request state = new FakeHttp.Request();
        state.body = new byte[100];
        ReplayableRequest request = new ReplayableRequest(state.build(), 10);
        assertEquals(100, request.getInputStream().readAllBytes().length, "the application still gets all of it");
        assertFalse(request.replayable());
        assertThrows(IllegalStateException.class, request::replay);
    }

    @Test
    void readerUsesTheRequestCharsetAndIsReplayed() throws Exception {
        FakeHttp.Request state = withBody("GET", "grüße");
        state.characterEncoding = "UTF-8";
        ReplayableRequest request = new ReplayableRequest(state.build(), 1024);
        assertEquals("grüße", request.getReader().readLine());
        assertEquals("grüße", request.replay().getReader().readLine());
    }

    // TokenRequest

    @Test
    void applicationSeesNewTokensInCookiesAndCookieHeader() {
        FakeHttp.Request state = new FakeHttp.Request();
        state.cookies = new Cookie[] {new Cookie("theme", "dark"), new Cookie("authToken", "old-access"), new Cookie("refreshToken", "old-refresh")};
        state.header("Cookie", "theme=dark; authToken=old-access; refreshToken=old-refresh");
        TokenRequest request = new TokenRequest(state.build(), SETTINGS, new TokenPair("new-access", "new-refresh", 0, 0));
        Cookie[] cookies = request.getCookies();
        assertEquals(List.of("theme=dark", "authToken=new-access", "refreshToken=new-refresh"),
                Arrays.stream(cookies).map(c -> c.getName() + "=" + c.getValue()).toList());
        assertEquals("theme=dark; authToken=new-access; refreshToken=new-refresh", request.getHeader("cookie"));
        assertEquals(List.of("theme=dark; authToken=new-access; refreshToken=new-refresh"), Collections.list(request.getHeaders("Cookie")));
        assertNull(request.getHeader("Authorization"), "Authorization is added only when configured");
    }

    @Test
    void authorizationHeaderIsAddedWhenConfigured() {
        TokenRefreshSettings settings = TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r", "authorization-header", "true"));
        FakeHttp.Request state = new FakeHttp.Request();
        TokenRequest request = new TokenRequest(state.build(), settings, new TokenPair("new-access", "new-refresh", 0, 0));
        assertEquals("Bearer new-access", request.getHeader("Authorization"));
        assertTrue(Collections.list(request.getHeaderNames()).contains("Authorization"));
        assertEquals("authToken=new-access; refreshToken=new-refresh", request.getHeader("Cookie"));
    }

    // CookieWriter

    @Test
    void cookiesAreHttpOnlySameSiteAndSecureOnHttps() {
        FakeHttp.Request state = new FakeHttp.Request();
        state.secure = true;
        FakeHttp.Response response = new FakeHttp.Response();
        long now = 1_900_000_000L;
        Vouching vouching = Vouching.random();
        new CookieWriter(SETTINGS, vouching).write(state.build(), response.build(), new TokenPair(UnsignedJwt.withTimes(now, now + 60, "u"), "r2", now + 60, now));
        List<String> cookies = response.header("Set-Cookie");
        assertEquals(3, cookies.size(), "a JWT needs no companion expiry cookie: " + cookies);
        assertTrue(cookies.get(0).matches("authToken=[^;]+; Max-Age=604800; Path=/; Secure; HttpOnly; SameSite=Lax"), cookies.get(0));
        assertEquals("refreshToken=r2; Max-Age=2592000; Path=/; Secure; HttpOnly; SameSite=Lax", cookies.get(1));
        assertEquals("refreshToken-mac=" + vouching.sign("r2") + "; Max-Age=2592000; Path=/; Secure; HttpOnly; SameSite=Lax", cookies.get(2),
                "the MAC that lets the library vouch for the refresh token it wrote");
    }

    @Test
    void opaqueAccessTokenGetsACompanionExpiryCookie() {
        FakeHttp.Response response = new FakeHttp.Response();
        new CookieWriter(SETTINGS, Vouching.random()).write(new FakeHttp.Request().build(), response.build(), new TokenPair("opaque", "r2", 2000, 1000));
        List<String> cookies = response.header("Set-Cookie");
        assertEquals("authToken-exp=1000_2000; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax", cookies.get(3));
        assertArrayEquals(new long[] {1000, 2000}, CookieWriter.parseExpiryValue("1000_2000"));
        assertNull(CookieWriter.parseExpiryValue("2000_1000"));
        assertNull(CookieWriter.parseExpiryValue("x_1"));
        assertNull(CookieWriter.parseExpiryValue("99999999999999999999_1"));
    }

    @Test
    void clearingUsesTheSamePathAndDomainWithMaxAgeZero() {
        TokenRefreshSettings settings = TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r",
                "cookie-domain", "example.com", "cookie-path", "/app", "cookie-same-site", "strict", "cookie-secure", "true"));
        FakeHttp.Response response = new FakeHttp.Response();
        new CookieWriter(settings, Vouching.random()).clear(new FakeHttp.Request().build(), response.build());
        assertEquals(List.of(
                "authToken=; Max-Age=0; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Strict",
                "refreshToken=; Max-Age=0; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Strict",
                "refreshToken-mac=; Max-Age=0; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Strict",
                "authToken-exp=; Max-Age=0; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Strict"),
                response.header("Set-Cookie"));
    }

    @Test
    void hostPrefixedCookiesAreAlwaysSecure() {
        TokenRefreshSettings settings = TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r",
                "access-cookie", "__Host-at", "refresh-cookie", "__Host-rt"));
        FakeHttp.Response response = new FakeHttp.Response();
        new CookieWriter(settings, Vouching.random()).write(new FakeHttp.Request().build(), response.build(), new TokenPair("a", "r", 0, 0));
        assertTrue(response.header("Set-Cookie").get(0).startsWith("__Host-at=a; Max-Age=604800; Path=/; Secure;"));
    }

    // same-origin check and navigation detection

    @Test
    void sameOriginCheckAcceptsOnlyThisServer() {
        FakeHttp.Request same = new FakeHttp.Request().header("Origin", "http://localhost:8080");
        assertTrue(AuthEndpoints.isSameOrigin(same.build()));
        assertFalse(AuthEndpoints.isSameOrigin(new FakeHttp.Request().header("Origin", "http://localhost:8081").build()));
        assertFalse(AuthEndpoints.isSameOrigin(new FakeHttp.Request().header("Origin", "null").build()));
        assertFalse(AuthEndpoints.isSameOrigin(new FakeHttp.Request().header("Origin", "http://localhost:8080.evil.example").build()));
        assertTrue(AuthEndpoints.isSameOrigin(new FakeHttp.Request().header("Sec-Fetch-Site", "same-origin").build()));
        assertFalse(AuthEndpoints.isSameOrigin(new FakeHttp.Request().header("Sec-Fetch-Site", "same-site").build()));
        assertTrue(AuthEndpoints.isSameOrigin(new FakeHttp.Request().header("Referer", "http://localhost:8080/app/dashboard").build()));
        assertFalse(AuthEndpoints.isSameOrigin(new FakeHttp.Request().header("Referer", "http://localhost:8080.evil.example/").build()));
        assertFalse(AuthEndpoints.isSameOrigin(new FakeHttp.Request().build()));
    }

    @Test
    void pageNavigationIsToldApartFromApiCalls() {
        assertTrue(SessionResponses.isPageNavigation(new FakeHttp.Request().header("Sec-Fetch-Mode", "navigate").build()));
        assertFalse(SessionResponses.isPageNavigation(new FakeHttp.Request().header("Sec-Fetch-Mode", "cors").header("Accept", "text/html").build()));
        assertTrue(SessionResponses.isPageNavigation(new FakeHttp.Request().header("Accept", "text/html,*/*").build()));
        assertFalse(SessionResponses.isPageNavigation(new FakeHttp.Request().header("Accept", "application/json").build()));
    }

    @Test
    void unavailableAnswerCarriesRetryAfterAndKeepsCookies() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        HttpServletResponse built = response.build();
        new SessionResponses(SETTINGS, new CookieWriter(SETTINGS, Vouching.random())).unavailable(built, java.time.Duration.ofMillis(1500));
        assertEquals(503, response.status);
        assertEquals(List.of("2"), response.header("Retry-After"), "rounded up to whole seconds");
        assertTrue(response.header("Set-Cookie").isEmpty());
        assertTrue(response.bodyText().contains("\"retryAfter\":2"));
    }
}
