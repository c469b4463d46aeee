package org.tokenrefresh.mockauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP calls to a mock on loopback, as the library would make them, and reading one string field. */
final class TestHttp {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    TestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20)).GET());
    }

    /** A POST with header name/value pairs after the body. */
    HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        return post(path, contentType, body, Duration.ofSeconds(20), headers);
    }

    HttpResponse<String> post(String path, String contentType, String body, Duration timeout, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** {@code POST /api/auth/refresh} of the {@code json} protocol. */
    HttpResponse<String> refresh(String refreshToken) throws IOException, InterruptedException {
        return post("/api/auth/refresh", JSON, "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The string value of a top-level field in a JSON answer; fails the test when absent. */
    static String text(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no string field " + name + " in " + json);
        }
        return m.group(1);
    }
}
