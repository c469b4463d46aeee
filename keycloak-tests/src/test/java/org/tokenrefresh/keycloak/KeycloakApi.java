package org.tokenrefresh.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the tests ask Keycloak over HTTP, the way a user's browser, a resource server and an administrator
 * would: log a user in (direct access grant), call the userinfo endpoint with an access token, and the admin
 * REST API (users, log a user out, end one session, login and admin events). Thread-safe.
 */
final class KeycloakApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String adminToken;
    private Instant adminTokenExpires = Instant.MIN;

    KeycloakApi(KeycloakServer server) {
        this.server = server;
    }

    KeycloakServer server() {
        return server;
    }

    /** Logs a realm user in with the password grant (scope {@code openid}, as userinfo requires). */
    Tokens login(String user) {
        HttpResponse<String> response = post(server.tokenEndpoint(), "grant_type", "password",
                "client_id", KeycloakRealm.CLIENT_ID, "client_secret", KeycloakRealm.CLIENT_SECRET,
                "username", user, "password", KeycloakRealm.password(user), "scope", "openid");
        if (response.statusCode() != 200) {
            throw new AssertionError("Keycloak refused to log " + user + " in: " + response.statusCode() + " " + response.body());
        }
        JsonNode answer = read(response.body());
        return Tokens.of(answer.path("access_token").asText(), answer.path("refresh_token").asText());
    }

    /** A refresh grant sent by the test itself (client_secret_post), bypassing the library. */
    HttpResponse<String> refresh(String refreshToken) {
        return post(server.tokenEndpoint(), "grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", KeycloakRealm.CLIENT_ID, "client_secret", KeycloakRealm.CLIENT_SECRET);
    }

    /** What Keycloak's userinfo endpoint says about an access token: valid means 200. */
    UserInfo userinfo(String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.userinfoEndpoint()))
                .header("Authorization", "Bearer " + accessToken).timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<String> response = send(request);
        return new UserInfo(response.statusCode(), response.statusCode() == 200 ? read(response.body()) : null);
    }

    /** Keycloak's verdict on an access token. */
    record UserInfo(int status, JsonNode claims) {
        boolean valid() {
            return status == 200;
        }

        String user() {
            return claims == null ? null : claims.path("preferred_username").asText(null);
        }
    }

    /** The id of a realm user. */
    String userId(String user) {
        JsonNode found = read(admin("GET", "/users?exact=true&username=" + encode(user)).body());
        if (found.size() != 1) {
            throw new AssertionError("expected one user " + user + ", found " + found);
        }
        return found.get(0).path("id").asText();
    }

    /** Ends every session of a user ("Sign out" in the admin console). */
    void logOut(String user) {
        expect(204, admin("POST", "/users/" + userId(user) + "/logout"), "log " + user + " out");
    }

    /** Ends one session ("Sign out" on the Sessions tab), by its id: the tokens' {@code sid}. */
    void endSession(String sessionId) {
        expect(204, admin("DELETE", "/sessions/" + encode(sessionId)), "end session " + sessionId);
    }

    /** The realm's stored login events of one type ({@code REFRESH_TOKEN}, {@code REFRESH_TOKEN_ERROR}, ...). */
    List<JsonNode> events(String type) {
        return list(admin("GET", "/events?max=100000&type=" + encode(type)));
    }

    /** The realm's stored admin events. */
    List<JsonNode> adminEvents() {
        return list(admin("GET", "/admin-events?max=100000"));
    }

    /** The stored events of one type for one session (its {@code sid}). */
    List<JsonNode> sessionEvents(String type, String sessionId) {
        return events(type).stream().filter(e -> sessionId.equals(e.path("sessionId").asText())).toList();
    }

    /** How many stored events of one type each of the given sessions has (sessions without any are left out). */
    Map<String, Long> countPerSession(String type, Collection<String> sessionIds) {
        return events(type).stream().map(e -> e.path("sessionId").asText()).filter(sessionIds::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** As {@link #sessionEvents(String, String)}, read again until there are {@code atLeast} or 10 s passed. */
    List<JsonNode> sessionEvents(String type, String sessionId, int atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<JsonNode> found = sessionEvents(type, sessionId);
        while (found.size() < atLeast && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            found = sessionEvents(type, sessionId);
        }
        return found;
    }

    private List<JsonNode> list(HttpResponse<String> response) {
        expect(200, response, "read " + response.uri());
        List<JsonNode> all = new ArrayList<>();
        read(response.body()).forEach(all::add);
        return all;
    }

    private HttpResponse<String> admin(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/" + KeycloakRealm.NAME + path))
                .header("Authorization", "Bearer " + adminToken()).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return send(request);
    }

    /** The bootstrap admin's token from the master realm, reused until shortly before it expires. */
    private synchronized String adminToken() {
        if (Instant.now().isAfter(adminTokenExpires)) {
            HttpResponse<String> response = post(server.baseUrl() + "/realms/master/protocol/openid-connect/token",
                    "grant_type", "password", "client_id", "admin-cli", "username", KeycloakServer.ADMIN_USER,
                    "password", server.adminPassword());
            expect(200, response, "log the bootstrap admin in");
            JsonNode answer = read(response.body());
            adminToken = answer.path("access_token").asText();
            adminTokenExpires = Instant.now().plusSeconds(answer.path("expires_in").asLong(60) - 15);
        }
        return adminToken;
    }

    private HttpResponse<String> post(String url, String... form) {
        StringJoiner body = new StringJoiner("&");
        for (int i = 0; i < form.length; i += 2) {
            body.add(encode(form[i]) + "=" + encode(form[i + 1]));
        }
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError("Keycloak did not " + what + ": " + response.statusCode() + " " + response.body());
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
