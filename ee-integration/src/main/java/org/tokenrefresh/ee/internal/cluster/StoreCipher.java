package org.tokenrefresh.ee.internal.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the store's records with AES-256-GCM (NIST SP 800-38D), with the record's expiry inside the sealed
 * part. Layout: {@code version(1) | iv(12) | AES-GCM(expiresAtMillis(8) | UTF-8 record) with 128-bit tag}.
 * The cache key is the additional authenticated data, so a record cannot be moved to another key.
 */
final class StoreCipher {

    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final byte[] material;

    StoreCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.material = key.clone();
    }

    /** A fresh random key. */
    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /**
     * Derives a key from an administrator's secret with HKDF-SHA256 (RFC 5869), bound to the deployment's
     * context path so that two applications sharing a secret still get different keys.
     */
    static byte[] deriveKey(String secret, String context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("org.tokenrefresh.store-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] prk = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(("records " + context).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal(); // 32 bytes: one HKDF-Expand block
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** A key for another purpose, derived from this one (HKDF-Expand with the label). */
    byte[] subkey(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    byte[] seal(String cacheKey, long expiresAtMillis, String record) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] text = record.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(8 + text.length).putLong(expiresAtMillis).put(text);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, cacheKey);
            byte[] sealed = cipher.doFinal(plain.array());
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The opened record, or {@code null} when it does not authenticate (another key, tampered, truncated). */
    Opened open(String cacheKey, byte[] value) {
        if (value == null || value.length < 1 + IV_BYTES + TAG_BITS / 8 + 8 || value[0] != VERSION) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        System.arraycopy(value, 1, iv, 0, IV_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv, cacheKey);
            byte[] plain = cipher.doFinal(value, 1 + IV_BYTES, value.length - 1 - IV_BYTES);
            ByteBuffer buffer = ByteBuffer.wrap(plain);
            long expiresAt = buffer.getLong();
            return new Opened(expiresAt, new String(plain, 8, plain.length - 8, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private Cipher cipher(int mode, byte[] iv, String cacheKey) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(new byte[] {VERSION});
        cipher.updateAAD(cacheKey.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A record and the expiry sealed with it. */
    static final class Opened {
        final long expiresAtMillis;
        final String record;

        Opened(long expiresAtMillis, String record) {
            this.expiresAtMillis = expiresAtMillis;
            this.record = record;
        }
    }
}
