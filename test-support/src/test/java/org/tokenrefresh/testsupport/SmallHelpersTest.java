package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loopback, FileTrees, SetCookies, CookieJar and UnsignedJwt. */
class SmallHelpersTest {

    @TempDir
    Path dir;

    @Test
    void aFreeLoopbackPortCanBeBound() throws Exception {
        int port = Loopback.freePort();

        HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.ADDRESS, port), 0);
        server.start();
        server.stop(0);
        assertEquals("http://127.0.0.1:" + port, Loopback.httpUrl(port));
    }

    @Test
    void fileTreesDeletesNestedDirectoriesAndIgnoresWhatIsAbsent() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/file.txt"), "x");
        Files.writeString(root.resolve("top.txt"), "y");

        FileTrees.delete(root);
        FileTrees.delete(root);

        assertFalse(Files.exists(root));
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void setCookiesAreReadByName() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.ADDRESS, 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "authToken=a.b.c; Max-Age=3600; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("Set-Cookie", "refreshToken=; Max-Age=0; Path=/");
            exchange.getResponseHeaders().add("Set-Cookie", "authToken=second");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(Loopback.httpUrl(server.getAddress().getPort()) + "/")).build(), HttpResponse.BodyHandlers.discarding());

            assertEquals(List.of("authToken", "refreshToken"), List.copyOf(SetCookies.byName(response).keySet()));
            assertEquals("second", SetCookies.value(response, "authToken"), "the last one wins");
            assertEquals(List.of("a.b.c", "second"), SetCookies.values(response, "authToken"));
            assertEquals("", SetCookies.value(response, "refreshToken"), "a deletion sets the empty value");
            assertNull(SetCookies.value(response, "other"));
            AssertionError missing = assertThrows(AssertionError.class, () -> SetCookies.requiredValue(response, "other"));
            assertTrue(missing.getMessage().contains("no Set-Cookie for other in [authToken=a.b.c"), missing.getMessage());
            assertEquals("a.b.c", SetCookies.valueOf("authToken=a.b.c; Path=/"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void cookieJarKeepsWhatResponsesSetInTheirOrderAndDropsWhatTheyDelete() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.ADDRESS, 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "authToken=new; Max-Age=3600; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("Set-Cookie", "refreshToken=; Max-Age=0; Path=/");
            exchange.getResponseHeaders().add("Set-Cookie", "theme=dark; Expires=Thu, 01 Jan 1970 00:00:10 GMT");
            exchange.getResponseHeaders().add("Set-Cookie", "lang=en");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            CookieJar jar = new CookieJar().put("authToken", "old").put("refreshToken", "r1").put("theme", "light");
            assertEquals("authToken=old; refreshToken=r1; theme=light", jar.header());

            jar.keep(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(Loopback.httpUrl(server.getAddress().getPort()) + "/")).build(), HttpResponse.BodyHandlers.discarding()));

            assertEquals("authToken=new; lang=en", jar.header(), "replaced in place, deletions gone, new ones last");
            assertEquals("new", jar.get("authToken"));
            assertNull(jar.get("refreshToken"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void cookieJarKeepsWhatIsSetDropsWhatIsDeletedAndSendsTheRest() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.ADDRESS, 0), 0);
        server.createContext("/rotate", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "refreshToken=r2; Max-Age=2592000; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("Set-Cookie", "refreshToken-mac=m2; Max-Age=10; Path=/");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/logout", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "refreshToken=; Max-Age=0; Path=/");
            exchange.getResponseHeaders().add("Set-Cookie", "refreshToken-mac=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            exchange.getResponseHeaders().add("Set-Cookie", "theme=light; Max-Age=05");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = Loopback.httpUrl(server.getAddress().getPort());
            CookieJar jar = CookieJar.of("theme", "dark", "refreshToken", "r1");
            CookieJar otherTab = jar.copy();

            assertEquals(CookieJar.Effect.NONE, jar.keep(client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.discarding())));
            assertEquals(CookieJar.Effect.SET, jar.keep(client.send(HttpRequest.newBuilder(URI.create(base + "/rotate")).build(),
                    HttpResponse.BodyHandlers.discarding())));
            assertEquals("theme=dark; refreshToken=r2; refreshToken-mac=m2", jar.header());
            assertEquals("theme=dark; refreshToken=r1", otherTab.header(), "a copy does not follow");
            assertEquals(CookieJar.Effect.DELETED, jar.keep(client.send(HttpRequest.newBuilder(URI.create(base + "/logout")).build(),
                    HttpResponse.BodyHandlers.discarding())));
            assertEquals("theme=light", jar.header(), "Max-Age=05 is five seconds, not a deletion");
            assertNull(jar.get("refreshToken"));
            assertEquals("", jar.put("theme", null).header());
            assertThrows(IllegalArgumentException.class, () -> CookieJar.of("lonely"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void numericClaimsAreReadFromAnyJwtWithoutVerifyingIt() {
        String token = UnsignedJwt.of("{\"sub\":\"demo\",\"iat\": 100,\"exp\":1900000000}");

        assertEquals(100, UnsignedJwt.numericClaim(token, "iat"));
        assertEquals(1_900_000_000L, UnsignedJwt.numericClaim(token, "exp"));
        AssertionError missing = assertThrows(AssertionError.class, () -> UnsignedJwt.numericClaim(token, "nbf"));
        assertTrue(missing.getMessage().contains("no numeric nbf"), missing.getMessage());
        assertThrows(AssertionError.class, () -> UnsignedJwt.numericClaim("opaque", "exp"));
    }

    @Test
    void unsignedJwtsCarryThePayloadAsIs() {
        String token = UnsignedJwt.withTimes(100, 200, "demo");
        String[] parts = token.split("\\.");

        assertEquals(3, parts.length);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals("{\"sub\":\"demo\",\"iat\":100,\"exp\":200}", new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals("signature", new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8));
        assertEquals(UnsignedJwt.HEADER + "." + UnsignedJwt.encode("not json") + "." + UnsignedJwt.SIGNATURE, UnsignedJwt.of("not json"));
        assertFalse(token.contains("="), "no padding");
    }
}
