package org.tokenrefresh.internal.token;

import java.util.Enumeration;

/**
 * One pass over a request's {@code Cookie} header(s) (RFC 6265 section 4.2.1) looking for a few names,
 * without the container's cookie parsing and without making a string of anything it passes. The rules,
 * decided here once for {@link CookieValues} and {@link CookieTokens}:
 * <ul>
 * <li>a pair without {@code '='} is ignored (RFC 6265 section 5.2 step 2); whitespace around a value and
 * one pair of surrounding double quotes are removed; an empty value counts as absent;</li>
 * <li>a value longer than its limit ({@value #MAX_VALUE_LENGTH} characters, a token cookie's {@code max-token-size})
 * is <em>oversized</em>: it counts as absent
 * and the problem is reported;</li>
 * <li>of the other values of a name, the first is the one used (browsers send the most specific path first,
 * RFC 6265 section 5.4); a later one is reported and ignored;</li>
 * <li>the value used is checked against RFC 6265's cookie-octet before any string is made of it (CR, LF,
 * space, comma, semicolon, backslash, quote and controls are not allowed): a <em>malformed</em> value
 * counts as absent and the problem is reported;</li>
 * <li>a problem never quotes a value: only the cookie's name.</li>
 * </ul>
 * The subclasses decide what to keep of a value found: its range in the header ({@code found}).
 *
 * <p>Numbered chunks ({@code <name>-1}, {@code <name>-2}, ... up to {@code -<maxChunks>}, for a token split over
 * several cookies) are found in the same pass for the names a subclass marks as chunked: each chunk is a value of
 * its own under the rules above ({@value #MAX_VALUE_LENGTH} characters at most) and goes to {@code foundChunk}.
 * {@link #match} is the one place a pair's name is matched.
 */
abstract class CookieScan {

    /** Browsers keep at most 4096 bytes per cookie; anything longer did not come from us. */
    static final int MAX_VALUE_LENGTH = 4096;

    /** RFC 6265 section 4.1.1 cookie-octet, as a table. */
    private static final boolean[] COOKIE_OCTETS = new boolean[128];

    static {
        for (char c = 0; c < COOKIE_OCTETS.length; c++) {
            COOKIE_OCTETS[c] = c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A)
                    || (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
        }
    }

    /** What to look for; shared, so that a scan holds one reference (a scan is made per request). */
    final CookieSpec spec;
    private String problem;

    CookieScan(CookieSpec spec) {
        this.spec = spec;
    }

    /** Whether a value of the name at {@code index} was found already. */
    abstract boolean has(int index);

    /** The first usable value of the name at {@code index}: {@code text[start, end)}, unquoted, not yet checked. */
    abstract void found(int index, String text, int start, int end);

    /** A value of chunk {@code chunk} (from 1) of the name at {@code index}, unquoted, not yet checked; the subclass keeps the first. */
    void foundChunk(int index, int chunk, String text, int start, int end) {
    }

    /** A description of the first problem met (oversized, duplicated or malformed cookie), or {@code null}. Never contains a value. */
    public final String problem() {
        return problem;
    }

    /**
     * Keeps the first problem, "cookie {@code <name>[-<chunk>]} {@code what}"; later ones are dropped before their
     * description is put together.
     */
    final void report(int index, int chunk, String what) {
        if (problem == null) {
            problem = "cookie " + spec.names[index] + (chunk > 0 ? "-" + chunk : "") + " " + what;
        }
    }

    /** What {@link #reportMalformed} says of a value. */
    static final String NOT_COOKIE_OCTETS = "contains a character not allowed in a cookie value; ignored";

    /** Reports the value of the name at {@code index} as malformed. */
    final void reportMalformed(int index) {
        report(index, 0, NOT_COOKIE_OCTETS);
    }

    final void scanAll(Enumeration<String> cookieHeaders) {
        if (cookieHeaders != null) {
            while (cookieHeaders.hasMoreElements()) {
                scanHeader(cookieHeaders.nextElement());
            }
        }
    }

