package org.tokenrefresh.internal.token;
import org.tokenrefresh.spi.TokenPair;

/**
 * Reads the {@code exp} and {@code iat} claims (RFC 7519 section 4.1.4 and 4.1.6) of a compact JWS
 * without verifying its signature: the auth backend is the verifier, this library only needs to know when
 * to refresh.
 *
 * <p>This is the per-request hot path, so it decodes the base64url payload as a stream and scans its JSON
 * for the two top-level members without building any object or string: no allocation beyond the
 * result, and it stops as soon as both claims are read. Anything unexpected before that (not three
 * segments, bad base64url, bad JSON, a missing, negative, exponent-form or absurd {@code exp}) gives
 * {@code null}: the expiry is then unknown and the library relies on the application's 401. This is
 * not a validator: the signature and the rest of the token are the backend's business.
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
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        int firstDot = token.indexOf('.');
        if (firstDot <= 0) {
            return null;
        }
        int secondDot = token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || secondDot == firstDot + 1) {
            return null;
        }
        Scanner scanner = new Scanner(token, firstDot + 1, secondDot);
        if (!scanner.scanObject()) {
            return null;
        }
        long exp = scanner.exp;
        if (exp <= 0 || exp > MAX_EPOCH_SECOND) {
            return null;
        }
        long iat = scanner.iat > 0 && scanner.iat <= exp ? scanner.iat : TokenPair.UNKNOWN;
        return new JwtTimes(exp, iat);
    }

    /** Streaming base64url decoder feeding a minimal JSON scanner. */
    private static final class Scanner {
        private static final int END = -1;
        private static final int ERROR = -2;
        private static final int NONE = -3;
        private static final int KEY_OTHER = 0;
        private static final int KEY_EXP = 1;
        private static final int KEY_IAT = 2;
        private static final int MAX_DEPTH = 64;

        private final String text;
        private final int end;
        private int pos;
        private int bits;
        private int bitCount;
        private int pushedBack = NONE;
        long exp = -1;
        long iat = -1;

        Scanner(String text, int start, int end) {
            this.text = text;
            this.pos = start;
            this.end = end;
        }

        boolean scanObject() {
            if (nextNonSpace() != '{') {
                return false;
            }
            int c = nextNonSpace();
            if (c == '}') {
                return false;
            }
            while (true) {
                if (c != '"') {
                    return false;
                }
                int key = readKey();
                if (key < 0 || nextNonSpace() != ':') {
                    return false;
                }
                c = nextNonSpace();
                if (key == KEY_EXP || key == KEY_IAT) {
                    long value = readNumber(c);
                    if (value == ERROR) {
                        if (key == KEY_EXP) {
                            return false;
                        }
                        if (!skipValue(c)) {
                            return false;
                        }
                    } else if (key == KEY_EXP) {
                        if (exp != -1) {
                            return false; // a duplicated exp is ambiguous
                        }
                        exp = value;
                    } else {
                        iat = value;
                    }
                    if (exp != -1 && iat != -1) {
                        // both found: the rest of the claims cannot change the decision (many issuers,
                        // Keycloak among them, put exp and iat first), so stop decoding here
                        return true;
                    }
                } else if (!skipValue(c)) {
                    return false;
                }
                c = nextNonSpace();
                if (c == '}') {
                    return exp != -1 && nextNonSpace() == END;
                }
                if (c != ',') {
                    return false;
                }
                c = nextNonSpace();
            }
        }

        /** Reads a member name after its opening quote; tells whether it is exp, iat or another. */
        private int readKey() {
            int index = 0;
            boolean exp = true;
            boolean iat = true;
            while (true) {
                int c = next();
                if (c < 0) {
                    return ERROR;
                }
                if (c == '"') {
                    return index == 3 && exp ? KEY_EXP : index == 3 && iat ? KEY_IAT : KEY_OTHER;
                }
                if (c == '\\') {
                    if (next() < 0) {
                        return ERROR;
                    }
                    exp = false;
                    iat = false;
                }
                if (index < 3) {
                    exp &= c == "exp".charAt(index);
                    iat &= c == "iat".charAt(index);
                }
                index++;
            }
        }

        /** An integer NumericDate; a fraction is truncated. Negative or exponent forms are errors. */
        private long readNumber(int first) {
            if (first < '0' || first > '9') {
                return ERROR; // the caller still holds 'first' and skips the value from it
            }
            long value = first - '0';
            int digits = 1;
            int c = next();
            while (c >= '0' && c <= '9') {
                if (++digits > 15) {
                    return ERROR;
                }
                value = value * 10 + (c - '0');
                c = next();
            }
            if (c == '.') {
                c = next();
                if (c < '0' || c > '9') {
                    return ERROR;
                }
                while (c >= '0' && c <= '9') {
                    c = next();
                }
            }
            if (c == 'e' || c == 'E' || c < 0) {
                return ERROR;
            }
            pushedBack = c;
            return value;
        }

        private boolean skipValue(int c) {
            if (c == '"') {
                return skipString();
            }
            if (c == '{' || c == '[') {
                int depth = 1;
                while (depth > 0) {
                    c = next();
                    if (c < 0) {
                        return false;
                    }
                    if (c == '"') {
                        if (!skipString()) {
                            return false;
                        }
                    } else if (c == '{' || c == '[') {
                        if (++depth > MAX_DEPTH) {
                            return false;
                        }
                    } else if (c == '}' || c == ']') {
                        depth--;
                    }
                }
                return true;
            }
            // number, true, false or null: up to the next structural character
            if (c < 0 || c == ',' || c == '}' || c == ':') {
                return false;
            }
            while (true) {
                c = next();
                if (c < 0) {
                    return false;
                }
                if (c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pushedBack = c;
                    return true;
                }
                if (c == '"' || c == '{' || c == '[' || c == ':') {
                    return false;
                }
            }
        }

        private boolean skipString() {
            while (true) {
                int c = next();
                if (c < 0) {
                    return false;
                }
                if (c == '"') {
                    return true;
                }
                if (c == '\\' && next() < 0) {
                    return false;
                }
            }
        }

        private int nextNonSpace() {
            int c = next();
            while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                c = next();
            }
            return c;
        }

        /** The next decoded payload byte, {@link #END} or {@link #ERROR}. */
        private int next() {
            if (pushedBack != NONE) {
                int c = pushedBack;
                pushedBack = NONE;
                return c;
            }
            if (bitCount < 8 && pos + 4 <= end) {
                // a whole quantum at once: four characters, three bytes (RFC 4648 section 4)
                int a = sextet(text.charAt(pos));
                int b = sextet(text.charAt(pos + 1));
                int c = sextet(text.charAt(pos + 2));
                int d = sextet(text.charAt(pos + 3));
                if ((a | b | c | d) >= 0) {
                    pos += 4;
                    bits = (bits << 24) | (a << 18) | (b << 12) | (c << 6) | d;
                    bitCount += 16;
                    return (bits >> bitCount) & 0xff;
                }
            }
            while (bitCount < 8) {
                if (pos >= end) {
                    return END;
                }
                int v = sextet(text.charAt(pos++));
                if (v < 0) {
                    if (v == END) {
                        pos = end; // padding: nothing more
                        return END;
                    }
                    return ERROR;
                }
                bits = (bits << 6) | v;
                bitCount += 6;
            }
            bitCount -= 8;
            return (bits >> bitCount) & 0xff;
        }

        /** The 6-bit value of each base64url character (RFC 4648 section 5), END for '=', ERROR for the rest. */
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
            SEXTETS['='] = (byte) END;
        }

        private static int sextet(char c) {
            return c < SEXTETS.length ? SEXTETS[c] : ERROR;
        }
    }
}
