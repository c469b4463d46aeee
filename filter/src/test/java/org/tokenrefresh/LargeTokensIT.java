package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.testsupport.ChunkedTokens.whole;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.CookieJar;

/**
 * Tokens larger than a cookie (README, "Large tokens") on a real Tomcat whose header limits were raised as the
 * README says: written in chunks of at most {@code cookie-chunk-size}, read back whole, shown whole to the
 * application, and every chunk cleared when the session is over. A 6 KB access token with an opaque refresh token
 * (Keycloak with many roles), and a 12 KB access token with a 5 KB refresh token (both chunked).
 */
class LargeTokensIT extends OnTomcat {

    /** Room for 2 x 12 KB of token cookies, in requests and in responses. */
    private static final Map<String, String> RAISED_LIMITS = Map.of("maxHttpRequestHeaderSize", "65536",
            "maxHttpResponseHeaderSize", "65536");


    @ParameterizedTest(name = "access token {0} characters, refresh token {1}")
    @CsvSource({"6000, 0", "12000, 5000"})
    void aSessionWithTokensLargerThanACookieLivesAndEndsInChunks(int accessSize, int refreshSize) throws Exception {
        start(Map.of("rotation-grace", "30s"), new TomcatHarness.Options().connector(RAISED_LIMITS)
                .backend(backend -> backend.accessTokenSize(accessSize).refreshTokenSize(refreshSize)));
        TokenSet login = harness.login();
        assertTrue(login.accessToken().length() >= accessSize, "the backend issues " + login.accessToken().length());
        // the application's login wrote whole cookies (a client other than a browser can send them back)
        CookieJar jar = CookieJar.of("authToken", login.accessToken(), "refreshToken", login.refreshToken());

        // proactive refresh: whole cookies in, chunks out, the application sees the new token whole
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> refreshed = harness.get("/api/data", jar.header());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertTrue(refreshed.body().contains("\"cookieHeader\":\"fresh\""), refreshed.body());
        assertChunkedWithinLimits(refreshed);
        jar.keep(refreshed);
        assertNull(jar.get("authToken"), "the whole cookie is removed when chunks replace it: " + jar);
        String second = whole(jar, "refreshToken");
        assertNotEquals(login.refreshToken(), second);
        assertEquals(refreshSize > 4000, jar.get("refreshToken") == null, "a refresh token is chunked when it must be: " + jar);

        // not due: the application sees one whole cookie of each token, never a chunk; nothing is written
        HttpResponse<String> echo = harness.get("/echo/", jar.header());
        assertTrue(echo.body().contains("authToken=" + whole(jar, "authToken")), "the application's Cookie header");
        assertFalse(echo.body().contains("authToken-1=") || echo.body().contains("refreshToken-1="), "no chunk shown");
        HttpResponse<String> quiet = harness.get("/api/data", jar.header());
        assertEquals(200, quiet.statusCode(), quiet.body());
        assertTrue(quiet.headers().allValues("Set-Cookie").isEmpty(), quiet.headers().allValues("Set-Cookie").toString());

        // due again, sent in chunks: refreshed with the whole refresh token, vouched for by its MAC
        CookieJar lateTab = jar.copy();
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> again = harness.get("/api/data", jar.header());
        assertEquals(200, again.statusCode(), again.body());
        jar.keep(again);
        String third = whole(jar, "refreshToken");
        assertNotEquals(second, third);

        // a late request with the old chunks gets the successor, the used token is never sent again
        harness.clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> late = harness.get("/api/data", lateTab.header());
        assertEquals(200, late.statusCode(), late.body());
        lateTab.keep(late);
        assertEquals(third, whole(lateTab, "refreshToken"));
        assertEquals(2, harness.backend.totalRefreshCalls());
        assertEquals(0, harness.backend.reuseDetections());

        // the application answers 401: refreshed and replayed, in chunks
        int runs = harness.api.invocations.get();
        harness.apiRefusesTheTokensIssuedSoFar();
        HttpResponse<String> replayed = harness.get("/api/data", jar.header());
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertEquals(runs + 2, harness.api.invocations.get(), "a 401, then the replay");
        assertChunkedWithinLimits(replayed);
        jar.keep(replayed);

        // the session is over: every chunk is cleared with the whole cookies
        harness.backend.revokeUser("demo");
        harness.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> over = harness.get("/api/data", jar.header());
        assertEquals(401, over.statusCode(), over.body());
        assertEquals(CookieJar.Effect.DELETED, jar.keep(over));
        assertNull(jar.get("authToken-1"), jar.toString());
        assertNull(jar.get("authToken-2"), jar.toString());
        assertNull(whole(jar, "refreshToken"), jar.toString());
        assertEquals(0, harness.backend.reuseDetections());
    }

    /** The token cookies of a response are chunks no longer than {@code cookie-chunk-size} (4,000 by default). */
    private static void assertChunkedWithinLimits(HttpResponse<String> response) {
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        assertTrue(setCookies.stream().anyMatch(header -> header.startsWith("authToken-2=")), setCookies.toString());
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            assertTrue(pair.length() <= 4000, "name=value of " + pair.substring(0, pair.indexOf('=')) + ": " + pair.length());
        }
    }
}
