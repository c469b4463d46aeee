package org.tokenrefresh.testsupport;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A browser's cookies for one site, kept as a browser keeps them (RFC 6265): each {@code Set-Cookie} replaces the
 * cookie of that name and path (in place), a deletion ({@code Max-Age=0}, an {@code Expires} in the past, or an empty
 * value) removes it, {@code HttpOnly} cookies are kept like the others (only script is kept from them), and responses
 * are taken in the order the caller hands them over (the order they "arrived"). {@code Path} decides where a cookie
 * goes back ({@link #header(String)}); {@code Domain} is ignored, a test talks to one loopback host. Thread-safe.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * CookieJar jar = new CookieJar().put("authToken", login.accessToken()).put("refreshToken", login.refreshToken());
 * HttpResponse<String> page = http.send(request.header("Cookie", jar.header()).build(), ofString());
 * jar.keep(page);
 * }</pre>
 */
public final class CookieJar {

    /** What one {@code Set-Cookie} header did: the cookie's new value, or its removal (value empty). */
    public record Change(String name, String value, boolean removed) {
    }

    /** What one response did to the cookies of a jar, all its {@code Set-Cookie} headers together. */
    public enum Effect {
        /** No cookie set or removed. */
        NONE,
        /** At least one cookie set, none removed. */
        SET,
        /** At least one cookie removed. */
        DELETED
    }

    private record Cookie(String name, String value, String path) {
    }

    private final Clock clock;
    private final Map<String, Cookie> cookies = new LinkedHashMap<>(); // guarded by this, keyed by path + name

    /** A jar that tells expiry dates by the system clock. */
    public CookieJar() {
        this(Clock.systemUTC());
    }

    /** A jar that tells expiry dates by the given clock. */
    public CookieJar(Clock clock) {
        this.clock = clock;
    }

    /** A jar holding these cookies for the whole site, given as name, value, name, value... */
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

    /** Sets a cookie as a login page would, for the whole site (path {@code /}); a {@code null} value removes it. */
    public synchronized CookieJar put(String name, String value) {
        if (value == null) {
            cookies.remove(key("/", name));
        } else {
            cookies.put(key("/", name), new Cookie(name, value, "/"));
        }
        return this;
    }

    /** An independent copy: a second tab that still holds the cookies this one holds now. */
    public synchronized CookieJar copy() {
        CookieJar copy = new CookieJar(clock);
        copy.cookies.putAll(cookies);
        return copy;
    }

    /** The cookie's value (of the longest path when several paths have one), or {@code null} when there is none. */
    public synchronized String get(String name) {
        Cookie best = null;
        for (Cookie cookie : cookies.values()) {
            if (cookie.name().equals(name) && (best == null || cookie.path().length() > best.path().length())) {
                best = cookie;
            }
        }
        return best == null ? null : best.value();
    }

    /** Replaces the value of every cookie of that name, keeping its path; false when there is none. */
    public synchronized boolean replace(String name, String value) {
        boolean found = false;
        for (Map.Entry<String, Cookie> entry : cookies.entrySet()) {
            if (entry.getValue().name().equals(name)) {
                entry.setValue(new Cookie(name, value, entry.getValue().path()));
                found = true;
            }
        }
        return found;
    }

    /** Removes every cookie of that name, whatever its path, as the user clearing it would. */
    public synchronized CookieJar remove(String name) {
        cookies.values().removeIf(cookie -> cookie.name().equals(name));
        return this;
    }

    /** Applies the response's {@code Set-Cookie} headers, in their order; says whether any cookie was set or removed. */
    public Effect keep(HttpResponse<?> response) {
        Effect effect = Effect.NONE;
        for (Change change : receive(response.request().uri().getRawPath(), response.headers().allValues("Set-Cookie"))) {
            effect = change.removed() ? Effect.DELETED : effect == Effect.NONE ? Effect.SET : effect;
        }
        return effect;
    }

    /** Applies {@code Set-Cookie} headers of a response to a request for {@code requestPath}; returns what each did. */
    public synchronized List<Change> receive(String requestPath, List<String> setCookieHeaders) {
        List<Change> changes = new ArrayList<>();
        for (String header : setCookieHeaders) {
            Change change = receive(requestPath, header);
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** The {@code Cookie} request header with every cookie, in the order first set; empty when the jar is. */
    public synchronized String header() {
        StringJoiner header = new StringJoiner("; ");
        cookies.values().forEach(cookie -> header.add(cookie.name() + "=" + cookie.value()));
        return header.toString();
    }

    /** The {@code Cookie} header for a request to {@code requestPath}: the cookies whose path matches; empty when none. */
    public synchronized String header(String requestPath) {
        StringJoiner header = new StringJoiner("; ");
        for (Cookie cookie : cookies.values()) {
            if (pathMatches(requestPath, cookie.path())) {
                header.add(cookie.name() + "=" + cookie.value());
            }
        }
        return header.toString();
    }

    private Change receive(String requestPath, String header) {
        String[] parts = header.split(";");
        int equals = parts[0].indexOf('=');
        if (equals <= 0) {
            return null; // RFC 6265 §5.2: a header without a name is ignored
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        String path = null;
        Boolean removedByMaxAge = null;
        boolean removedByExpires = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int eq = attribute.indexOf('=');
            String key = (eq < 0 ? attribute : attribute.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String argument = eq < 0 ? "" : attribute.substring(eq + 1).trim();
            if (key.equals("path") && argument.startsWith("/")) {
                path = argument;
            } else if (key.equals("max-age")) {
                removedByMaxAge = maxAgeRemoves(argument, removedByMaxAge);
            } else if (key.equals("expires")) {
                removedByExpires = expired(argument);
            }
        }
        boolean removed = value.isEmpty() || (removedByMaxAge != null ? removedByMaxAge : removedByExpires);
        String key = key(path != null ? path : defaultPath(requestPath), name);
        if (removed) {
            cookies.remove(key);
            return new Change(name, "", true);
        }
        Cookie cookie = new Cookie(name, value, path != null ? path : defaultPath(requestPath));
        cookies.put(key, cookie);
        return new Change(name, value, false);
    }

    private static String key(String path, String name) {
        return path + "\n" + name;
    }

    /** RFC 6265 §5.2.2: zero or negative removes; an unreadable value is ignored. Max-Age wins over Expires (§5.3). */
    private static Boolean maxAgeRemoves(String argument, Boolean before) {
        try {
            return Long.parseLong(argument) <= 0;
        } catch (NumberFormatException e) {
            return before;
        }
    }

    private boolean expired(String argument) {
        try {
            return !ZonedDateTime.parse(argument, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isAfter(Instant.now(clock));
        } catch (DateTimeParseException e) {
            return argument.contains("1970"); // the other date forms of RFC 6265 §5.1.1, as servers write a deletion
        }
    }

    /** RFC 6265 §5.1.4: the request path up to its last slash. */
    static String defaultPath(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return "/";
        }
        int last = requestPath.lastIndexOf('/');
        return last == 0 ? "/" : requestPath.substring(0, last);
    }

    /** RFC 6265 §5.1.4: identical, or a prefix ending at a slash. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        String path = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        if (path.equals(cookiePath)) {
            return true;
        }
        return path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path.charAt(cookiePath.length()) == '/');
    }

    @Override
    public synchronized String toString() {
        List<String> names = new ArrayList<>();
        cookies.values().forEach(cookie -> names.add(cookie.name()));
        return "CookieJar" + names;
    }
}