    final void scanHeader(String header) {
        if (header == null) {
            return;
        }
        int length = header.length();
        int i = 0;
        while (i < length) {
            char c = header.charAt(i);
            if (c == ' ' || c == '\t' || c == ';') {
                i++;
                continue;
            }
            // a pair starts at i: only a name looked for is read; anything else is skipped to its ';'
            int semicolon = header.indexOf(';', i); // String.indexOf is vectorized by the JIT: values are long
            int pairEnd = semicolon < 0 ? length : semicolon;
            long match = match(header, i, c);
            if (match >= 0) {
                offer((int) match & INDEX_MASK, (int) (match >>> INDEX_BITS) & CHUNK_MASK, header,
                        (int) (match >>> VALUE_SHIFT), pairEnd);
            }
            i = pairEnd;
        }
    }

    private static final int INDEX_BITS = 4;
    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;
    private static final int VALUE_SHIFT = INDEX_BITS + CHUNK_BITS;

    /**
     * Whether the pair starting at {@code start} (with first character {@code first}) is named like one of the
     * names looked for: the name, optional spaces, then {@code '='}. Returns the value's start, the chunk number (0 for
     * the plain name) and the name's index packed into a long (from the high bits down), or -1. A pair without {@code '='} is
     * ignored (RFC 6265 section 5.2 step 2). A chunk's name is the name, {@code '-'} and its number (one to three
     * digits, 1 to {@code maxChunks}). The one place a pair's name is matched.
     */
    private long match(String header, int start, char first) {
        int length = header.length();
        String[] names = spec.names;
        for (int n = 0; n < names.length && n <= INDEX_MASK; n++) {
            String name = names[n];
            if (name.charAt(0) == first && header.startsWith(name, start)) {
                int i = start + name.length();
                int chunk = 0;
                if (i < length && header.charAt(i) == '-' && (spec.chunkedNames & (1 << n)) != 0) {
                    int digits = 0;
                    char c;
                    for (i++; i < length && digits < 4 && (c = header.charAt(i)) >= '0' && c <= '9'; i++, digits++) {
                        chunk = chunk * 10 + (c - '0');
                    }
                    if (digits == 0 || digits > 3 || chunk == 0 || chunk > spec.maxChunks) {
                        continue;
                    }
                }
                while (i < length && header.charAt(i) == ' ') {
                    i++;
                }
                if (i < length && header.charAt(i) == '=') {
                    return ((long) (i + 1) << VALUE_SHIFT) | ((long) chunk << INDEX_BITS) | n;
                }
            }
        }
        return -1;
    }

    private void offer(int index, int chunk, String header, int start, int end) {
        char c;
        while (end > start && ((c = header.charAt(end - 1)) == ' ' || c == '\t')) {
            end--;
        }
        if (end - start >= 2 && header.charAt(start) == '"' && header.charAt(end - 1) == '"') {
            start++;
            end--;
        }
        if (end == start) {
            return;
        }
        if (chunk > 0) {
            if (end - start > MAX_VALUE_LENGTH) {
                report(index, chunk, "is longer than " + MAX_VALUE_LENGTH + " characters; ignored");
            } else {
                foundChunk(index, chunk, header, start, end);
            }
            return;
        }
        if (end - start > spec.maxValueLength) {
            report(index, 0, "is longer than " + spec.maxValueLength + " characters; ignored");
            return;
        }
        if (has(index)) {
            report(index, 0, "sent more than once; the first is used");
            return;
        }
        found(index, header, start, end);
    }

    /** RFC 6265 section 4.1.1 cookie-octet. */
    static boolean isCookieOctet(char c) {
        return c < COOKIE_OCTETS.length && COOKIE_OCTETS[c];
    }

    /** Whether every character of {@code text[start, end)} is a cookie-octet. */
    static boolean isCookieOctets(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isCookieOctet(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
