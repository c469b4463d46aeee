package org.tokenrefresh.mockauth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A transport-neutral HTTP request for {@link AuthProtocolHandler}. Immutable. */
public final class AuthRequest {

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, String> headers;
    private final byte[] body;

    /**
     * @param method  HTTP method
     * @param path    path below the mount point, such as {@code /api/auth/refresh}
     * @param query   raw query string without {@code ?}, or null
     * @param headers request headers (first value of each); names are matched case-insensitively
     * @param body    request body, or null
     */
    public AuthRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.query = query;
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        this.headers = lower;
        this.body = body == null ? new byte[0] : body.clone();
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public byte[] body() {
        return body.clone();
    }
}
