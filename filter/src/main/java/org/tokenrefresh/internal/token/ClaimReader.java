package org.tokenrefresh.internal.token;

/**
 * Reads one top-level numeric member of a JWT's JSON payload ({@code exp} or {@code iat}, RFC 7519 section
 * 4.1) in place from the base64url text, decoding only the quanta that hold it and the structure on one side
 * of it. No byte array, no string, no allocation.
 *
 * <h2>How</h2>
 * <ol>
 * <li><b>Find the name without decoding.</b> The five bytes {@code "exp"} start at byte {@code 3q + r} of the
 * payload for some quantum {@code q} and alignment {@code r} in 0..2; for each alignment, six base64url
 * characters are made of the name's bits alone (RFC 4648 section 4), at character {@code 4q}, {@code 4q + 2}
 * or {@code 4q + 3}: its three <em>images</em>. The search looks for them in the first
 * {@value #FRONT_FIRST} quanta (most issuers write the times among the first members), then at both ends in
 * turn (some write them last), comparing two characters per image before the other four.</li>
 * <li><b>Check that it is a member name.</b> The bytes around an image are decoded: the quote bytes the
 * image only partly covers, then, skipping JSON whitespace, a {@code '{'} or {@code ','} before it and a
 * {@code ':'} after it. In JSON that holds, an unescaped quote after {@code '{'} or {@code ','} opens a
 * string, so such a match is the name of a member of <em>some</em> object; inside a string the quote would
 * be escaped ({@code \"}) and the match fails.</li>
 * <li><b>Prove that the member is top-level</b> by following the structure ({@link JsonStructure}: brackets,
 * strings and their escapes, a whole quantum per table lookup) over the shorter side: either from the
 * payload's start up to the member (the object must be at depth 1 there), or from the member's value to the
 * payload's end (the first bracket that closes the member's object must be the payload's last non-blank byte).
 * A nested member is skipped and the search goes on; once a check from the end fails, the search goes on in order from the front
 * and checks from the start only, where the state carries over, so the work stays linear.</li>
 * <li><b>Read the value</b> as the library always did: an integer, a fraction truncated; a sign, an
 * exponent, more than 15 digits or anything else is not a time; the member must end there ({@code ','} or
 * {@code '}'}).</li>
 * </ol>
 *
 * <h2>Shortcuts (they can move a refresh in time, never decide whether a request works)</h2>
 * A payload that is valid base64url and valid JSON, with one top-level member of that name (RFC 7519
 * section 4 forbids duplicates), gives exactly its value; nested members and strings that spell the name out
 * are never taken for it. Otherwise:
 * <ul>
 * <li>only the quanta decoded above are checked: bad characters or bad JSON elsewhere go unnoticed (the
 * brackets, strings and escapes on the side that is followed are checked, nothing else);</li>
 * <li>of duplicated top-level members, the one found first is taken (near the start, else near the end);</li>
 * <li>a payload cut short right after a nested object can make that object look like the end, and a member
 * in it top-level;</li>
 * <li>a name written with escapes (<code>"&#92;u0065xp"</code>) is not recognised, as before.</li>
 * </ul>
 * Such a token is not a valid JWT: its verifier (the application or the auth backend) rejects it, and the
 * application's 401 makes the filter refresh and replay. The reader never throws and never reads past
 * {@code end}.
 */
final class ClaimReader {

    /** No top-level member of that name could be read. */
    static final long ABSENT = -1;
    /** The top-level member of that name has a value that is not a plain time. */
    static final long NOT_A_TIME = -2;

    static final ClaimName EXP = new ClaimName("exp");
    static final ClaimName IAT = new ClaimName("iat");

