package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.internal.engine.Warnings;
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
 * <p>A token longer than one cookie holds is written in chunks ({@link CookieChunks}); when the token cookies
 * of one response pass 8 KB, one WARNING says which container limits to raise.
 *
 * <p>Opaque (non-JWT) access tokens get a companion cookie holding {@code issuedAt_expiresAt} in epoch
 * seconds, so that the next request knows when to refresh.
 */
public final class CookieWriter {

    private static final String SET_COOKIE = "Set-Cookie";

    private static final Logger LOG = Logger.getLogger(CookieWriter.class.getName());
    /** Containers' default limit of a request's or response's headers (Tomcat, Payara, Jetty: 8 KB). */
    static final int LARGE_HEADERS = 8 * 1024;

    private final TokenRefreshSettings settings;
    private final Vouching vouching;
    private final AtomicBoolean warnedInsecure = new AtomicBoolean();
    private final AtomicBoolean warnedLarge = new AtomicBoolean();
    private final CookieChunks chunks;
    private final Warnings warnings = new Warnings(LOG, Clock.systemUTC());
    private final String macCookie;

    public CookieWriter(TokenRefreshSettings settings, Vouching vouching) {
        this.settings = settings;
        this.vouching = vouching;
        this.macCookie = macCookie(settings);
        this.chunks = new CookieChunks(settings);
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
        for (String token : new String[] {tokens.accessToken(), tokens.refreshToken()}) {
            if (token != null && token.length() > settings.maxTokenSize()) {
                // the next request could not read it back, and its chunks would outnumber what is read or cleared:
                // this request has the new tokens, the browser's session ends with it
                warnings.warn("token size", "The auth backend issued a token of " + token.length() + " characters, longer than"
                        + " tokenrefresh.max-token-size (" + settings.maxTokenSize() + "): it is not written into cookies and the"
                        + " browser's token cookies are cleared, so the user logs in again. Raise tokenrefresh.max-token-size");
                clear(request, response);
                return;
            }
        }
        boolean secure = secure(request);
        int bytes = addToken(request, response, settings.accessCookie(), tokens.accessToken(), settings.accessCookieMaxAge(), secure)
                + addToken(request, response, settings.refreshCookie(), tokens.refreshToken(), settings.refreshCookieMaxAge(), secure)
                + add(response, macCookie, vouching.sign(tokens.refreshToken()), settings.refreshCookieMaxAge(), secure);
        if (tokens.hasExpiry() && JwtTimes.read(tokens.accessToken()) == null) {
            bytes += add(response, settings.expiryCookie(), expiryValue(tokens), settings.accessCookieMaxAge(), secure);
        }
        if (bytes > LARGE_HEADERS && !warnedLarge.getAndSet(true)) {
            LOG.warning("Token cookies of " + bytes + " bytes were written on one response (tokens of " + tokens.accessToken().length()
                    + " and " + tokens.refreshToken().length() + " characters). Containers limit headers to 8 KB by default, both the"
                    + " response's Set-Cookie headers and the browser's Cookie header on the next request: raise them (Tomcat"
                    + " maxHttpHeaderSize and maxHttpResponseHeaderSize, Payara's network-listener header-buffer-length-bytes;"
                    + " README, \"Large tokens\"). (Logged once.)");
        }
    }

    /**
     * Writes a token cookie whole or in chunks ({@link CookieChunks}) and removes what the browser holds of the
     * other form, so that the browser keeps exactly one form. Returns the bytes written.
     */
    private int addToken(HttpServletRequest request, HttpServletResponse response, String name, String value, Duration maxAge,
            boolean secure) {
        int present = chunks.highestPresent(request, name);
        int bytes = 0;
        int written = 0;
        if (chunks.fits(name, value)) {
            bytes += add(response, name, value, maxAge, secure);
        } else {
            add(response, name, "", Duration.ZERO, secure); // the plain name would win over the chunks
            for (String piece : chunks.split(name, value)) {
                bytes += add(response, CookieChunks.chunkName(name, ++written), piece, maxAge, secure);
            }
        }
        // chunks beyond the ones written: those this request shows, and, once chunks are in play, every other one a
        // token may have (a request sent before the last response's cookies arrived shows fewer than the browser holds)
        int staleUpTo = written > 0 || present > 0 ? chunks.maxChunks(name) : 0;
        for (int stale = written + 1; stale <= staleUpTo; stale++) {
            add(response, CookieChunks.chunkName(name, stale), "", Duration.ZERO, secure);
        }
        return bytes;
    }

    /**
     * The {@code Set-Cookie} values that expire the chunks of token cookie {@code name} this request shows: when the
     * application writes or clears that cookie itself (its login, its logout), which knows nothing of chunks.
     */
    List<String> chunkClears(HttpServletRequest request, String name) {
        boolean secure = secure(request);
        List<String> clears = new ArrayList<>();
        for (int chunk = chunks.highestPresent(request, name); chunk > 0; chunk--) {
            clears.add(header(CookieChunks.chunkName(name, chunk), "", Duration.ZERO, secure));
        }
        return clears;
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
        for (String name : new String[] {settings.accessCookie(), settings.refreshCookie()}) {
            for (int chunk = chunks.highestPresent(request, name); chunk > 0; chunk--) {
                add(response, CookieChunks.chunkName(name, chunk), "", Duration.ZERO, secure);
            }
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
                boolean secure = request.isSecure() || settings.accessCookie().startsWith("__");
                if (!secure && !warnedInsecure.getAndSet(true)) {
                    LOG.warning("tokenrefresh.cookie-secure=auto wrote token cookies without Secure: the request arrived over plain"
                            + " HTTP. Behind a TLS-terminating proxy, enable the container's forwarded-header support (Tomcat"
                            + " RemoteIpValve, Payara's network-listener scheme-mapping, WildFly proxy-address-forwarding) or set"
                            + " tokenrefresh.cookie-secure=true. (Logged once.)");
                }
                return secure;
        }
    }

    private int add(HttpServletResponse response, String name, String value, Duration maxAge, boolean secure) {
        String header = header(name, value, maxAge, secure);
        if (response instanceof TokenCookies) {
            ((TokenCookies) response).addLibraryHeader(header); // dropped if the application writes its own
        } else {
            response.addHeader(SET_COOKIE, header);
        }
        return header.length();
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
