package org.tokenrefresh.testsupport;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser's cookies for one site, kept as a browser keeps them: each {@code Set-Cookie} replaces the cookie of
 * that name, a deletion ({@code Max-Age=0}, an expiry in 1970 or an empty value) removes it, and responses are
 * taken in the order the caller hands them over (the order they "arrived"). Attributes other than the deletion
 * are ignored: every cookie is sent on every request. Not thread-safe: one page, one thread.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * CookieJar jar = new CookieJar().put("authToken", login.accessToken()).put("refreshToken", login.refreshToken());
 * HttpResponse<String> page = http.send(request.header("Cookie", jar.header()).build(), ofString());
 * jar.keep(page);
 * }</pre>
 */
public final class CookieJar {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Sets a cookie as a login page would. */
    public CookieJar put(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /** The cookie's value, or {@code null} when the jar has none of that name. */
    public String get(String name) {
        return cookies.get(name);
    }

    /** Applies the response's {@code Set-Cookie} headers, in their order. */
    public CookieJar keep(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            int equals = header.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = header.substring(0, equals).trim();
            String value = SetCookies.valueOf(header);
            if (value.isEmpty() || header.contains("Max-Age=0") || header.contains("01 Jan 1970") || header.contains("01-Jan-1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return this;
    }

    /** The {@code Cookie} request header: every cookie, in the order first set; empty when the jar is. */
    public String header() {
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
        return header.toString();
    }

    @Override
    public String toString() {
        return "CookieJar" + cookies.keySet();
    }
}
