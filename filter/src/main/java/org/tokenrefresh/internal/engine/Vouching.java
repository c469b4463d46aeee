package org.tokenrefresh.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which refresh tokens the library can vouch for: those the auth backend issued through it. When the
 * library writes a refreshed pair, it adds a small companion cookie holding an HMAC-SHA256 of the new refresh
 * token under a key only the server knows; a request whose refresh token comes with a matching MAC carries a
 * token the backend really issued. Forged cookies, and the first refresh after the application's own login,
 * are unvouched: they are bulkheaded, and nothing the backend answers about them changes what other sessions
 * get ({@code docs/architecture.md}, "Whom a failure is about").
 *
 * <p>The key is random per JVM by default; {@code token-refresh-ee}'s cluster store shares one through the
 * cluster so that every node vouches alike. A MAC never reveals the token; it is 128 bits, URL-safe base64.
 */
public final class Vouching {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;

    public Vouching(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A vouching key of its own, random. */
    public static Vouching random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Vouching(key);
    }

    /** The MAC to write beside a refresh token the backend issued through the library. */
    public String sign(String refreshToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(refreshToken));
    }

    /** Whether {@code mac} was made by {@link #sign} for this token. Constant time. */
    public boolean verify(String refreshToken, String mac) {
        if (refreshToken == null || mac == null || mac.length() != 22) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(mac);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(refreshToken), given);
    }

    private byte[] mac(String refreshToken) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] full = mac.doFinal(refreshToken.getBytes(StandardCharsets.UTF_8));
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
