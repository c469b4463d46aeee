package org.tokenrefresh.mockauth;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A transport-neutral HTTP request for {@link AuthProtocolHandler}.
 *
 * @param method  HTTP method, upper-cased
 * @param path    path below the mount point, such as {@code /api/auth/refresh}; {@code /} when empty
 * @param query   raw query string without {@code ?}, or null
 * @param headers request headers (first value of each), names lower-cased; {@link #header} matches any case
 * @param body    request body, empty when none; copied in and out
 */
public record AuthRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {

    public AuthRequest {
        method = method.toUpperCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        headers = Collections.unmodifiableMap(lower);
        body = body == null ? new byte[0] : body.clone();
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
