package org.tokenrefresh.ee.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Browser-like HTTP calls for the tests: cookies in, {@code Set-Cookie} out. Loopback only. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Http() {
    }

    /** A GET carrying the session's cookies. */
    public static HttpResponse<String> get(URI uri, String cookieHeader) {
        try {
            return send(uri, cookieHeader).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException ? new UncheckedIOException((IOException) e.getCause()) : e;
        }
    }

    /** A plain GET without cookies or {@code Accept}, as a monitoring system sends it. */
    public static HttpResponse<String> scrape(URI uri) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static CompletableFuture<HttpResponse<String>> send(URI uri, String cookieHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code Cookie} header of a session. */
    public static String cookies(String accessToken, String refreshToken) {
        return "authToken=" + accessToken + "; refreshToken=" + refreshToken;
    }

    /** {@code Set-Cookie} headers by cookie name. */
    public static Map<String, String> setCookies(HttpResponse<?> response) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            byName.put(header.substring(0, header.indexOf('=')), header);
        }
        return byName;
    }

    /** The value a response sets for a cookie, or {@code null}. */
    public static String cookieValue(HttpResponse<?> response, String name) {
        String header = setCookies(response).get(name);
        if (header == null) {
            return null;
        }
        int end = header.indexOf(';');
        return header.substring(name.length() + 1, end < 0 ? header.length() : end);
    }

    /** An unsigned JWT with the given times: the filter reads {@code exp}/{@code iat}, the application rejects it. */
    public static String jwt(long issuedAt, long expiresAt) {
        String header = URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = URL.encodeToString(("{\"sub\":\"demo\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }

    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
