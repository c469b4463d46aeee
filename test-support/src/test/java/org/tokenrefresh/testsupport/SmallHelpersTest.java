package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
        Path root = sampleTree("root");

        FileTrees.delete(root);
        FileTrees.delete(root);

        assertFalse(Files.exists(root));
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void fileTreesCopiesADirectoryTreeOrASingleFile() throws Exception {
        Path from = sampleTree("from");

        FileTrees.copy(from, dir.resolve("to"));
        FileTrees.copy(from.resolve("top.txt"), dir.resolve("single.txt"));

        assertEquals("x", Files.readString(dir.resolve("to/a/b/c/file.txt")));
        assertEquals("y", Files.readString(dir.resolve("to/top.txt")));
        assertEquals("y", Files.readString(dir.resolve("single.txt")));
        Files.writeString(from.resolve("top.txt"), "z");
        FileTrees.copy(from.resolve("top.txt"), dir.resolve("single.txt"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals("z", Files.readString(dir.resolve("single.txt")));
    }

    @Test
    void setCookiesAreReadByName() throws Exception {
        HttpServer server = setCookieServer(Map.of("/", List.of("authToken=a.b.c; Max-Age=3600; Path=/; HttpOnly",
                "refreshToken=; Max-Age=0; Path=/", "authToken=second")));
        try {
            HttpResponse<Void> response = get(server, "/");

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
        HttpServer server = setCookieServer(Map.of("/", List.of("authToken=new; Max-Age=3600; Path=/; HttpOnly",
                "refreshToken=; Max-Age=0; Path=/", "theme=dark; Expires=Thu, 01 Jan 1970 00:00:10 GMT", "lang=en")));
        try {
            CookieJar jar = new CookieJar().put("authToken", "old").put("refreshToken", "r1").put("theme", "light");
            assertEquals("authToken=old; refreshToken=r1; theme=light", jar.header());

            jar.keep(get(server, "/"));

            assertEquals("authToken=new; lang=en", jar.header(), "replaced in place, deletions gone, new ones last");
            assertEquals("new", jar.get("authToken"));
            assertNull(jar.get("refreshToken"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void cookieJarKeepsWhatIsSetDropsWhatIsDeletedAndSendsTheRest() throws Exception {
        HttpServer server = setCookieServer(Map.of(
                "/rotate", List.of("refreshToken=r2; Max-Age=2592000; Path=/; HttpOnly", "refreshToken-mac=m2; Max-Age=10; Path=/"),
                "/logout", List.of("refreshToken=; Max-Age=0; Path=/",
                        "refreshToken-mac=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "theme=light; Max-Age=05"),
                "/", List.of()));
        try {
            CookieJar jar = CookieJar.of("theme", "dark", "refreshToken", "r1");
            CookieJar otherTab = jar.copy();

            assertEquals(CookieJar.Effect.NONE, jar.keep(get(server, "/")));
            assertEquals(CookieJar.Effect.SET, jar.keep(get(server, "/rotate")));
            assertEquals("theme=dark; refreshToken=r2; refreshToken-mac=m2", jar.header());
            assertEquals("theme=dark; refreshToken=r1", otherTab.header(), "a copy does not follow");
            assertEquals(CookieJar.Effect.DELETED, jar.keep(get(server, "/logout")));
            assertEquals("theme=light", jar.header(), "Max-Age=05 is five seconds, not a deletion");
            assertNull(jar.get("refreshToken"));
            assertEquals("", jar.put("theme", null).header());
            assertThrows(IllegalArgumentException.class, () -> CookieJar.of("lonely"));
        } finally {
            server.stop(0);
        }
    }

    /** {@code name/a/b/c/file.txt} ("x") and {@code name/top.txt} ("y") under the test's directory. */
    private Path sampleTree(String name) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/file.txt"), "x");
        Files.writeString(root.resolve("top.txt"), "y");
        return root;
    }

    /** A started loopback server answering 204 on each path with that path's Set-Cookie headers, in order. */
    private static HttpServer setCookieServer(Map<String, List<String>> setCookiesByPath) {
        return Loopback.httpServer(0, null, exchange -> {
            setCookiesByPath.get(exchange.getRequestURI().getPath())
                    .forEach(setCookie -> exchange.getResponseHeaders().add("Set-Cookie", setCookie));
            Loopback.respond(exchange, 204, new byte[0]);
            exchange.close();
        });
    }

    private static HttpResponse<Void> get(HttpServer server, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Loopback.httpUrl(server.getAddress().getPort()) + path)).build(), HttpResponse.BodyHandlers.discarding());
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
