package org.tokenrefresh.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.logging.Logger;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.internal.token.CookieSpec;
import org.tokenrefresh.internal.token.CookieTokens;
import org.tokenrefresh.internal.token.CookieValues;
import org.tokenrefresh.internal.token.JwtTimes;
import org.tokenrefresh.spi.TokenPair;

/**
 * Reads a request's tokens from its cookies: the one place that turns the {@code Cookie} header into the
 * request's tokens. {@link #read} keeps them as {@link CookieTokens}, ranges of the header from which the
 * expiry is read in place; the {@link TokenPair} with the token strings is made only when the request needs a
 * refresh, the background monitor or the outbound relay ({@link CookieTokens#pair()}). The expiry comes from
 * the JWT {@code exp} claim, else from the companion expiry cookie.
 */
public final class RequestTokens {

    private static final Logger LOG = Logger.getLogger(RequestTokens.class.getName());

    private final CookieSpec spec;
    private final String[] macName;

    public RequestTokens(TokenRefreshSettings settings) {
        this.macName = new String[] {CookieWriter.macCookie(settings)};
        CookieChunks chunks = new CookieChunks(settings);
        this.spec = CookieSpec.tokens(new String[] {settings.accessCookie(), settings.refreshCookie(), settings.expiryCookie()},
                Math.max(chunks.maxChunks(settings.accessCookie()), chunks.maxChunks(settings.refreshCookie())), settings.maxTokenSize());
    }

    /** The request's token cookies, or {@code null} when it carries no refresh token. */
    public CookieTokens read(HttpServletRequest request) {
        CookieTokens tokens = scan(request.getHeaders("Cookie"));
        if (tokens.problem() != null) {
            LOG.fine(() -> "Request " + request.getRequestURI() + ": " + tokens.problem());
        }
        return tokens.hasRefreshToken() ? tokens : null;
    }

    /** The request's tokens as a pair, or {@code null} when it carries no usable refresh token. */
    public TokenPair readPair(HttpServletRequest request) {
        CookieTokens tokens = read(request);
        return tokens == null ? null : tokens.pair();
    }

    /** The scan behind {@link #read}: all it does per request but logging (the hot-path benchmark measures it). */
    public CookieTokens scan(Enumeration<String> cookieHeaders) {
        return CookieTokens.scan(cookieHeaders, spec);
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
