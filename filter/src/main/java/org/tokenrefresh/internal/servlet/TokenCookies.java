package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The response as the application writes it: the application's own token cookies win
 * ({@code docs/architecture.md}, "The application's own auth"). When the application writes a token cookie
 * (its login, its own refresh endpoint, its logout), the {@code Set-Cookie} headers the library wrote for
 * the token cookies on this response are dropped and no more are written; what the application wrote is
 * recorded so that the flow can learn from it after the chain: its new pair becomes the successor of the
 * tokens the request came with, a cleared refresh cookie ends the session. A refresh token the application
 * writes gets the library's MAC cookie beside it, so that the library can vouch for it.
 */
final class TokenCookies extends HttpServletResponseWrapper {

    private static final String SET_COOKIE = "Set-Cookie";
    private static final int ACCESS = 1;
    private static final int REFRESH = 2;

    private final HttpServletRequest request;
    private final CookieWriter writer;
    private List<String> libraryHeaders;
    private boolean applicationOwns;
    private String writtenAccess;
    private String writtenRefresh;
    private boolean cleared;
    /** Which token's chunks this response expires already: a bit each, {@link #ACCESS} and {@link #REFRESH}. */
    private int chunksCleared;

    TokenCookies(HttpServletRequest request, HttpServletResponse response, CookieWriter writer) {
        super(response);
        this.request = request;
        this.writer = writer;
    }

    /** A token cookie of the library's own; dropped if the application writes its own on this response. */
    synchronized void addLibraryHeader(String header) {
        if (applicationOwns) {
            return;
        }
        if (libraryHeaders == null) {
            libraryHeaders = new ArrayList<>(4);
        }
        libraryHeaders.add(header);
        super.addHeader(SET_COOKIE, header);
    }

    @Override
    public synchronized void addCookie(Cookie cookie) {
        if (isToken(cookie.getName())) {
            boolean clears = cookie.getMaxAge() == 0 || cookie.getValue() == null || cookie.getValue().isEmpty();
            applicationWrote(cookie.getName(), clears ? null : cookie.getValue(), null, cookie);
            return;
        }
        super.addCookie(cookie);
    }

    @Override
    public synchronized void addHeader(String name, String value) {
        if (!tokenSetCookie(name, value)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public synchronized void setHeader(String name, String value) {
        if (!tokenSetCookie(name, value)) {
            super.setHeader(name, value);
        }
    }

    /** Whether the header is a {@code Set-Cookie} of a token cookie: then it is taken as the application's own. */
    private boolean tokenSetCookie(String name, String value) {
        if (SET_COOKIE.equalsIgnoreCase(name) && value != null && isToken(cookieName(value))) {
            applicationWrote(cookieName(value), clears(value) ? null : cookieValue(value), value, null);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void reset() {
        super.reset();
        libraryHeaders = null;
        applicationOwns = false;
        writtenAccess = null;
        writtenRefresh = null;
        cleared = false;
        chunksCleared = 0;
    }

    private void applicationWrote(String name, String value, String header, Cookie cookie) {
        if (name.equals(writer.refreshName())) {
            if (value == null) {
                cleared = true;
            } else {
                writtenRefresh = value;
            }
        } else if (name.equals(writer.accessName()) && value != null) {
            writtenAccess = value;
        }
        if (cookie != null) {
            super.addCookie(cookie);
        } else {
            super.addHeader(SET_COOKIE, header);
        }
        if (!applicationOwns) {
            applicationOwns = true;
            dropLibraryHeaders(); // after the application's own: the Set-Cookie headers left are never none
        }
        // the browser may hold the token in chunks the application knows nothing of: its cookie replaces them all
        int token = name.equals(writer.accessName()) ? ACCESS : name.equals(writer.refreshName()) ? REFRESH : 0;
        if (token != 0 && (chunksCleared & token) == 0) {
            chunksCleared |= token;
            for (String clear : writer.chunkClears(request, name)) {
                super.addHeader(SET_COOKIE, clear);
            }
        }
        if (name.equals(writer.refreshName()) && value != null) {
            // the application's own token: the library vouches for it too
            super.addHeader(SET_COOKIE, writer.macHeader(request, value));
        }
    }

    /**
     * Takes back the library's token {@code Set-Cookie} headers written so far on this response, by setting the
     * header anew to the values that stay. Called once the application's own cookie is on the response, so that
     * on a container that keeps cookies among the headers (Tomcat, Payara) there is always a value that stays:
     * Payara ignores {@code setHeader(name, null)} (its {@code Response.setHeader} returns on a null value), so
     * that removing the header first and adding the others back would leave the library's tokens in place.
     */
    private void dropLibraryHeaders() {
        if (libraryHeaders == null || isCommitted()) {
            return;
        }
        List<String> kept = new ArrayList<>(getHeaders(SET_COOKIE));
        kept.removeAll(libraryHeaders);
        libraryHeaders = null;
        if (kept.isEmpty()) {
            // a container that keeps cookies apart from the headers; a null value removes the header where the
            // container honours it (Tomcat does)
            super.setHeader(SET_COOKIE, null);
            return;
        }
        super.setHeader(SET_COOKIE, kept.get(0)); // replaces every Set-Cookie header
        for (String header : kept.subList(1, kept.size())) {
            super.addHeader(SET_COOKIE, header);
        }
    }

    private boolean isToken(String name) {
        return name != null && writer.isTokenCookie(name);
    }

    /** Whether the application wrote token cookies on this response. */
    synchronized boolean applicationWroteTokens() {
        return applicationOwns;
    }

    /** The access token the application wrote, or {@code null}. */
    synchronized String writtenAccess() {
        return writtenAccess;
    }

    /** The refresh token the application wrote, or {@code null}. */
    synchronized String writtenRefresh() {
        return writtenRefresh;
    }

    /** Whether the application cleared the refresh cookie (its logout). */
    synchronized boolean cleared() {
        return cleared && writtenRefresh == null;
    }

    static String cookieName(String header) {
        int eq = header.indexOf('=');
        return eq <= 0 ? null : header.substring(0, eq).trim();
    }

    static String cookieValue(String header) {
        int eq = header.indexOf('=');
        int end = header.indexOf(';');
        String value = header.substring(eq + 1, end < 0 ? header.length() : end).trim();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** Whether a {@code Set-Cookie} value removes its cookie: empty, {@code Max-Age<=0} or an {@code Expires} in the past. */
    static boolean clears(String header) {
        if (cookieValue(header).isEmpty()) {
            return true;
        }
        for (String attribute : header.split(";")) {
            String a = attribute.trim();
            int eq = a.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = a.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = a.substring(eq + 1).trim();
            if (key.equals("max-age")) {
                try {
                    return Long.parseLong(value) <= 0;
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            if (key.equals("expires")) {
                try {
                    if (ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(java.time.Instant.now())) {
                        return true;
                    }
                } catch (DateTimeParseException e) {
                    continue;
                }
            }
        }
        return false;
    }
}
