package org.tokenrefresh.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 identities for tokens. A raw token is never a map key and never reaches a log: keys are the full
 * hex digest, logs and events show the first 12 hex digits.
 */
public final class TokenHash {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int SHORT_ID_LENGTH = 12;

    private TokenHash() {
    }

    /** The full SHA-256 hex digest of a token. */
    public static String of(String token) {
        byte[] digest = sha256(token.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[i * 2] = HEX[(digest[i] >> 4) & 0xf];
            out[i * 2 + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    /** A short, non-reversible id for logs and events. */
    public static String shortId(String token) {
        return token == null ? "-" : of(token).substring(0, SHORT_ID_LENGTH);
    }

    /** The short id of an already computed full key. */
    public static String shortIdOfKey(String key) {
        return key.substring(0, Math.min(SHORT_ID_LENGTH, key.length()));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
