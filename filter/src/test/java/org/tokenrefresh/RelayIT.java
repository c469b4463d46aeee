package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.internal.client.ClientRegistry;
import org.tokenrefresh.testsupport.EmbeddedTomcat;
import org.tokenrefresh.testsupport.SetCookies;

/**
 * Token relay: a servlet in a real Tomcat 11 behind the servlet filter calls the downstream API through a
 * Jersey client with the feature. One refresh engine, one mock auth backend and one clock for both sides.
 */
class RelayIT {

    private Context webapp;

    private ClientRig rig;
    private EmbeddedTomcat tomcat;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        rig = new ClientRig();
        tomcat = EmbeddedTomcat.onLoopback("/app")
                .addServlet("relay", new RelayServlet(rig.api.url("/api/data"), rig.clock), "/relay")
                .addFilter("tokenRefresh", new TokenRefreshFilter(rig.engine), "/*")
                .start();
        webapp = tomcat.context();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            tomcat.close();
        } finally {
            rig.close();
        }
    }

    private HttpResponse<String> relay(String query, TokenSet tokens) throws Exception {
        return tokens == null ? relay(query, null, null) : relay(query, tokens.accessToken(), tokens.refreshToken());
    }

    private HttpResponse<String> relay(String query, String access, String refresh) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tomcat.url("/relay" + query)))
                .timeout(Duration.ofSeconds(20));
        if (refresh != null) {
            request.header("Cookie", "authToken=" + access + "; refreshToken=" + refresh);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void relaysTheInboundTokenUnchangedWhileItIsValid() throws Exception {
        TokenSet tokens = rig.backend.login("demo", "demo");
        HttpResponse<String> response = relay("", tokens);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"downstreamStatus\":200"), response.body());
        assertEquals(tokens.accessToken(), rig.api.seen().get(0).token());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(0, rig.backend.totalRefreshCalls());
    }

    @Test
    void relaysTheTokenTheServletFilterJustRefreshed() throws Exception {
        TokenSet tokens = rig.backend.login("demo", "demo");
        rig.clock.advance(Duration.ofSeconds(45)); // due when the inbound request arrives
        HttpResponse<String> response = relay("", tokens);
        assertTrue(response.body().contains("\"downstreamStatus\":200"), response.body());
        List<String> access = SetCookies.values(response, "authToken");
        assertEquals(1, access.size());
        assertEquals(access.get(0), rig.api.seen().get(0).token(), "the fresh token was relayed");
        assertEquals(1, rig.api.requests.get(), "no 401 downstream");
        assertEquals(1, rig.backend.totalRefreshCalls(), "refreshed once, by the servlet filter");
    }

    @Test
    void outboundRefreshOn401PutsTheRotatedCookiesOnTheInboundResponse() throws Exception {
        TokenSet tokens = rig.backend.login("demo", "demo");
        rig.apiRefusesTheTokensIssuedSoFar();
        HttpResponse<String> response = relay("", tokens);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"downstreamStatus\":200"), response.body());
        assertEquals(2, rig.api.requests.get(), "401, then the resend");
        assertEquals(1, rig.backend.totalRefreshCalls(), "one rotation for browser and server");
        List<String> access = SetCookies.values(response, "authToken");
        List<String> refresh = SetCookies.values(response, "refreshToken");
        assertEquals(1, access.size(), response.headers().allValues("Set-Cookie").toString());
        assertEquals(1, refresh.size());
        assertEquals(access.get(0), rig.api.seen().get(1).token(), "the browser holds the token the API accepted");
        assertNotEquals(tokens.refreshToken(), refresh.get(0));

        // The browser's next request, once that token is due, refreshes with the rotated refresh token.
        rig.clock.advance(Duration.ofSeconds(45));
        HttpResponse<String> next = relay("", access.get(0), refresh.get(0));
        assertTrue(next.body().contains("\"downstreamStatus\":200"), next.body());
        assertEquals(2, rig.backend.totalRefreshCalls());
        assertEquals(0, rig.backend.reuseDetections(), "no refresh token was used twice");
    }

    @Test
    void outboundRefreshAheadDuringALongRequestRotatesTheInboundCookiesOnce() throws Exception {
        TokenSet tokens = rig.backend.login("demo", "demo");
        HttpResponse<String> response = relay("?work=45", tokens); // fresh on arrival, due by the time of the call
        assertTrue(response.body().contains("\"downstreamStatus\":200"), response.body());
        assertEquals(1, rig.api.requests.get(), "refreshed before sending: no 401");
        assertEquals(1, rig.backend.totalRefreshCalls());
        List<String> access = SetCookies.values(response, "authToken");
        assertEquals(1, access.size());
        assertEquals(access.get(0), rig.api.seen().get(0).token());
        assertNotEquals(tokens.accessToken(), access.get(0));
    }

    @Test
    void inboundRequestWithoutTokensRelaysNothing() throws Exception {
        HttpResponse<String> response = relay("", (TokenSet) null);
        assertTrue(response.body().contains("\"downstreamStatus\":401"), response.body());
        assertNull(rig.api.seen().get(0).token());
        assertEquals(1, rig.api.requests.get());
        assertEquals(0, rig.backend.totalRefreshCalls());
    }

    @Test
    void anonymousInboundRequestNeverBorrowsTheApplicationsServiceTokens() throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(webapp.getLoader().getClassLoader());
        ServiceTokenSource service;
        try {
            TokenSet tokens = rig.backend.login("demo", "demo");
            service = ServiceTokenSource.of(tokens.accessToken(), tokens.refreshToken()).register();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        try {
            HttpResponse<String> response = relay("", (TokenSet) null); // an unauthenticated page of the application
            assertTrue(response.body().contains("\"downstreamStatus\":401"), response.body());
            assertNull(rig.api.seen().get(0).token(), "the thread serves an inbound request: its user's tokens or none");
        } finally {
            service.unregister();
        }
    }

    @Test
    void servletFilterRegistersItsEngineForCallsOutsideARequest() throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // a thread of the web application (an EJB timer, an executor) has its class loader as context loader
        Thread.currentThread().setContextClassLoader(webapp.getLoader().getClassLoader());
        try {
            assertSame(rig.engine, ClientRegistry.engine(), "registered by TokenRefreshFilter.init");
            TokenSet tokens = rig.backend.login("demo", "demo");
            ServiceTokenSource service = ServiceTokenSource.of(tokens.accessToken(), tokens.refreshToken()).register();
            Client client = ClientBuilder.newClient().register(TokenRefreshClientFeature.class);
            try (Response answer = client.target(rig.api.url("/api/data")).request().get()) {
                assertEquals(200, answer.getStatus(), "a background job's call with the application's service tokens");
            } finally {
                client.close();
                service.unregister();
            }
            assertNull(ClientRegistry.tokenSource(), "unregistered");
            tomcat.stop();
            assertNotSame(rig.engine, ClientRegistry.engine(), "removed by TokenRefreshFilter.destroy");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertNull(ClientRegistry.engine(), "another application's thread never finds it");
    }
}
