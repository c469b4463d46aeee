package com.example.orders;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks to the auth server at {@code orders.auth-server}: sign-in and sign-out. Thread-safe. */
final class AuthServerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;

    AuthServerClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static AuthServerClient fromConfig() {
        return new AuthServerClient(OrdersConfig.authServer());
    }

    /** Signs in: the tokens, or {@code null} for wrong credentials. Throws IOException when the server fails. */
    Tokens login(String username, String password) throws IOException {
        String body = Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        if (response.statusCode() == 401) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("auth server answered " + response.statusCode() + " to the login");
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject json = reader.readObject();
            return new Tokens(json.getString("accessToken"), json.getString("refreshToken"));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new IOException("auth server sent an unreadable login answer", e);
        }
    }

    /** Ends the auth server's session. Best effort: a failure is reported, the local sign-out goes on. */
    void logout(String sessionId) throws IOException {
        // The mock auth server ends sessions through its revoke endpoint.
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/revoke?family="
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** What a login returns. */
    record Tokens(String accessToken, String refreshToken) {
    }
}
