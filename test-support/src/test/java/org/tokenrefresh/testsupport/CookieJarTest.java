package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jar keeps cookies as a browser does (RFC 6265), HttpOnly ones included. */
class CookieJarTest {

    private final CookieJar jar = new CookieJar(Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void httpOnlyCookiesAreKeptAndSentBackOnMatchingPathsOnly() {
        jar.receive("/orders/login", List.of("authToken=a1; Path=/; HttpOnly; SameSite=Lax",
                "refreshToken=r1; Path=/orders; Max-Age=2592000; HttpOnly", "refreshToken-mac=m1; Path=/; HttpOnly"));

        assertEquals("authToken=a1; refreshToken=r1; refreshToken-mac=m1", jar.header("/orders/api/x"));
        assertEquals("authToken=a1; refreshToken-mac=m1", jar.header("/ordersx"), "/orders is not a prefix of /ordersx");
        assertEquals("authToken=a1; refreshToken=r1; refreshToken-mac=m1", jar.header("/orders"));
    }

    @Test
    void maxAgeZeroOrAnExpiryInThePastRemovesAndReportsTheRemoval() {
        jar.receive("/", List.of("authToken=a1; Path=/", "refreshToken=r1; Path=/", "other=o; Path=/"));

        List<CookieJar.Change> changes = jar.receive("/", List.of("authToken=; Path=/; Max-Age=0",
                "refreshToken=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "other=o2; Path=/; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));

        assertEquals(List.of(new CookieJar.Change("authToken", "", true), new CookieJar.Change("refreshToken", "", true),
                new CookieJar.Change("other", "o2", false)), changes, "Max-Age wins over Expires");
        assertNull(jar.get("authToken"));
        assertEquals("other=o2", jar.header("/"));
    }

    @Test
    void withoutAPathTheCookieBelongsToTheRequestsDirectory() {
        jar.receive("/app/api/login", List.of("session=s1"));

        assertEquals("session=s1", jar.header("/app/api/orders"));
        assertEquals("", jar.header("/app/other"));
        assertEquals("/", CookieJar.defaultPath("/login"));
        assertEquals("/", CookieJar.defaultPath("relative"));
    }

    @Test
    void theLastSetCookieForANameAndPathWinsAndReplaceKeepsThePath() {
        jar.receive("/", List.of("authToken=a1; Path=/app", "authToken=a2; Path=/app"));
        assertEquals("a2", jar.get("authToken"));

        assertTrue(jar.replace("authToken", "a3"));
        assertFalse(jar.replace("missing", "x"));

        assertEquals("authToken=a3", jar.header("/app/x"));
        assertEquals("", jar.header("/"), "still only below /app");
        assertEquals("authToken=a3", jar.header(), "every cookie, whatever its path");
        jar.put("authToken", "a4");
        assertEquals("authToken=a3; authToken=a4", jar.header(), "two paths, two cookies");
        assertEquals("", jar.remove("authToken").header(), "every path's");
    }

    @Test
    void aHeaderWithoutANameIsIgnored() {
        assertEquals(List.of(), jar.receive("/", List.of("=nameless; Path=/", "novalue")));
        assertEquals("", jar.header("/"));
        assertEquals(List.of(new CookieJar.Change("gone", "", true)), jar.receive("/", List.of("gone=; Path=/")),
                "an empty value is a deletion");
    }
}
