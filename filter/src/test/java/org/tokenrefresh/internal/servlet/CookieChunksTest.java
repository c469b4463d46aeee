package org.tokenrefresh.internal.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.spi.TokenPair;
import org.tokenrefresh.testing.FakeHttp;
import org.tokenrefresh.testsupport.LogCapture;
import org.tokenrefresh.testsupport.UnsignedJwt;

/** Writing tokens larger than one cookie: chunks, their limits, and what the browser is left holding. */
class CookieChunksTest {

    private static TokenRefreshSettings settings(String... keyValues) {
        Map<String, String> map = new HashMap<>(Map.of("backend-url", "http://127.0.0.1:1/r"));
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return TokenRefreshSettings.of(map);
    }

    /** A JWT of about {@code length} characters. */
    private static String token(int length) {
        String claim = "x".repeat(Math.max(0, length * 3 / 4 - 60));
        return UnsignedJwt.of("{\"exp\":1900000000,\"iat\":1800000000,\"pad\":\"" + claim + "\"}");
    }

    /** Cookie name to {@code Set-Cookie} headers written for it, in order. */
    private static Map<String, List<String>> written(FakeHttp.Response response) {
        return response.header("Set-Cookie").stream().collect(Collectors.groupingBy(TokenCookies::cookieName,
                java.util.LinkedHashMap::new, Collectors.toList()));
    }

    private static FakeHttp.Response write(TokenRefreshSettings settings, FakeHttp.Request request, TokenPair tokens) {
        FakeHttp.Response response = new FakeHttp.Response();
        new CookieWriter(settings, Vouching.random()).write(request.build(), response.build(), tokens);
        return response;
    }

    private static String reassembled(Map<String, List<String>> cookies, String name) {
        StringBuilder token = new StringBuilder();
        for (int i = 1; cookies.containsKey(name + "-" + i); i++) {
            token.append(TokenCookies.cookieValue(cookies.get(name + "-" + i).get(0)));
        }
        return token.toString();
    }

    @Test
    void aTokenThatFitsIsWrittenWholeUnderItsName() {
        String access = token(1_200);
        Map<String, List<String>> cookies = written(write(settings(), new FakeHttp.Request(), new TokenPair(access, "r1", 0, 0)));
        assertEquals(access, TokenCookies.cookieValue(cookies.get("authToken").get(0)));
        assertTrue(cookies.keySet().stream().noneMatch(n -> n.startsWith("authToken-") && !n.equals("authToken-exp")), cookies.keySet().toString());
    }

    @Test
    void aSixKilobyteTokenIsSplitIntoChunksThatEachFitACookieAndThePlainNameIsRemoved() {
        String access = token(6_000);
        Map<String, List<String>> cookies = written(write(settings(), new FakeHttp.Request(), new TokenPair(access, "r1", 0, 0)));
        assertTrue(cookies.get("authToken").get(0).contains("Max-Age=0"), "the plain name would win over the chunks");
        assertEquals(access, reassembled(cookies, "authToken"));
        assertEquals(2, cookies.entrySet().stream().filter(e -> e.getKey().matches("authToken-\\d")
                && !e.getValue().get(0).contains("Max-Age=0")).count(), "two chunks hold the token");
        for (String name : List.of("authToken-1", "authToken-2")) {
            String header = cookies.get(name).get(0);
            assertTrue(header.indexOf(';') <= 4_000, "name=value within cookie-chunk-size: " + header.indexOf(';'));
            assertTrue(header.contains("HttpOnly") && header.contains("SameSite=Lax") && header.contains("Max-Age=604800"), header);
        }
    }

    @Test
    void theChunkSizeIsConfigurableAndPrefixedNamesKeepTheirPrefixAndRules() {
        String refresh = token(3_000);
        TokenRefreshSettings settings = settings("cookie-chunk-size", "1024", "refresh-cookie", "__Host-refresh");
        Map<String, List<String>> cookies = written(write(settings, new FakeHttp.Request(), new TokenPair("a", refresh, 0, 0)));
        assertEquals(refresh, reassembled(cookies, "__Host-refresh"));
        long chunks = cookies.entrySet().stream().filter(e -> e.getKey().matches("__Host-refresh-\\d+")
                && !e.getValue().get(0).contains("Max-Age=0")).count();
        assertEquals((refresh.length() + 1004) / 1005, chunks, "pieces of 1024 - 14 (name) - 5 (suffix, '=') characters");
        for (int i = 1; i <= chunks; i++) {
            String header = cookies.get("__Host-refresh-" + i).get(0);
            assertTrue(header.indexOf(';') <= 1_024, header.indexOf(';') + "");
            assertTrue(header.contains("; Secure") && header.contains("Path=/;") && !header.contains("Domain"), header);
        }
    }