    /** Quanta searched from the front before the search alternates between both ends: 72 bytes. */
    private static final int FRONT_FIRST = 24;
    /** The byte within its quantum where a name starts, by the character class of its image (class 1 has none). */
    private static final int[] KEY_BYTE_IN_QUANTUM = {0, -1, 1, 2};
    /** What {@link #member} gives when the name is not a member's. */
    private static final long NOT_A_MEMBER = -3;
    // the parts of a member that member() reads, in order
    private static final int CLOSING_QUOTE = 0;
    private static final int COLON = 1;
    private static final int VALUE = 2;
    private static final int INTEGER = 3;
    private static final int FRACTION_START = 4;
    private static final int FRACTION = 5;
    private static final int AFTER = 6;

    private ClaimReader() {
    }

    /**
     * The value of a top-level member {@code name} of the JSON object encoded in base64url by
     * {@code text[start, end)} (a JWT's payload segment), {@link #ABSENT} or {@link #NOT_A_TIME}.
     */
    static long read(String text, int start, int end, ClaimName name) {
        int dataEnd = Base64Url.dataEnd(text, start, end);
        int length = Base64Url.length(start, dataEnd);
        int last = dataEnd - ClaimName.IMAGE_LENGTH;
        if (last < start) {
            return ABSENT;
        }
        char first0 = name.firsts[0];
        char first2 = name.firsts[2];
        char first3 = name.firsts[3];
        char second0 = name.seconds[0];
        char second2 = name.seconds[2];
        char second3 = name.seconds[3];
        int lastQuantum = start + ((last - start) & ~3);
        int front = start;
        int back = lastQuantum;
        int frontOnlyUntil = start + FRONT_FIRST * 4;
        boolean fromTheEnd = true;
        int walkedTo = 0;
        int walkState = 0;
        // The front alone first (most issuers write exp and iat among the first members), then both ends in
        // turn, one quantum each, so that a name written last is found quickly too. A member near the start is
        // proven top-level from the start, one near the end from the end. Once a proof from the end fails (a
        // nested member, or not JSON), the rest goes in order from the front, each candidate proven from the
        // start, where the walk's state carries over: the work stays linear. (A character of a quantum that
        // starts at or before 'last' lies inside the text.)
        while (front <= back) {
            if (mayHold(text, front, first0, second0, first2, second2, first3, second3)) {
                int image = imageIn(text, front, last, name);
                int key = image < 0 ? -1 : key(image - start);
                long value = image < 0 ? NOT_A_MEMBER : member(text, start, dataEnd, length, key);
                if (value != NOT_A_MEMBER) {
                    if (fromTheEnd && length - key < key - walkedTo) {
                        if (JsonStructure.closesAtEnd(text, start, dataEnd, length, key)) {
                            return value;
                        }
                        fromTheEnd = false;
                        back = lastQuantum;
                    }
                    walkState = JsonStructure.walk(text, start, dataEnd, length, walkedTo, key, walkState);
                    if (walkState == JsonStructure.FAILED) {
                        return ABSENT;
                    }
                    walkedTo = key;
                    if (walkState == JsonStructure.AT_TOP_LEVEL) {
                        return value;
                    }
                }
            }
            front += 4;
            if (!fromTheEnd || front < frontOnlyUntil || front > back) {
                continue;
            }
            if (mayHold(text, back, first0, second0, first2, second2, first3, second3)) {
                int image = imageIn(text, back, last, name);
                int key = image < 0 ? -1 : key(image - start);
                long value = image < 0 ? NOT_A_MEMBER : member(text, start, dataEnd, length, key);
                if (value != NOT_A_MEMBER) {
                    if (JsonStructure.closesAtEnd(text, start, dataEnd, length, key)) {
                        return value;
                    }
                    fromTheEnd = false;
                    back = lastQuantum + 4; // undone below: the front goes on to the end
                }
            }
            back -= 4;
        }
        return ABSENT;
    }

