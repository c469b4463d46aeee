package org.tokenrefresh.internal.token;

import java.util.Enumeration;
import java.util.logging.Logger;
import org.tokenrefresh.spi.TokenPair;

/**
 * The token cookies of one request, found by one pass over its {@code Cookie} header(s) and kept as ranges
 * of the header: the per-request hot path. Deciding "no refresh needed" reads the access token's
 * {@code exp} in place ({@link JwtTimes#expiresAt(String, int, int)}) and makes no string; the token
 * strings are made (and checked) only when something needs them: a refresh, the background monitor's
 * {@code seen}, the outbound relay ({@link #pair()}).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * CookieTokens tokens = CookieTokens.scan(request.getHeaders("Cookie"), spec); // CookieSpec.tokens(...), made once
 * if (tokens.hasRefreshToken() && !policy.isDue(tokens, now)) {
 *     ... // go on: nothing was copied
 * }
 * TokenPair pair = tokens.pair(); // when the strings are needed: checked, made once
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>The cookie rules are {@link CookieScan}'s. Oversized and duplicated cookies are found by the scan;
 * a value's characters (RFC 6265 cookie-octet) are checked when its string is made: a malformed access
 * token then becomes absent, a malformed refresh token makes {@link #pair()} {@code null} (the request is
 * one without tokens). <b>Shortcut:</b> until then the access token's {@code exp} decides, so a malformed
 * access cookie whose {@code exp} is readable and not due is not refreshed ahead; the application refuses
 * it and its 401 makes the filter refresh and replay (before, it was refreshed at once).</li>
 * <li>A token too long for one cookie comes in numbered chunks ({@code authToken-1}, {@code authToken-2}, ...,
 * see {@code CookieChunks}): when the plain name is absent, chunks {@code -1}, {@code -2}, ... are joined in
 * order until one is missing, into one string; a token longer than {@code max-token-size}, joined or plain, is
 * oversized. Only such a request pays for a string on the fast path ({@link #chunked()}).</li>
 * <li>The expiry comes from the JWT {@code exp}, else from the companion expiry cookie
 * ({@link ExpiryValue}); {@link #issuedAt()} is read only when asked (the expiry policy asks only when the
 * token is close to its expiry).</li>
 * <li>Confined to the request it was made for. What is read lazily is the same whenever it is read, so a
 * late reader on another thread (an asynchronous outbound call) at worst reads it again.</li>
 * </ul>
 */
public final class CookieTokens extends CookieScan {

    private static final Logger LOG = Logger.getLogger(CookieTokens.class.getName());
    static final int ACCESS = 0;
    static final int REFRESH = 1;
    private static final int EXPIRY = 2;
    private static final long NOT_READ = Long.MIN_VALUE;

    private String accessText;
    private int accessStart;
    private int accessEnd;
    private String refreshText;
    private int refreshStart;
    private int refreshEnd;
    private String expiryText;
    private int expiryStart;
    private int expiryEnd;
    /**
     * The chunks of the access and the refresh token, by number from 1: {@code null} until one comes; after the scan,
     * non-null only when a token was joined from its chunks.
     */
    private String[][] chunks;
    private long expiresAt = NOT_READ;
    private long issuedAt = NOT_READ;
    private TokenPair pair;

    private CookieTokens(CookieSpec spec) {
        super(spec);
    }

    /** Scans all {@code Cookie} headers for the token cookies of {@code spec} ({@link CookieSpec#tokens}). */
    public static CookieTokens scan(Enumeration<String> cookieHeaders, CookieSpec spec) {
        CookieTokens tokens = new CookieTokens(spec);
        tokens.scanAll(cookieHeaders);
        tokens.joinChunks();
        return tokens;
    }

    /** Scans one {@code Cookie} header value, as {@link #scan(Enumeration, CookieSpec)} does. */
    public static CookieTokens scan(String cookieHeader, CookieSpec spec) {
        CookieTokens tokens = new CookieTokens(spec);
        tokens.scanHeader(cookieHeader);
        tokens.joinChunks();
        return tokens;
    }

    /** Whether a token came in chunks: the application is then shown it whole, under its plain name. */
    public boolean chunked() {
        return chunks != null;
    }

    @Override
    boolean has(int index) {
        return index == ACCESS ? accessText != null : index == REFRESH ? refreshText != null : expiryText != null;
    }

    @Override
    void found(int index, String text, int start, int end) {
        if (index == ACCESS) {
            accessText = text;
            accessStart = start;
            accessEnd = end;
        } else if (index == REFRESH) {
            refreshText = text;
            refreshStart = start;
            refreshEnd = end;
        } else {
            expiryText = text;
            expiryStart = start;
            expiryEnd = end;
        }
    }

