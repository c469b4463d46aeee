package org.tokenrefresh.internal.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testing.FakeHttp;

class TokenCookiesTest {

    private static final TokenRefreshSettings SETTINGS = TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:1/r"));
    private final Vouching vouching = Vouching.random();
    private final CookieWriter writer = new CookieWriter(SETTINGS, vouching);
    private final FakeHttp.Response raw = new FakeHttp.Response();
    private final TokenCookies response = new TokenCookies(new FakeHttp.Request().build(), raw.build(), writer);

    @Test
    void applicationsTokenCookiesReplaceTheLibrarysOnTheSameResponse() {
        raw.headers.put("Set-Cookie", new java.util.ArrayList<>(List.of("JSESSIONID=abc; Path=/")));
        writer.write(new FakeHttp.Request().build(), response, new TokenPair("lib-access", "lib-refresh", 0, 0));
        assertEquals(4, raw.header("Set-Cookie").size(), "the session cookie and the library's three");
        response.addCookie(new Cookie("refreshToken", "app-refresh"));
        response.addHeader("Set-Cookie", "authToken=app-access; Path=/; HttpOnly");
        writer.write(new FakeHttp.Request().build(), response, new TokenPair("late", "late", 0, 0)); // after: ignored
        List<String> set = raw.header("Set-Cookie");
        assertEquals("JSESSIONID=abc; Path=/", set.get(0), "other cookies stay");
        assertFalse(String.join("\n", set).contains("lib-"), "the library's token cookies are gone: " + set);
        assertFalse(String.join("\n", set).contains("late"), set.toString());
        assertTrue(set.contains("refreshToken=app-refresh"), set.toString());
        assertTrue(set.contains("authToken=app-access; Path=/; HttpOnly"), set.toString());
        assertTrue(set.stream().anyMatch(h -> h.startsWith("refreshToken-mac=" + vouching.sign("app-refresh") + ";")),
                "the library vouches for the application's refresh token: " + set);
        assertEquals("app-refresh", response.writtenRefresh());
        assertEquals("app-access", response.writtenAccess());
        assertFalse(response.cleared());
    }

    @Test
    void libraryTokenCookiesAreDroppedWhereTheContainerIgnoresANullHeaderValue() {
        raw.ignoresNullHeaderValue = true; // Payara
        writer.write(new FakeHttp.Request().build(), response, new TokenPair("lib-access", "lib-refresh", 0, 0));
        Cookie gone = new Cookie("refreshToken", "");
        gone.setMaxAge(0);
        response.addCookie(gone); // the application's logout, after the library refreshed on this request
        assertEquals(List.of("refreshToken=; Max-Age=0"), raw.header("Set-Cookie"), "only the application's clearing cookie");
        assertTrue(response.cleared());

        FakeHttp.Response rotated = new FakeHttp.Response();
        rotated.ignoresNullHeaderValue = true;
        TokenCookies own = new TokenCookies(new FakeHttp.Request().build(), rotated.build(), writer);
        writer.write(new FakeHttp.Request().build(), own, new TokenPair("lib-access", "lib-refresh", 0, 0));
        own.addHeader("Set-Cookie", "refreshToken=app-refresh; Path=/"); // the application's own refresh endpoint
        List<String> set = rotated.header("Set-Cookie");
        assertFalse(String.join("\n", set).contains("lib-"), "the library's token cookies are gone: " + set);
        assertEquals("refreshToken=app-refresh; Path=/", set.get(0), set.toString());
        assertEquals(2, set.size(), "the application's token and the library's MAC for it: " + set);
    }

    @Test
    void clearedRefreshCookieIsALogout() {
        Cookie gone = new Cookie("refreshToken", "");
        gone.setMaxAge(0);
        response.addCookie(gone);
        assertTrue(response.applicationWroteTokens());
        assertTrue(response.cleared());
        assertNull(response.writtenRefresh());
        assertFalse(String.join("\n", raw.header("Set-Cookie")).contains("-mac="), "no MAC for a cleared token");
    }