    /**
     * Whether the quantum at {@code at} may hold an image: the first two characters of one of them at its place.
     * Reads the first character of the next quantum, which a quantum that starts at or before 'last' has.
     */
    private static boolean mayHold(String text, int at, char first0, char second0, char first2, char second2, char first3,
            char second3) {
        char c0 = text.charAt(at);
        char c1 = text.charAt(at + 1);
        char c2 = text.charAt(at + 2);
        char c3 = text.charAt(at + 3);
        return (c0 == first0 & c1 == second0) | (c2 == first2 & c3 == second2) | (c3 == first3 && text.charAt(at + 4) == second3);
    }

    /** The byte where a name starts whose image is at character {@code offset} of the payload. */
    private static int key(int offset) {
        return (offset >> 2) * 3 + KEY_BYTE_IN_QUANTUM[offset & 3];
    }

    /** The position of the image of the name in the quantum at {@code at} (at most one fits), or -1. */
    private static int imageIn(String text, int at, int last, ClaimName name) {
        if (at <= last && name.matches(text, at, 0)) {
            return at;
        }
        if (at + 2 <= last && name.matches(text, at + 2, 2)) {
            return at + 2;
        }
        if (at + 3 <= last && name.matches(text, at + 3, 3)) {
            return at + 3;
        }
        return -1;
    }

    /**
     * The value of the member whose name (found by its image) starts at byte {@code key}: a time, or
     * {@link #NOT_A_TIME}; {@link #NOT_A_MEMBER} unless the name's quotes are complete, a {@code '{'} or
     * {@code ','} comes before it and a {@code ':'} after it (JSON whitespace allowed). The value is read as the
     * library always did: an integer, a fraction truncated; a sign, an exponent, more than 15 digits or anything
     * else is not a time; the member must end there ({@code ','} or {@code '}'}). Byte by byte from the name on,
     * each quantum decoded once.
     */
    private static long member(String text, int start, int dataEnd, int length, int key) {
        if (Base64Url.byteAt(text, start, length, key) != '"') {
            return NOT_A_MEMBER;
        }
        int before = key - 1;
        int x = Base64Url.byteAt(text, start, length, before);
        while (JsonStructure.isSpace(x)) {
            x = Base64Url.byteAt(text, start, length, --before);
        }
        if (x != '{' && x != ',') {
            return NOT_A_MEMBER;
        }
        int b = key + 4; // the closing quote: the image holds the name's bytes, and this one only in part
        int quantum = b / 3;
        int at = start + (quantum << 2);
        int shift = 16 - 8 * (b - quantum * 3);
        int bits = Base64Url.quantum(text, at, dataEnd);
        int part = CLOSING_QUOTE;
        long value = 0;
        int digits = 0;
        while (true) {
            x = b >= length ? Base64Url.END : bits < 0 ? Base64Url.ERROR : (bits >> shift) & 0xff;
            boolean digit = x >= '0' && x <= '9';
            if (part == CLOSING_QUOTE) {
                if (x != '"') {
                    return NOT_A_MEMBER;
                }
                part = COLON;
            } else if (JsonStructure.isSpace(x) && part != INTEGER && part != FRACTION_START) {
                // whitespace between the tokens
            } else if (part == COLON) {
                if (x != ':') {
                    return NOT_A_MEMBER;
                }
                part = VALUE;
            } else if (digit && (part == VALUE || part == INTEGER)) {
                if (++digits > 15) {
                    return NOT_A_TIME;
                }
                value = value * 10 + (x - '0');
                part = INTEGER;
            } else if (part == INTEGER && x == '.') {
                part = FRACTION_START;
            } else if (digit && (part == FRACTION_START || part == FRACTION)) {
                part = FRACTION;
            } else if (part == INTEGER || part == FRACTION || part == AFTER) {
                if (JsonStructure.isSpace(x)) {
                    part = AFTER;
                } else {
                    return x == ',' || x == '}' ? value : NOT_A_TIME;
                }
            } else {
                return NOT_A_TIME; // no digit first, or none after the point
            }
            b++;
            shift -= 8;
            if (shift < 0) {
                at += 4;
                shift = 16;
                bits = Base64Url.quantum(text, at, dataEnd);
            }
        }
    }
}
