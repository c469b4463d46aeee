package org.tokenrefresh.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What a browser sends to the test application: its two cookies, over HTTP/1.1 on loopback. */
final class Browser {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Browser() {
    }

    /** The {@code Cookie} header of a session. */
    static String cookies(String accessToken, String refreshToken) {
        return "authToken=" + accessToken + "; refreshToken=" + refreshToken;
    }

    static CompletableFuture<HttpResponse<String>> getAsync(URI uri, String cookies) {
        return HTTP.sendAsync(request(uri, cookies).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri, String cookies) {
        return join(getAsync(uri, cookies));
    }

    static HttpResponse<String> post(URI uri, String cookies, String body) {
        return join(HTTP.sendAsync(request(uri, cookies).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpRequest.Builder request(URI uri, String cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        return cookies == null ? request : request.header("Cookie", cookies);
    }

    private static HttpResponse<String> join(CompletableFuture<HttpResponse<String>> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    /** The {@code Set-Cookie} header a response sends for {@code name}, or {@code null}. */
    static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(header -> header.startsWith(name + "="))
                .findFirst().orElse(null);
    }

    /** The value a response sets for the cookie, or {@code null}. */
    static String cookieValue(HttpResponse<?> response, String name) {
        String header = setCookie(response, name);
        if (header == null) {
            return null;
        }
        int end = header.indexOf(';');
        return header.substring(name.length() + 1, end < 0 ? header.length() : end);
    }

    /** The value of a line {@code key=value} of the test application's plain-text answers, or {@code null}. */
    static String line(String text, String key) {
        return text.lines().filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1))
                .findFirst().orElse(null);
    }

    /**
     * An unsigned JWT: the library reads its {@code iat} and {@code exp}; the application, which checks the
     * signature at the auth backend, rejects it.
     */
    static String unsignedJwt(long issuedAt, long expiresAt) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"demo\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".bm90LXNpZ25lZA";
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