    @Test
    void theApplicationsOwnLogoutAndLoginExpireTheChunksTheBrowserHolds() {
        // the library had written the tokens in chunks; the application knows only the plain names
        FakeHttp.Request chunked = new FakeHttp.Request().header("Cookie", "authToken-1=a; authToken-2=b; refreshToken-1=c; lang=en");
        FakeHttp.Response loggedOut = new FakeHttp.Response();
        TokenCookies logout = new TokenCookies(chunked.build(), loggedOut.build(), writer);
        for (String name : List.of("authToken", "refreshToken")) {
            Cookie gone = new Cookie(name, "");
            gone.setMaxAge(0);
            logout.addCookie(gone);
        }
        assertTrue(logout.cleared());
        List<String> expired = loggedOut.header("Set-Cookie").stream().filter(h -> h.contains("Max-Age=0")).map(TokenCookies::cookieName).toList();
        assertTrue(expired.containsAll(List.of("authToken-1", "authToken-2", "refreshToken-1")), "every chunk expires: " + expired);
        assertEquals(1, expired.stream().filter("authToken-1"::equals).count(), "once per response");

        FakeHttp.Response loggedIn = new FakeHttp.Response();
        TokenCookies login = new TokenCookies(chunked.build(), loggedIn.build(), writer);
        login.addHeader("Set-Cookie", "authToken=new-access; Path=/; HttpOnly");
        login.addHeader("Set-Cookie", "refreshToken=new-refresh; Path=/; HttpOnly");
        assertEquals("new-refresh", login.writtenRefresh());
        List<String> set = loggedIn.header("Set-Cookie");
        for (String chunk : List.of("authToken-1", "authToken-2", "refreshToken-1")) {
            assertTrue(set.stream().anyMatch(h -> h.startsWith(chunk + "=;") && h.contains("Max-Age=0")),
                    "another user's chunks cannot come back once the login's cookies expire: " + chunk + " in " + set);
        }
    }

    @Test
    void otherCookiesPassThroughUntouched() {
        response.addCookie(new Cookie("theme", "dark"));
        response.addHeader("Set-Cookie", "lang=en");
        assertFalse(response.applicationWroteTokens());
        assertEquals(List.of("theme=dark", "lang=en"), raw.header("Set-Cookie"));
    }

    @Test
    void setCookieHeadersAreParsedForNameValueAndRemoval() {
        assertEquals("refreshToken", TokenCookies.cookieName("refreshToken=abc; Path=/"));
        assertEquals("abc", TokenCookies.cookieValue("refreshToken=\"abc\"; Path=/"));
        assertTrue(TokenCookies.clears("refreshToken=; Path=/"));
        assertTrue(TokenCookies.clears("refreshToken=x; Max-Age=0"));
        assertTrue(TokenCookies.clears("refreshToken=x; Expires=Thu, 01 Jan 1970 00:00:10 GMT"));
        assertFalse(TokenCookies.clears("refreshToken=x; Max-Age=60; Expires=Thu, 01 Jan 2099 00:00:10 GMT"));
        assertFalse(TokenCookies.clears("refreshToken=x; Max-Age=oops"));
    }

    @Test
    void endpointCollisionFollowsServletMappingRules() {
        assertTrue(EndpointCollisions.covers("/api/*", "/api/auth/status"));
        assertTrue(EndpointCollisions.covers("/api/auth/status", "/api/auth/status"));
        assertTrue(EndpointCollisions.covers("/*", "/api/auth/status"));
        assertFalse(EndpointCollisions.covers("/", "/api/auth/status"), "the default servlet is a fallback, not an owner");
        assertFalse(EndpointCollisions.covers("*.jsp", "/api/auth/status"));
        assertFalse(EndpointCollisions.covers("/apis/*", "/api/auth/status"));
        assertTrue(EndpointCollisions.strength("/api/auth/status", "/api/auth/status") > EndpointCollisions.strength("/api/auth/*", "/api/auth/status"));
        assertTrue(EndpointCollisions.strength("/api/auth/*", "/api/auth/status") > EndpointCollisions.strength("/api/*", "/api/auth/status"));
    }
}
