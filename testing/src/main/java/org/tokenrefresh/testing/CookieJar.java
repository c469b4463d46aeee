package org.tokenrefresh.testing;

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
 * The cookies of one origin, kept as a browser keeps them (RFC 6265): {@code HttpOnly} ones included (only script is
 * kept from them, and there is no script here), {@code Path} honoured, a cookie removed by {@code Max-Age=0} or an
 * {@code Expires} in the past, the last {@code Set-Cookie} for a name and path winning. {@code Domain} is ignored: a
 * test talks to one loopback host. Thread-safe.
 */
final class CookieJar {

    /** One stored cookie. */
    record Cookie(String name, String value, String path) {
    }

    /** What one {@code Set-Cookie} header did. */
    record Change(String name, String value, boolean removed) {
    }

    private final Clock clock;
    private final Map<String, Cookie> cookies = new LinkedHashMap<>(); // guarded by this, keyed by path + name

    CookieJar(Clock clock) {
        this.clock = clock;
    }

    /** The {@code Cookie} header for a request to {@code requestPath}, or {@code null} when no cookie applies. */
    synchronized String header(String requestPath) {
        StringJoiner header = new StringJoiner("; ");
        for (Cookie cookie : cookies.values()) {
            if (pathMatches(requestPath, cookie.path())) {
                header.add(cookie.name() + "=" + cookie.value());
            }
        }
        return header.length() == 0 ? null : header.toString();
    }

    /** Applies the response's {@code Set-Cookie} headers (for a request to {@code requestPath}); returns the changes. */
    synchronized List<Change> receive(String requestPath, List<String> setCookieHeaders) {
        List<Change> changes = new ArrayList<>();
        for (String header : setCookieHeaders) {
            Change change = receive(requestPath, header);
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
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
        boolean removed = removedByMaxAge != null ? removedByMaxAge : removedByExpires;
        String cookiePath = path != null ? path : defaultPath(requestPath);
        String key = cookiePath + "\n" + name;
        if (removed) {
            cookies.remove(key);
            return new Change(name, "", true);
        }
        cookies.put(key, new Cookie(name, value, cookiePath));
        return new Change(name, value, false);
    }

    /** The value of the cookie with the longest path, or {@code null}. */
    synchronized String value(String name) {
        Cookie best = null;
        for (Cookie cookie : cookies.values()) {
            if (cookie.name().equals(name) && (best == null || cookie.path().length() > best.path().length())) {
                best = cookie;
            }
        }
        return best == null ? null : best.value();
    }

    /** Sets a cookie as the application's login would, at path {@code /}. */
    synchronized void put(String name, String value) {
        cookies.put("/\n" + name, new Cookie(name, value, "/"));
    }

    /** Replaces the value of every cookie of that name, keeping its path; false when there is none. */
    synchronized boolean replace(String name, String value) {
        boolean found = false;
        for (Map.Entry<String, Cookie> entry : cookies.entrySet()) {
            if (entry.getValue().name().equals(name)) {
                entry.setValue(new Cookie(name, value, entry.getValue().path()));
                found = true;
            }
        }
        return found;
    }

    synchronized List<Cookie> all() {
        return List.copyOf(cookies.values());
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
            return false;
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
}
