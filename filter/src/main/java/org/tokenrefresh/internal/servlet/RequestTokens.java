package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Logger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.internal.token.CookieValues;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;

/**
 * Reads a request's tokens from its cookies: the one place that turns cookies into a {@link TokenPair}.
 * The expiry comes from the JWT {@code exp} claim, else from the companion expiry cookie.
 */
public final class RequestTokens {

    private static final Logger LOG = Logger.getLogger(RequestTokens.class.getName());
    private static final int ACCESS = 0;
    private static final int REFRESH = 1;
    private static final int EXPIRY = 2;

    private final String[] names;
    private final String[] macName;

    public RequestTokens(TokenRefreshSettings settings) {
        this.names = new String[] {settings.accessCookie(), settings.refreshCookie(), settings.expiryCookie()};
        this.macName = new String[] {CookieWriter.macCookie(settings)};
    }

    /** The request's tokens, or {@code null} when it carries no usable refresh token. */
    public TokenPair read(HttpServletRequest request) {
        CookieValues cookies = CookieValues.scan(request.getHeaders("Cookie"), names);
        if (cookies.problem() != null) {
            LOG.fine(() -> "Request " + request.getRequestURI() + ": " + cookies.problem());
        }
        String refresh = cookies.get(REFRESH);
        if (refresh == null) {
            return null;
        }
        String access = cookies.get(ACCESS);
        JwtTimes times = JwtTimes.read(access);
        if (times != null) {
            return new TokenPair(access, refresh, times.expiresAt(), times.issuedAt());
        }
        long[] companion = CookieWriter.parseExpiryValue(cookies.get(EXPIRY));
        if (companion != null && access != null) {
            return new TokenPair(access, refresh, companion[1], companion[0]);
        }
        return new TokenPair(access, refresh, TokenPair.UNKNOWN, TokenPair.UNKNOWN);
    }

    /** A pair from raw tokens, with the access token's JWT times when it has them. */
    static TokenPair pair(String access, String refresh) {
        JwtTimes times = JwtTimes.read(access);
        return times != null ? new TokenPair(access, refresh, times.expiresAt(), times.issuedAt())
                : new TokenPair(access, refresh, TokenPair.UNKNOWN, TokenPair.UNKNOWN);
    }

    /**
     * Whether the library can vouch for the request's refresh token: it came with the MAC the library wrote
     * beside it ({@link Vouching}). Read only when a refresh is needed, never on the per-request fast path.
     */
    public boolean vouched(HttpServletRequest request, TokenPair tokens, Vouching vouching) {
        String mac = CookieValues.scan(request.getHeaders("Cookie"), macName).get(0);
        return vouching.verify(tokens.refreshToken(), mac);
    }
}