    @Override
    void foundChunk(int index, int chunk, String text, int start, int end) {
        if (chunks == null) {
            chunks = new String[2][];
        }
        String[] pieces = chunks[index];
        if (pieces == null) {
            pieces = new String[spec.maxChunks]; // the match admits no higher number
            chunks[index] = pieces;
        }
        if (pieces[chunk - 1] != null) {
            report(index, chunk, "sent more than once; the first is used");
        } else {
            pieces[chunk - 1] = text.substring(start, end);
        }
    }

    /** A token not sent under its plain name is the join of its chunks 1, 2, ... until one is missing. */
    private void joinChunks() {
        if (chunks == null) {
            return;
        }
        boolean joined = false;
        for (int index = ACCESS; index <= REFRESH; index++) {
            String[] pieces = chunks[index];
            if (pieces == null || pieces[0] == null || has(index)) {
                continue;
            }
            StringBuilder token = new StringBuilder();
            for (int i = 0; i < pieces.length && pieces[i] != null && token.length() <= spec.maxTokenSize; i++) {
                token.append(pieces[i]);
            }
            if (token.length() > spec.maxTokenSize) {
                report(index, 0, "in chunks is longer than " + spec.maxTokenSize + " characters; ignored");
                continue;
            }
            joined = true;
            found(index, token.toString(), 0, token.length());
        }
        if (!joined) {
            chunks = null;
        }
    }

    /** Whether the request has a refresh token cookie (its characters are checked by {@link #pair()}). */
    public boolean hasRefreshToken() {
        return refreshText != null;
    }

    /** Whether the request has an access token cookie (its characters are checked by {@link #accessToken()}). */
    public boolean hasAccessToken() {
        return accessText != null;
    }

    /** The access token's expiry in epoch seconds, or {@link TokenPair#UNKNOWN}; read in place, once. */
    public long expiresAt() {
        long known = expiresAt;
        if (known == NOT_READ) {
            known = readExpiresAt();
            expiresAt = known;
        }
        return known;
    }

    /** The access token's issue time in epoch seconds, or {@link TokenPair#UNKNOWN}; read in place, once. */
    public long issuedAt() {
        long known = issuedAt;
        if (known == NOT_READ) {
            long exp = expiresAt();
            known = issuedAt; // the companion cookie gives both at once
            if (known == NOT_READ) {
                known = exp == TokenPair.UNKNOWN ? TokenPair.UNKNOWN : JwtTimes.issuedAt(accessText, accessStart, accessEnd, exp);
                issuedAt = known;
            }
        }
        return known;
    }

    private long readExpiresAt() {
        if (accessText == null) {
            return TokenPair.UNKNOWN;
        }
        long exp = JwtTimes.expiresAt(accessText, accessStart, accessEnd);
        if (exp != TokenPair.UNKNOWN || expiryText == null) {
            return exp;
        }
        exp = ExpiryValue.expiresAt(expiryText, expiryStart, expiryEnd);
        issuedAt = exp == TokenPair.UNKNOWN ? TokenPair.UNKNOWN : ExpiryValue.issuedAt(expiryText, expiryStart, expiryEnd);
        return exp;
    }

    /** The access token, checked and made now; {@code null} when absent or malformed (reported). */
    public String accessToken() {
        return string(ACCESS, accessText, accessStart, accessEnd);
    }

    /** The refresh token, checked and made now; {@code null} when absent or malformed (reported). */
    public String refreshToken() {
        return string(REFRESH, refreshText, refreshStart, refreshEnd);
    }

    /**
     * The request's tokens as a pair, made once: {@code null} when the refresh token is absent or malformed;
     * a malformed access token is absent, and its times unknown, as if it had not been sent.
     */
    public TokenPair pair() {
        TokenPair made = pair;
        if (made == null) {
            String refresh = refreshToken();
            if (refresh == null) {
                return null;
            }
            String access = accessToken();
            made = access == null ? new TokenPair(null, refresh, TokenPair.UNKNOWN, TokenPair.UNKNOWN)
                    : new TokenPair(access, refresh, expiresAt(), issuedAt());
            pair = made;
        }
        return made;
    }

    private String string(int index, String text, int start, int end) {
        if (text == null) {
            return null;
        }
        if (!isCookieOctets(text, start, end)) {
            reportMalformed(index);
            LOG.fine(() -> "cookie " + spec.names[index] + " " + NOT_COOKIE_OCTETS);
            return null;
        }
        return text.substring(start, end);
    }
}
