package org.tokenrefresh.testsupport;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A browser's cookies for one site, kept as a browser keeps them: each {@code Set-Cookie} replaces the cookie of
 * that name, a deletion ({@code Max-Age=0}, an expiry in 1970 or an empty value) removes it, and responses are
 * taken in the order the caller hands them over (the order they "arrived"). Attributes other than the deletion
 * (Path, Domain, Secure) are ignored: every cookie is sent on every request, the tests talk to one loopback origin.
 * Thread-safe, so parallel requests of one "browser" may share it; the last answer applied wins, as in a browser.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * CookieJar jar = CookieJar.of("authToken", login.accessToken(), "refreshToken", login.refreshToken());
 * HttpResponse<String> page = http.send(request.header("Cookie", jar.header()).build(), ofString());
 * jar.keep(page);                              // rotated tokens (and any companion cookie) replace the old ones
 * assertEquals(CookieJar.Change.NONE, jar.keep(next));
 * }</pre>
 */
public final class CookieJar {

    /** What one response did to the cookies of a jar. */
    public enum Change {
        /** No {@code Set-Cookie} header. */
        NONE,
        /** At least one cookie set, none deleted. */
        SET,
        /** At least one cookie deleted. */
        DELETED
    }

    /** RFC 6265 section 5.2.2: a Max-Age of zero or less, or an expiry in the past, deletes the cookie. */
    private static final Pattern DELETION = Pattern.compile("(?i);\\s*(max-age=(0+|-\\d+)\\s*(;|$)|expires=[^;]*\\b1970\\b)");

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** A jar holding these cookies, given as name, value, name, value... */
    public static CookieJar of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs: " + nameValuePairs.length + " strings given");
        }
        CookieJar jar = new CookieJar();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            jar.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return jar;
    }

    /** Sets one cookie, as a login page or a test would; a {@code null} value removes it. */
    public synchronized CookieJar put(String name, String value) {
        if (value == null) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
        return this;
    }

    /** The cookie's value, or {@code null} when the jar has none by that name. */
    public synchronized String get(String name) {
        return cookies.get(name);
    }

    /** Applies the response's {@code Set-Cookie} headers in order; says whether any cookie was set or deleted. */
    public synchronized Change keep(HttpResponse<?> response) {
        Change change = Change.NONE;
        for (String header : response.headers().allValues("Set-Cookie")) {
            int equals = header.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = header.substring(0, equals).trim();
            String value = SetCookies.valueOf(header);
            if (value.isEmpty() || DELETION.matcher(header).find()) {
                cookies.remove(name);
                change = Change.DELETED;
            } else {
                cookies.put(name, value);
                if (change == Change.NONE) {
                    change = Change.SET;
                }
            }
        }
        return change;
    }

    /** The {@code Cookie} request header: every cookie in the order first set, or the empty string for none. */
    public synchronized String header() {
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
        return header.toString();
    }

    /** An independent copy: a second tab that still holds the cookies this one holds now. */
    public synchronized CookieJar copy() {
        CookieJar copy = new CookieJar();
        copy.cookies.putAll(cookies);
        return copy;
    }

    @Override
    public synchronized String toString() {
        return "CookieJar" + cookies.keySet();
    }
}
