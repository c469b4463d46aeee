package org.tokenrefresh.ee.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreCipherTest {

    private final StoreCipher cipher = new StoreCipher(StoreCipher.randomKey());

    @Test
    void sealedRecordOpensWithItsExpiry() {
        byte[] sealed = cipher.seal("k1", 1234L, "S 99 0 0 access refresh");
        StoreCipher.Opened opened = cipher.open("k1", sealed);
        assertEquals(1234L, opened.expiresAtMillis);
        assertEquals("S 99 0 0 access refresh", opened.record);
    }

    @Test
    void sealedRecordDoesNotContainTheTokens() {
        byte[] sealed = cipher.seal("k1", 1L, "S 99 0 0 secret-access-token secret-refresh-token");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("secret"));
    }

    @Test
    void recordMovedToAnotherKeyDoesNotOpen() {
        assertNull(cipher.open("k2", cipher.seal("k1", 1L, "D")));
    }

    @Test
    void recordSealedWithAnotherKeyDoesNotOpen() {
        assertNull(new StoreCipher(StoreCipher.randomKey()).open("k1", cipher.seal("k1", 1L, "D")));
    }

    @Test
    void tamperedOrTruncatedRecordDoesNotOpen() {
        byte[] sealed = cipher.seal("k1", 1L, "D");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertNull(cipher.open("k1", tampered));
        assertNull(cipher.open("k1", new byte[] {1, 2, 3}));
        assertNull(cipher.open("k1", null));
    }

    @Test
    void derivedKeyDependsOnSecretAndContext() {
        byte[] a = StoreCipher.deriveKey("0123456789abcdef0123456789abcdef", "/app");
        assertArrayEquals(a, StoreCipher.deriveKey("0123456789abcdef0123456789abcdef", "/app"));
        assertFalse(java.util.Arrays.equals(a, StoreCipher.deriveKey("0123456789abcdef0123456789abcdeF", "/app")));
        assertFalse(java.util.Arrays.equals(a, StoreCipher.deriveKey("0123456789abcdef0123456789abcdef", "/other")));
        assertEquals(32, a.length);
    }
}
