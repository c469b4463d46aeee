package org.tokenrefresh.internal.token;

/**
 * What a {@link CookieScan} looks for, made once and shared by every scan: the cookie names, the longest value of
 * a plain name, which names may also come in numbered chunks ({@code <name>-1}, {@code <name>-2}, ...) and up to
 * which number, and the longest token their chunks may make together. Keeping it apart keeps each request's scan
 * small (the per-request {@link CookieTokens} holds one reference to it). Immutable.
 */
public final class CookieSpec {

    final String[] names;
    final int maxValueLength;
    /** A bit per name index whose numbered chunks are read too. */
    final int chunkedNames;
    final int maxChunks;
    final int maxTokenSize;

    private CookieSpec(String[] names, int maxValueLength, int chunkedNames, int maxChunks, int maxTokenSize) {
        this.names = names.clone();
        this.maxValueLength = maxValueLength;
        this.chunkedNames = chunkedNames;
        this.maxChunks = maxChunks;
        this.maxTokenSize = maxTokenSize;
    }

    /**
     * Whether the cookie {@code name} is {@code <token>-<digits>}: named like a chunk of cookie {@code token}. The
     * application never sees such cookies, and no token cookie may be named so.
     */
    public static boolean isChunkName(String name, String token) {
        int digits = name.length() - token.length() - 1;
        if (digits < 1 || !name.startsWith(token) || name.charAt(token.length()) != '-') {
            return false;
        }
        for (int i = token.length() + 1; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Plain cookies of at most {@value CookieScan#MAX_VALUE_LENGTH} characters, no chunks. */
    static CookieSpec plain(String... names) {
        return new CookieSpec(names, CookieScan.MAX_VALUE_LENGTH, 0, 0, CookieScan.MAX_VALUE_LENGTH);
    }

    /**
     * The token cookies {@code {access, refresh, expiry}}: the first two whole or in chunks numbered up to
     * {@code maxChunks}, a token up to {@code maxTokenSize} characters either way.
     */
    public static CookieSpec tokens(String[] names, int maxChunks, int maxTokenSize) {
        if (names.length != 3) {
            throw new IllegalArgumentException("names: access, refresh and expiry cookie");
        }
        return new CookieSpec(names, maxTokenSize, 1 << CookieTokens.ACCESS | 1 << CookieTokens.REFRESH, maxChunks, maxTokenSize);
    }
}
