package org.tokenrefresh.internal.token;

import org.tokenrefresh.spi.TokenPair;

/**
 * Reads the {@code exp} and {@code iat} claims (RFC 7519 section 4.1.4 and 4.1.6) of a compact JWS
 * without verifying its signature: the auth backend is the verifier, this library only needs to know when
 * to refresh.
 *
 * <p>This is the per-request hot path, so the claims are read in place, from the token's characters (or the
 * range of a {@code Cookie} header that holds them): only the base64url quanta around each claim are
 * decoded, and nothing is allocated ({@link ClaimReader} says how, and which shortcuts it takes). Each claim
 * is the first top-level member of its name. An unreadable {@code exp} (not three segments, not found, bad
 * base64url or JSON where it is read, negative, exponent-form or absurd) makes the expiry unknown: the
 * library then relies on the application's 401. This is not a validator: the signature and the rest of the
 * token are the backend's business.
 */
public final class JwtTimes {

    /** Latest accepted {@code exp}: 9999-12-31T23:59:59Z. Later values are absurd. */
    public static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    /** Longer tokens are not inspected. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final long expiresAt;
    private final long issuedAt;

    private JwtTimes(long expiresAt, long issuedAt) {
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
    }

    /** {@code exp} in epoch seconds. */
    public long expiresAt() {
        return expiresAt;
    }

    /** {@code iat} in epoch seconds, or {@link TokenPair#UNKNOWN} when absent or implausible. */
    public long issuedAt() {
        return issuedAt;
    }

    /** Reads the times of a JWT, or returns {@code null} when the token has no readable {@code exp}. */
    public static JwtTimes read(String token) {
        if (token == null) {
            return null;
        }
        long exp = expiresAt(token, 0, token.length());
        return exp == TokenPair.UNKNOWN ? null : new JwtTimes(exp, issuedAt(token, 0, token.length(), exp));
    }

    /**
     * The {@code exp} of the JWT in {@code text[start, end)}, in epoch seconds, or {@link TokenPair#UNKNOWN}
     * when it cannot be read. Allocates nothing.
     */
    public static long expiresAt(String text, int start, int end) {
        long payload = payload(text, start, end);
        if (payload < 0) {
            return TokenPair.UNKNOWN;
        }
        long exp = ClaimReader.read(text, (int) payload, (int) (payload >>> 32), ClaimReader.EXP);
        return exp <= 0 || exp > MAX_EPOCH_SECOND ? TokenPair.UNKNOWN : exp;
    }

    /**
     * The {@code iat} of the JWT in {@code text[start, end)} whose {@code exp} is {@code expiresAt}, or
     * {@link TokenPair#UNKNOWN} when absent, unreadable or later than the expiry. Allocates nothing.
     */
    public static long issuedAt(String text, int start, int end, long expiresAt) {
        long payload = payload(text, start, end);
        if (payload < 0) {
            return TokenPair.UNKNOWN;
        }
        long iat = ClaimReader.read(text, (int) payload, (int) (payload >>> 32), ClaimReader.IAT);
        return iat > 0 && iat <= expiresAt ? iat : TokenPair.UNKNOWN;
    }

    /**
     * The payload segment of the JWT in {@code text[start, end)}: its end in the high and its start in the low
     * 32 bits, or -1 when the token has no non-empty header and payload segments followed by a second dot.
     */
    private static long payload(String text, int start, int end) {
        if (end - start > MAX_TOKEN_LENGTH) {
            return -1;
        }
        int firstDot = text.indexOf('.', start);
        if (firstDot <= start || firstDot >= end) {
            return -1;
        }
        int secondDot = text.indexOf('.', firstDot + 1);
        if (secondDot < 0 || secondDot >= end || secondDot == firstDot + 1) {
            return -1;
        }
        return ((long) secondDot << 32) | (firstDot + 1);
    }
}