    @Test
    void whenATokenShrinksTheChunksTheBrowserStillHoldsAreRemoved() {
        FakeHttp.Request request = new FakeHttp.Request().header("Cookie", "authToken-1=a; authToken-2=b; authToken-3=c; other=1");
        Map<String, List<String>> bigger = written(write(settings(), request, new TokenPair(token(6_000), "r", 0, 0)));
        assertTrue(bigger.get("authToken-3").get(0).contains("Max-Age=0"), "the third chunk is stale");
        assertTrue(!bigger.get("authToken-2").get(0).contains("Max-Age=0"));
        Map<String, List<String>> whole = written(write(settings(), request, new TokenPair(token(500), "r", 0, 0)));
        for (int i = 1; i <= 3; i++) {
            assertTrue(whole.get("authToken-" + i).get(0).contains("Max-Age=0"), whole.toString());
        }
    }

    @Test
    void chunkNamesBeyondWhatTheLargestTokenNeedsAreNeitherReadNorCleared() {
        FakeHttp.Request request = new FakeHttp.Request().header("Cookie", "authToken-2=b; authToken-99999=x; authToken-5000=y; xauthToken-3=z");
        Map<String, List<String>> cookies = written(write(settings(), request, new TokenPair(token(500), "r", 0, 0)));
        List<String> cleared = new ArrayList<>(cookies.keySet());
        cleared.removeIf(n -> !n.startsWith("authToken-") || n.equals("authToken-exp"));
        assertEquals(List.of("authToken-1", "authToken-2", "authToken-3", "authToken-4", "authToken-5"), cleared,
                "every chunk a token of max-token-size may have, none beyond");
        assertEquals(5, new CookieChunks(settings()).maxChunks("authToken"), "16 KiB in pieces of 3,986");
    }

    @Test
    void tokenCookiesOverEightKilobytesOnOneResponseGiveOneWarningNamingTheContainerSettings() {
        try (LogCapture log = LogCapture.of(CookieWriter.class.getName(), null)) {
            CookieWriter writer = new CookieWriter(settings("cookie-secure", "true"), Vouching.random());
            for (int i = 0; i < 3; i++) {
                writer.write(new FakeHttp.Request().build(), new FakeHttp.Response().build(), new TokenPair(token(6_000), token(3_000), 0, 0));
            }
            writer.write(new FakeHttp.Request().build(), new FakeHttp.Response().build(), new TokenPair(token(1_000), "r", 0, 0));
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("maxHttpHeaderSize") && warnings.get(0).contains("header-buffer-length-bytes"), warnings.get(0));
        }
    }

    @Test
    void clearingTheSessionRemovesEveryChunkTheBrowserHolds() {
        FakeHttp.Request request = new FakeHttp.Request().header("Cookie", "authToken-1=a; authToken-2=b; refreshToken-1=c");
        FakeHttp.Response response = new FakeHttp.Response();
        new CookieWriter(settings(), Vouching.random()).clear(request.build(), response.build());
        Map<String, List<String>> cookies = written(response);
        for (String name : List.of("authToken", "refreshToken", "authToken-1", "authToken-2", "refreshToken-1", "refreshToken-mac")) {
            assertTrue(cookies.get(name).get(0).contains("Max-Age=0"), name + ": " + cookies.keySet());
        }
    }

    @Test
    void aRequestSentBeforeTheLastChunkedAnswerArrivedStillLeavesNoStaleChunk() {
        // the browser holds three chunks from a response this request had not seen: it shows two
        FakeHttp.Request request = new FakeHttp.Request().header("Cookie", "authToken-1=a; authToken-2=b");
        Map<String, List<String>> cookies = written(write(settings(), request, new TokenPair(token(6_000), "r", 0, 0)));
        for (int chunk = 3; chunk <= 5; chunk++) {
            assertTrue(cookies.get("authToken-" + chunk).get(0).contains("Max-Age=0"), "chunk " + chunk + ": " + cookies.keySet());
        }
        Map<String, List<String>> small = written(write(settings(), new FakeHttp.Request(), new TokenPair(token(500), "r", 0, 0)));
        assertTrue(small.keySet().stream().noneMatch(n -> n.matches("authToken-\\d")), "no chunk in play, no chunk header: " + small.keySet());
    }

    @Test
    void aTokenLongerThanMaxTokenSizeIsNotWrittenTheCookiesAreClearedAndAWarningNamesTheKey() {
        try (LogCapture log = LogCapture.of(CookieWriter.class.getName(), null)) {
            FakeHttp.Request request = new FakeHttp.Request().header("Cookie", "authToken-1=a; authToken-2=b; refreshToken=r0");
            Map<String, List<String>> cookies = written(write(settings(), request, new TokenPair(token(20_000), "r1", 0, 0)));
            for (String name : List.of("authToken", "authToken-1", "authToken-2", "refreshToken", "refreshToken-mac")) {
                assertTrue(cookies.get(name).get(0).contains("Max-Age=0"), name + ": " + cookies.keySet());
            }
            assertTrue(cookies.values().stream().allMatch(headers -> headers.get(0).contains("Max-Age=0")), "nothing written");
            List<String> warnings = log.messages(Level.WARNING).stream().filter(w -> w.contains("max-token-size")).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("Raise tokenrefresh.max-token-size"), warnings.get(0));
        }
    }
}
