package org.tokenrefresh.testsupport;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Set-Cookie} headers of a {@link java.net.http.HttpClient} response, read the way a test asserts on
 * them: by cookie name. Only what tests need: names, values and the whole header (for its attributes).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * String rotated = SetCookies.value(response, "refreshToken");               // null when not set
 * assertTrue(SetCookies.byName(response).get("authToken").contains("HttpOnly"));
 * }</pre>
 */
public final class SetCookies {

    private SetCookies() {
    }

    /** The {@code Set-Cookie} headers by cookie name, in the response's order (the last one wins for a name). */
    public static Map<String, String> byName(HttpResponse<?> response) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            int equals = header.indexOf('=');
            if (equals > 0) {
                found.put(header.substring(0, equals).trim(), header);
            }
        }
        return found;
    }

    /** The value the response sets for the cookie (empty for a deletion), or {@code null} when it sets none. */
    public static String value(HttpResponse<?> response, String name) {
        String header = byName(response).get(name);
        return header == null ? null : valueOf(header);
    }

    /** The value the response sets for the cookie; an {@link AssertionError} listing the headers when it sets none. */
    public static String requiredValue(HttpResponse<?> response, String name) {
        String value = value(response, name);
        if (value == null) {
            throw new AssertionError("no Set-Cookie for " + name + " in " + response.headers().allValues("Set-Cookie"));
        }
        return value;
    }

    /** Every value the response sets for the cookie, in order (a response may set one name twice). */
    public static List<String> values(HttpResponse<?> response, String name) {
        List<String> values = new ArrayList<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                values.add(valueOf(header));
            }
        }
        return values;
    }

    /** The value part of one {@code Set-Cookie} header: between the first {@code =} and the first {@code ;}. */
    public static String valueOf(String header) {
        int start = header.indexOf('=') + 1;
        int end = header.indexOf(';');
        return header.substring(start, end < 0 ? header.length() : end);
    }
}
