package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenrefresh.TomcatHarness.cookies;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testsupport.SetCookies;

/** The OAuth2 dialect, opaque access tokens, and hostile input over real HTTP. */
class ProtocolsAndBadInputIT extends OnTomcat {

    private HttpServer opaqueBackend;

    @AfterEach
    void stopOpaqueBackend() {
        if (opaqueBackend != null) {
            opaqueBackend.stop(0);
        }
    }

    /** The login of the last {@link #requestWithDueTokens}. */
    private TokenSet tokens;

    /** Starts with these settings and sends a login's tokens two minutes later, when they are due. */
    private HttpResponse<String> requestWithDueTokens(String... keyValues) throws Exception {
        start(keyValues);
        tokens = harness.login();
        harness.clock.advance(Duration.ofMinutes(2));
        return harness.get("/api/data", cookies(tokens));
    }

    @Test
    void oauth2RefreshGrantWithClientSecretBasicRotatesTokens() throws Exception {
        HttpResponse<String> response = requestWithDueTokens("protocol", "oauth2", "backend-url", "${auth}/oauth2/token", "client-id", "demo-client", "client-secret", "demo-secret");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, harness.backend.successfulRefreshes());
        assertFalse(SetCookies.requiredValue(response, "refreshToken").equals(tokens.refreshToken()));
    }

    @Test
    void oauth2InvalidClientIsAConfigurationProblemNotALogout() throws Exception {
        HttpResponse<String> response = requestWithDueTokens("protocol", "oauth2", "backend-url", "${auth}/oauth2/token", "client-id", "demo-client", "client-secret", "wrong");
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "cookies kept");
    }

    @Test
    void oauth2RefreshGrantWithClientSecretPostRotatesTokens() throws Exception {
        HttpResponse<String> response = requestWithDueTokens("protocol", "oauth2", "backend-url", "${auth}/oauth2/token", "client-id", "demo-client", "client-secret", "demo-secret",
                "client-auth", "post");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, harness.backend.successfulRefreshes());
        assertTrue(SetCookies.byName(response).containsKey("refreshToken"));
    }

    @Test
    void opaqueAccessTokensGetTheirExpiryFromExpiresInThroughACompanionCookie() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        opaqueBackend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        opaqueBackend.createContext("/refresh", exchange -> {
            int n = calls.incrementAndGet();
            byte[] body = ("{\"accessToken\":\"opaque-" + n + "\",\"refreshToken\":\"r-" + n + "\",\"expiresIn\":60}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        opaqueBackend.start();
        start("backend-url", "http://127.0.0.1:" + opaqueBackend.getAddress().getPort() + "/refresh");
        long now = harness.clock.epochSecond();
        // an opaque token whose companion cookie says it expired
        HttpResponse<String> first = harness.get("/echo/", "authToken=opaque-0; refreshToken=r-0; authToken-exp=" + (now - 120) + "_" + (now - 60));
        assertEquals(200, first.statusCode());
        assertEquals("opaque-1", SetCookies.requiredValue(first, "authToken"));
        assertEquals(now + "_" + (now + 60), SetCookies.requiredValue(first, "authToken-exp"));
        assertTrue(first.body().contains("authToken=opaque-1"), first.body());
        // with the companion cookie, the next request knows the token is fresh: no refresh
        HttpResponse<String> second = harness.get("/echo/", "authToken=opaque-1; refreshToken=r-1; authToken-exp=" + now + "_" + (now + 60));
        assertEquals(200, second.statusCode());
        assertTrue(second.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(1, calls.get());
        // without it, the expiry is unknown: no proactive refresh
        harness.get("/echo/", "authToken=opaque-1; refreshToken=r-1");
        assertEquals(1, calls.get());
    }

    @Test
    void hostileCookieBytesNeverCauseA500() throws Exception {
        start();
        TokenSet tokens = harness.login();
        String[] hostile = {
            "authToken=\u0001\u0002; refreshToken=\"quoted\\\\back\"",
            "authToken=" + tokens.accessToken() + "; refreshToken=has space; refreshToken=" + tokens.refreshToken(),
            "refreshToken=" + "x".repeat(4097),
            "authToken=eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiJzb29uIn0.sig; refreshToken=abc",
            "authToken=eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTk5OTk5fQ.sig; refreshToken=abc",
            "authToken=a.!!!.c; refreshToken=abc",
            "authToken; refreshToken; =; ;;",
            "authToken=caf\u00e9; refreshToken=\u00fcber",
        };
        for (String cookie : hostile) {
            String status = rawGet("/app/api/data", cookie);
            assertFalse(status.contains(" 500 "), cookie + " -> " + status);
            assertTrue(status.startsWith("HTTP/1.1 "), status);
        }
        assertEquals(0, harness.backend.reuseDetections());
    }

    @Test
    void backendAnswerWithWrongTypesIsABackendErrorNotALogout() throws Exception {
        opaqueBackend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        opaqueBackend.createContext("/refresh", exchange -> {
            byte[] body = "{\"accessToken\":123,\"refreshToken\":[\"x\"]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        opaqueBackend.start();
        HttpResponse<String> response = requestWithDueTokens("backend-url", "http://127.0.0.1:" + opaqueBackend.getAddress().getPort() + "/refresh");
        assertEquals(503, response.statusCode());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
    }

    /** Sends bytes that java.net.http would refuse to send. */
    private String rawGet(String path, String cookie) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", harness.tomcat.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ").getBytes(StandardCharsets.ISO_8859_1));
            out.write(cookie.getBytes(StandardCharsets.UTF_8));
            out.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(0, Math.max(0, answer.indexOf("\r\n")));
        }
    }
}
