package org.tokenrefresh.ee.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Browser-like HTTP calls for the tests: cookies in (read the {@code Set-Cookie} answers with test-support's
 * {@code SetCookies}). Loopback only.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
