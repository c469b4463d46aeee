package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.token.CookieSpec;
import org.tokenrefresh.spi.TokenPair;

/**
 * The request as the application sees it after a refresh, or when its tokens came in chunks: the token cookies
 * carry the current values, whole and under their plain names, in {@link #getCookies()} and in the {@code Cookie}
 * header (the chunks {@code <name>-1}, {@code <name>-2}, ... are hidden), and, when {@code authorization-header=true},
 * {@code Authorization: Bearer} carries the access token.
 */
public final class TokenRequest extends HttpServletRequestWrapper {

    private static final String COOKIE = "Cookie";
    private static final String AUTHORIZATION = "Authorization";

    private final TokenRefreshSettings settings;
    private final TokenPair tokens;
    private Cookie[] cookies;
    private String cookieHeader;

    public TokenRequest(HttpServletRequest request, TokenRefreshSettings settings, TokenPair tokens) {
        super(request);
        this.settings = settings;
        this.tokens = tokens;
    }

    /** The tokens this request now carries. */
    public TokenPair tokens() {
        return tokens;
    }

    @Override
    public Cookie[] getCookies() {
        if (cookies == null) {
            Cookie[] original = super.getCookies();
            List<Cookie> result = new ArrayList<>();
            if (original != null) {
                for (Cookie cookie : original) {
                    if (!isTokenCookie(cookie.getName())) {
                        result.add(cookie);
                    }
                }
            }
            if (tokens.accessToken() != null) {
                result.add(new Cookie(settings.accessCookie(), tokens.accessToken()));
            }
            result.add(new Cookie(settings.refreshCookie(), tokens.refreshToken()));
            cookies = result.toArray(new Cookie[0]);
        }
        return cookies.clone();
    }

    @Override
    public String getHeader(String name) {
        if (COOKIE.equalsIgnoreCase(name)) {
            return cookieHeader();
        }
        if (settings.authorizationHeader() && AUTHORIZATION.equalsIgnoreCase(name) && tokens.accessToken() != null) {
            return "Bearer " + tokens.accessToken();
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (COOKIE.equalsIgnoreCase(name) || (settings.authorizationHeader() && AUTHORIZATION.equalsIgnoreCase(name)
                && tokens.accessToken() != null)) {
            return Collections.enumeration(Collections.singletonList(getHeader(name)));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames());
        if (!containsIgnoreCase(names, COOKIE)) {
            names.add(COOKIE);
        }
        if (settings.authorizationHeader() && tokens.accessToken() != null && !containsIgnoreCase(names, AUTHORIZATION)) {
            names.add(AUTHORIZATION);
        }
        return Collections.enumeration(names);
    }

    private String cookieHeader() {
        if (cookieHeader == null) {
            StringBuilder header = new StringBuilder();
            Enumeration<String> originals = super.getHeaders(COOKIE);
            while (originals != null && originals.hasMoreElements()) {
                for (String pair : originals.nextElement().split(";")) {
                    String trimmed = pair.trim();
                    int eq = trimmed.indexOf('=');
                    String name = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
                    if (!trimmed.isEmpty() && !isTokenCookie(name)) {
                        append(header, trimmed);
                    }
                }
            }
            if (tokens.accessToken() != null) {
                append(header, settings.accessCookie() + "=" + tokens.accessToken());
            }
            append(header, settings.refreshCookie() + "=" + tokens.refreshToken());
            cookieHeader = header.toString();
        }
        return cookieHeader;
    }

    private boolean isTokenCookie(String name) {
        return name.equals(settings.accessCookie()) || name.equals(settings.refreshCookie()) || name.equals(settings.expiryCookie())
                || CookieSpec.isChunkName(name, settings.accessCookie()) || CookieSpec.isChunkName(name, settings.refreshCookie());
    }

    private static void append(StringBuilder header, String pair) {
        if (header.length() > 0) {
            header.append("; ");
        }
        header.append(pair);
    }

    private static boolean containsIgnoreCase(List<String> names, String wanted) {
        for (String name : names) {
            if (name.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }
}
