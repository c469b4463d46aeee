package org.tokenrefresh.internal.token;

/**
 * base64url (RFC 4648 section 5) decoded in place from a range of a {@code String}: any byte of the encoded
 * data is reached without decoding the bytes before it, and nothing is allocated. Byte {@code b} lives in
 * quantum {@code b / 3}, the four characters from {@code 4 * (b / 3)} (RFC 4648 section 4), and needs only two
 * of them.
 *
 * <p>Padding is accepted at the end only; a {@code '='} elsewhere, the standard alphabet's {@code '+'} and
 * {@code '/'}, and any other character are errors, reported for the bytes that need them.
 */
final class Base64Url {

    /** Past the last byte. */
    static final int END = -1;
    /** A character outside the base64url alphabet where a byte needs one. */
    static final int ERROR = -2;

    private static final byte[] SEXTETS = new byte[128];

    static {
        java.util.Arrays.fill(SEXTETS, (byte) ERROR);
        for (int i = 0; i < 26; i++) {
            SEXTETS['A' + i] = (byte) i;
            SEXTETS['a' + i] = (byte) (26 + i);
        }
        for (int i = 0; i < 10; i++) {
            SEXTETS['0' + i] = (byte) (52 + i);
        }
        SEXTETS['-'] = 62;
        SEXTETS['_'] = 63;
    }

    private Base64Url() {
    }

    /** The 6-bit value of a base64url character, or {@link #ERROR}. */
    static int sextet(char c) {
        return c < SEXTETS.length ? SEXTETS[c] : ERROR;
    }

    /** The end of the encoded characters in {@code [start, end)}: before the {@code '='} padding, if any. */
    static int dataEnd(String text, int start, int end) {
        while (end > start && text.charAt(end - 1) == '=') {
            end--;
        }
        return end;
    }

    /** How many bytes the characters {@code [start, dataEnd)} encode (a lone last character encodes none). */
    static int length(int start, int dataEnd) {
        int chars = dataEnd - start;
        int rest = chars & 3;
        return (chars >> 2) * 3 + (rest == 0 ? 0 : rest - 1);
    }

    /**
     * Byte {@code b} of the data encoded by {@code text[start, start + ...)}, whose decoded {@code length} is
     * known: the byte, {@link #END} outside {@code [0, length)}, or {@link #ERROR}.
     */
    static int byteAt(String text, int start, int length, int b) {
        if (b < 0 || b >= length) {
            return END;
        }
        int quantum = b / 3;
        int index = b - quantum * 3;
        int c = start + (quantum << 2) + index;
        int high = sextet(text.charAt(c));
        int low = sextet(text.charAt(c + 1));
        if ((high | low) < 0) {
            return ERROR;
        }
        if (index == 0) {
            return ((high << 2) | (low >> 4)) & 0xff;
        }
        if (index == 1) {
            return ((high << 4) | (low >> 2)) & 0xff;
        }
        return ((high << 6) | low) & 0xff;
    }

    /**
     * The 24 bits of the quantum whose first character is at {@code at}; characters at or past
     * {@code dataEnd} count as zero (their bytes lie past the data's length). {@link #ERROR} for a character
     * outside the alphabet.
     */
    static int quantum(String text, int at, int dataEnd) {
        if (at + 4 <= dataEnd) {
            char a = text.charAt(at);
            char b = text.charAt(at + 1);
            char c = text.charAt(at + 2);
            char d = text.charAt(at + 3);
            if ((a | b | c | d) >= SEXTETS.length) {
                return ERROR;
            }
            int sa = SEXTETS[a];
            int sb = SEXTETS[b];
            int sc = SEXTETS[c];
            int sd = SEXTETS[d];
            if ((sa | sb | sc | sd) < 0) {
                return ERROR;
            }
            return (sa << 18) | (sb << 12) | (sc << 6) | sd;
        }
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            int s = at + i < dataEnd ? sextet(text.charAt(at + i)) : 0;
            if (s < 0) {
                return ERROR;
            }
            bits = (bits << 6) | s;
        }
        return bits;
    }
}
