package org.tokenrefresh.internal.token;

/**
 * The structure of a base64url-encoded JSON text, followed in place for {@link ClaimReader}: brackets,
 * strings and their escapes, a whole quantum per table lookup where the object being followed does not close
 * in it. The state of a walk is {@code depth << 2 | inString << 1 | escaped}. No allocation.
 */
final class JsonStructure {

    /** What {@link #walk} gives when the payload is not one object up to there, or not base64url. */
    static final int FAILED = -1;
    /** The walk's state just before a top-level member: depth 1, outside strings. */
    static final int AT_TOP_LEVEL = 1 << 2;
    /** The kind of each byte for a walk: 0 none, 1 quote, 2 backslash, 3 opening and 4 closing bracket. */
    private static final byte[] KINDS = new byte[256];
    /**
     * What a whole quantum does to the walk's state, by the kinds of its three bytes ({@code kind0 << 6 | kind1 << 3
     * | kind2}), for each of the four values of the state's two low bits (16 bits each, the lowest first): the new
     * two bits, the change of depth plus 3 in bits 2 to 4, the lowest change of depth within the quantum plus 3 in
     * bits 5 to 7. Looked up before the state is known, so that the state's chain of dependencies stays short.
     */
    private static final long[] QUANTUM_MOVES = new long[1 << 9];
    /**
     * What a byte does to the walk's state, by the state's two low bits (in a string, escaped) and the byte: the
     * new two bits, and the change of depth plus one in bits 2 and 3.
     */
    private static final byte[] MOVES = new byte[4 << 8];

    static {
        KINDS['"'] = 1;
        KINDS['\\'] = 2;
        KINDS['{'] = 3;
        KINDS['['] = 3;
        KINDS['}'] = 4;
        KINDS[']'] = 4;
        for (int x = 0; x < 256; x++) {
            int outside = x == '"' ? 2 : 0;
            int depth = x == '{' || x == '[' ? 2 : x == '}' || x == ']' ? 0 : 1;
            MOVES[x] = (byte) ((depth << 2) | outside); // outside a string
            MOVES[(1 << 8) | x] = (byte) ((depth << 2) | outside); // (not reached: escapes exist in strings only)
            MOVES[(2 << 8) | x] = (byte) ((1 << 2) | (x == '\\' ? 3 : x == '"' ? 0 : 2)); // in a string
            MOVES[(3 << 8) | x] = (byte) ((1 << 2) | 2); // the escaped byte in a string
        }
        char[] byKind = {'a', '"', '\\', '{', '}'};
        for (int kinds = 0; kinds < 1 << 9; kinds++) {
            for (int flags = 0; flags < 4; flags++) {
                int state = (8 << 2) | flags; // deep enough that no change takes it below zero
                int lowest = 0;
                boolean possible = true;
                for (int shift = 6; shift >= 0; shift -= 3) {
                    int kind = (kinds >> shift) & 7;
                    possible &= kind < byKind.length;
                    state = possible ? step(state, byKind[kind]) : state;
                    lowest = Math.min(lowest, (state >> 2) - 8);
                }
                long move = ((lowest + 3) << 5) | (((state >> 2) - 8 + 3) << 2) | (state & 3);
                QUANTUM_MOVES[kinds] |= move << (16 * flags);
            }
        }
    }

    private JsonStructure() {
    }

    /**
     * Follows the structure from byte {@code from} (in state {@code state}) to byte {@code to}: the state
     * there ({@code depth << 2 | inString << 1 | escaped}), or {@link #FAILED} when the payload is not one
     * object up to there or a character there is not base64url.
     */
    static int walk(String text, int start, int dataEnd, int length, int from, int to, int state) {
        int b = from;
        if (state == 0) { // not inside the object yet: it must be the first thing after whitespace
            int x = Base64Url.byteAt(text, start, length, b);
            while (isSpace(x)) {
                x = Base64Url.byteAt(text, start, length, ++b);
            }
            if (x != '{' || b >= to) {
                return FAILED;
            }
            state = AT_TOP_LEVEL;
            b++;
        }
        long followed = follow(text, start, dataEnd, b, to, state);
        return followed < 0 || (int) (followed >>> 32) < to ? FAILED : (int) followed;
    }

    /**
     * Whether, following the structure from byte {@code from} (a member's name) to the end, the first bracket
     * that closes the member's object is a {@code '}'} followed by nothing but whitespace.
     */
    static boolean closesAtEnd(String text, int start, int dataEnd, int length, int from) {
        long followed = follow(text, start, dataEnd, from, length, AT_TOP_LEVEL);
        int closing = (int) (followed >>> 32);
        return followed >= 0 && closing < length && Base64Url.byteAt(text, start, length, closing) == '}'
                && onlySpaceAfter(text, start, length, closing + 1);
    }

    /**
     * Follows the structure from byte {@code from} in {@code state} up to byte {@code to}, stopping at a byte
     * that closes the object of depth 1: that byte's position (or {@code to}) in the high 32 bits and the state
     * after it in the low ones, or -1 for a character that is not base64url.
     */
    private static long follow(String text, int start, int dataEnd, int from, int to, int state) {
        int b = from;
        int quantum = b / 3;
        int at = start + (quantum << 2);
        int shift = 16 - 8 * (b - quantum * 3);
        while (b < to) {
            int bits = Base64Url.quantum(text, at, dataEnd);
            if (bits < 0) {
                return -1;
            }
            if (shift == 16 && b + 3 <= to) {
                long moves = QUANTUM_MOVES[(KINDS[bits >>> 16] << 6) | (KINDS[(bits >>> 8) & 0xff] << 3) | KINDS[bits & 0xff]];
                int move = (int) (moves >>> ((state & 3) << 4)) & 0xffff;
                if ((state >> 2) + (move >> 5) - 3 >= 1) {
                    // the whole quantum at once, when the object it is in does not close in it: the common case
                    state = ((state & ~3) + ((((move >> 2) & 7) - 3) << 2)) | (move & 3);
                    b += 3;
                    at += 4;
                    continue;
                }
            }
            for (; shift >= 0 && b < to; shift -= 8, b++) {
                state = step(state, (bits >> shift) & 0xff);
                if (state < AT_TOP_LEVEL) {
                    return ((long) b << 32) | state;
                }
            }
            at += 4;
            shift = 16;
        }
        return ((long) b << 32) | state;
    }

    /** One byte of structure: the state {@code depth << 2 | inString << 1 | escaped} after it. */
    private static int step(int state, int x) {
        // a table lookup instead of branches: quotes fall where the data says, branches on them mispredict
        int move = MOVES[((state & 3) << 8) | x];
        return ((state & ~3) + ((move >> 2) << 2) - 4) | (move & 3);
    }

    private static boolean onlySpaceAfter(String text, int start, int length, int b) {
        for (; b < length; b++) {
            if (!isSpace(Base64Url.byteAt(text, start, length, b))) {
                return false;
            }
        }
        return true;
    }

    /** JSON whitespace (RFC 8259 section 2). */
    static boolean isSpace(int x) {
        return x == ' ' || x == '\t' || x == '\n' || x == '\r';
    }
}
