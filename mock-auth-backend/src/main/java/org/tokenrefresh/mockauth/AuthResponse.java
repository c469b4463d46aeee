package org.tokenrefresh.mockauth;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A transport-neutral HTTP response from {@link AuthProtocolHandler}. Immutable. */
public final class AuthResponse {

    private static final String JSON = "application/json";

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final boolean dropConnection;

    private AuthResponse(int status, Map<String, String> headers, byte[] body, boolean dropConnection) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
        this.dropConnection = dropConnection;
    }

    /** A response with the given body and content type, plus header name/value pairs. */
    static AuthResponse of(int status, String contentType, String body, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return new AuthResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
    }

    static AuthResponse json(int status, Map<String, ?> body, String... headerPairs) {
        return of(status, JSON, Json.write(body), headerPairs);
    }

    /** {@code {"error":..,"message":..}} */
    static AuthResponse error(int status, String error, String message, String... headerPairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return json(status, body, headerPairs);
    }

    /** No answer at all: the adapter closes the connection (or answers 500 where it cannot). */
    static AuthResponse drop() {
        return new AuthResponse(500, new LinkedHashMap<>(), new byte[0], true);
    }

    public int status() {
        return status;
    }

    /** Response headers by name. */
    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the adapter must close the connection without answering ({@link Fault#RESET}, {@link Fault#LOST_RESPONSE}). */
    public boolean dropConnection() {
        return dropConnection;
    }
}
