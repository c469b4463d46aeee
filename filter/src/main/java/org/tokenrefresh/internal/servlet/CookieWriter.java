package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.internal.token.ExpiryValue;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;

/**
 * Writes and clears the token cookies (RFC 6265 section 4.1). The one place that decides cookie
 * attributes: always {@code HttpOnly}, {@code Secure} per {@code cookie-secure} ({@code auto}: when the
 * request is HTTPS; always for {@code __Host-}/{@code __Secure-} names), {@code SameSite}, {@code Path},
 * optional {@code Domain} and {@code Max-Age}. Headers are written by hand so that {@code SameSite} works
 * the same on every container.
 *
 * <p>Opaque (non-JWT) access tokens get a companion cookie holding {@code issuedAt_expiresAt} in epoch
 * seconds, so that the next request knows when to refresh.
 */
public final class CookieWriter {

    private static final String SET_COOKIE = "Set-Cookie";

    private final TokenRefreshSettings settings;
    private final Vouching vouching;
    private final String macCookie;

    public CookieWriter(TokenRefreshSettings settings, Vouching vouching) {
        this.settings = settings;
        this.vouching = vouching;
        this.macCookie = macCookie(settings);
    }

    /** The companion cookie holding the library's MAC of the refresh token: {@code <refresh-cookie>-mac}. */
    public static String macCookie(TokenRefreshSettings settings) {
        return settings.refreshCookie() + "-mac";
    }

    /**
     * Adds {@code Set-Cookie} headers for a pair the auth backend issued through the library, with the MAC
     * that vouches for its refresh token.
     */
    public void write(HttpServletRequest request, HttpServletResponse response, TokenPair tokens) {
        boolean secure = secure(request);
        add(response, settings.accessCookie(), tokens.accessToken(), settings.accessCookieMaxAge(), secure);
        add(response, settings.refreshCookie(), tokens.refreshToken(), settings.refreshCookieMaxAge(), secure);
        add(response, macCookie, vouching.sign(tokens.refreshToken()), settings.refreshCookieMaxAge(), secure);
        if (tokens.hasExpiry() && JwtTimes.read(tokens.accessToken()) == null) {
            add(response, settings.expiryCookie(), expiryValue(tokens), settings.accessCookieMaxAge(), secure);
        }
    }

    /** The {@code Set-Cookie} value of the MAC cookie for a refresh token the application itself wrote. */
    String macHeader(HttpServletRequest request, String refreshToken) {
        return header(macCookie, vouching.sign(refreshToken), settings.refreshCookieMaxAge(), secure(request));
    }

    /** Whether a cookie name is one of the token cookies (access, refresh, expiry, MAC). */
    boolean isTokenCookie(String name) {
        return name.equals(settings.accessCookie()) || name.equals(settings.refreshCookie()) || name.equals(macCookie)
                || name.equals(settings.expiryCookie());
    }

    String accessName() {
        return settings.accessCookie();
    }

    String refreshName() {
        return settings.refreshCookie();
    }

    /** Expires all token cookies with the same Path and Domain they were written with. */
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        boolean secure = secure(request);
        for (String name : new String[] {settings.accessCookie(), settings.refreshCookie(), macCookie, settings.expiryCookie()}) {
            add(response, name, "", Duration.ZERO, secure);
        }
    }

    /** Whether cookies written for this request get the {@code Secure} attribute. */
    boolean secure(HttpServletRequest request) {
        switch (settings.cookieSecure()) {
            case TRUE:
                return true;
            case FALSE:
                return false;
            default:
                return request.isSecure() || settings.accessCookie().startsWith("__");
        }
    }

    private void add(HttpServletResponse response, String name, String value, Duration maxAge, boolean secure) {
        String header = header(name, value, maxAge, secure);
        if (response instanceof TokenCookies) {
            ((TokenCookies) response).addLibraryHeader(header); // dropped if the application writes its own
        } else {
            response.addHeader(SET_COOKIE, header);
        }
    }

    private String header(String name, String value, Duration maxAge, boolean secure) {
        StringBuilder header = new StringBuilder(64 + value.length())
                .append(name).append('=').append(value)
                .append("; Max-Age=").append(maxAge.getSeconds())
                .append("; Path=").append(settings.cookiePath());
        if (settings.cookieDomain() != null) {
            header.append("; Domain=").append(settings.cookieDomain());
        }
        if (secure || name.startsWith("__Secure-") || name.startsWith("__Host-")) {
            header.append("; Secure");
        }
        header.append("; HttpOnly; SameSite=").append(settings.cookieSameSite().attribute());
        return header.toString();
    }

    /** The companion cookie's value ({@link ExpiryValue}). */
    static String expiryValue(TokenPair tokens) {
        return ExpiryValue.format(tokens.issuedAt(), tokens.expiresAt());
    }

    /** Reads a companion cookie value into {@code {issuedAt, expiresAt}}, or {@code null} ({@link ExpiryValue}). */
    static long[] parseExpiryValue(String value) {
        if (value == null) {
            return null;
        }
        long expiresAt = ExpiryValue.expiresAt(value, 0, value.length());
        return expiresAt == TokenPair.UNKNOWN ? null : new long[] {ExpiryValue.issuedAt(value, 0, value.length()), expiresAt};
    }
}
