package org.tokenrefresh.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One user's browser: holds the {@code authToken} and {@code refreshToken} cookies of one Keycloak session,
 * sends them with every request and takes the {@code Set-Cookie} headers of every answer, as a browser does
 * ({@code Max-Age=0} deletes). Remembers every refresh token it has held, in order.
 */
final class Browser {

    static final String ACCESS_COOKIE = "authToken";
    static final String REFRESH_COOKIE = "refreshToken";

    /**
     * Shared by every browser: no redirects followed, HTTP/1.1 like the servlet container speaks, and a connect
     * timeout long enough for a storm's 400 connections on a loaded 2-core machine.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();

    private final String sessionId;
    private String accessToken;
    private String refreshToken;
    private final List<String> refreshTokens = new ArrayList<>();

    Browser(Tokens login) {
        this.sessionId = login.sessionId();
        this.accessToken = login.accessToken();
        this.refreshToken = login.refreshToken();
        refreshTokens.add(refreshToken);
    }

    /** Keycloak's id of this browser's session (the tokens' {@code sid}). */
    String sessionId() {
        return sessionId;
    }

    synchronized String accessToken() {
        return accessToken;
    }

    synchronized String refreshToken() {
        return refreshToken;
    }

    /** The tokens this browser holds now. */
    synchronized Tokens tokens() {
        return Tokens.of(accessToken, refreshToken);
    }

    /** Every refresh token this browser has held, the login's first. */
    synchronized List<String> refreshTokens() {
        return List.copyOf(refreshTokens);
    }

    /** A GET with this browser's cookies; {@code headers} are name, value, ... */
    synchronized HttpRequest request(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        List<String> cookies = new ArrayList<>();
        if (accessToken != null) {
            cookies.add(ACCESS_COOKIE + "=" + accessToken);
        }
        if (refreshToken != null) {
            cookies.add(REFRESH_COOKIE + "=" + refreshToken);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    /** Sends a GET and takes the cookies of the answer. */
    HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(url, headers), HttpResponse.BodyHandlers.ofString());
        accept(response);
        return response;
    }

    /** Takes the cookies an answer sets or deletes. */
    synchronized void accept(HttpResponse<?> response) {
        Optional<String> access = setCookie(response, ACCESS_COOKIE);
        if (access.isPresent()) {
            accessToken = deleted(access.get()) ? null : value(access.get());
        }
        Optional<String> refresh = setCookie(response, REFRESH_COOKIE);
        if (refresh.isPresent()) {
            String next = deleted(refresh.get()) ? null : value(refresh.get());
            if (next != null && !next.equals(refreshToken)) {
                refreshTokens.add(next);
            }
            refreshToken = next;
        }
    }

    /** The whole {@code Set-Cookie} header for one cookie name, if the answer has one. */
    static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst();
    }

    /** The value a {@code Set-Cookie} header gives its cookie. */
    static String value(String setCookie) {
        int end = setCookie.indexOf(';');
        return setCookie.substring(setCookie.indexOf('=') + 1, end < 0 ? setCookie.length() : end);
    }

    static boolean deleted(String setCookie) {
        return setCookie.contains("Max-Age=0");
    }
}
