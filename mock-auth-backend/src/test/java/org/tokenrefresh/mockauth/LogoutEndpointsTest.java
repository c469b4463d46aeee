package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ending a session from the client: {@code /logout} and RFC 7009's {@code /oauth2/revoke}. */
class LogoutEndpointsTest {

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "demo-client:demo-secret".getBytes(StandardCharsets.UTF_8));

    private final MockAuthHttpServer server = new MockAuthHttpServer(MockAuthBackend.builder().build()).start();
    private final MockAuthBackend backend = server.backend();
    private final TestHttp http = new TestHttp(server.baseUrl());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void logoutRevokesTheFamilyOfTheRefreshToken() throws Exception {
        TokenSet tokens = backend.login("demo", "demo");
        String body = "{\"refreshToken\":\"" + tokens.refreshToken() + "\"}";

        HttpResponse<String> first = http.post("/logout", TestHttp.JSON, body);
        HttpResponse<String> again = http.post("/logout", TestHttp.JSON, body);

        assertEquals("{\"revoked\":1}", first.body());
        assertEquals("{\"revoked\":0}", again.body());
        assertTrue(backend.isFamilyRevoked(tokens.familyId()));
        assertEquals(401, http.refresh(tokens.refreshToken()).statusCode());
        assertEquals(0, backend.reuseDetections(), "a logout is no theft");
        assertEquals(400, http.post("/logout", TestHttp.JSON, "{}").statusCode());
    }

    @Test
    void oauth2RevokeTakesAnAccessOrRefreshTokenAndAlwaysAnswers200() throws Exception {
        TokenSet byAccess = backend.login("demo", "demo");
        TokenSet byRefresh = backend.login("demo", "demo");

        HttpResponse<String> access = http.post("/oauth2/revoke", TestHttp.FORM,
                "token=" + byAccess.accessToken() + "&token_type_hint=access_token", "Authorization", BASIC);
        HttpResponse<String> refresh = http.post("/oauth2/revoke", TestHttp.FORM,
                "token=" + byRefresh.refreshToken() + "&client_id=demo-client&client_secret=demo-secret");
        HttpResponse<String> unknown = http.post("/oauth2/revoke", TestHttp.FORM, "token=nothing", "Authorization", BASIC);
        HttpResponse<String> noClient = http.post("/oauth2/revoke", TestHttp.FORM, "token=" + byAccess.refreshToken());

        assertEquals(200, access.statusCode());
        assertEquals("", access.body());
        assertEquals(200, refresh.statusCode());
        assertEquals(200, unknown.statusCode(), "RFC 7009 §2.2: an invalid token is no error");
        assertTrue(backend.isFamilyRevoked(byAccess.familyId()));
        assertTrue(backend.isFamilyRevoked(byRefresh.familyId()));
        assertEquals(2, backend.revokedFamilies());
        assertEquals(401, noClient.statusCode());
        assertEquals("invalid_client", TestHttp.text(noClient.body(), "error"));
    }
}
