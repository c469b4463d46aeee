package org.tokenrefresh.ee.internal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.tokenrefresh.internal.token.TokenHash;
import org.tokenrefresh.spi.RefreshStore;

/**
 * One cache of the store's records (markers or successors), each sealed by {@link StoreCipher} with its expiry
 * inside, and the agreement on the key the nodes of a deployment seal with ({@link #sharedKey}).
 */
final class SealedRecords {

    private static final Logger LOG = Logger.getLogger(JCacheRefreshStore.class.getName());
    private static final String SHARED_KEY = "aes-256-gcm";

    private final Cache<String, byte[]> cache;
    private final StoreCipher cipher;
    private final Clock clock;

    SealedRecords(Cache<String, byte[]> cache, StoreCipher cipher, Clock clock) {
        this.cache = cache;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The key of a deployment: derived from the {@code store-key} secret, or without one the random key the
     * nodes agree on through the {@code keys} cache.
     */
    static byte[] key(String secret, String contextPath, Cache<String, String> keys) {
        return secret != null ? StoreCipher.deriveKey(secret, contextPath) : sharedKey(keys);
    }

    /** The first node's random key wins ({@code putIfAbsent}); every node then uses it. */
    static byte[] sharedKey(Cache<String, String> keys) {
        for (int attempt = 0; attempt < 3; attempt++) {
            keys.putIfAbsent(SHARED_KEY, Base64.getEncoder().encodeToString(StoreCipher.randomKey()));
            String agreed = keys.get(SHARED_KEY);
            if (agreed != null) {
                byte[] key = Base64.getDecoder().decode(agreed);
                if (key.length == StoreCipher.KEY_BYTES) {
                    return key;
                }
                keys.remove(SHARED_KEY, agreed); // not ours: replace it with a usable one
            }
        }
        throw new CacheException("No shared store key could be agreed on through cache " + keys.getName());
    }

    /** A key for another purpose, derived from the sealing key (the same on every node). */
    byte[] subkey(String label) {
        return cipher.subkey(label);
    }

    /**
     * The record of the key while it has not expired, {@code null} when there is none, or
     * {@link RefreshStore#UNREADABLE} when it exists but cannot be opened. A cache failure propagates.
     */
    String read(String key) {
        byte[] sealed = cache.get(key);
        if (sealed == null) {
            return null;
        }
        StoreCipher.Opened opened = cipher.open(key, sealed);
        if (opened == null) {
            LOG.fine(() -> "Session " + TokenHash.shortIdOfKey(key) + ": record in " + cache.getName() + " cannot be opened");
            return RefreshStore.UNREADABLE; // fail closed: another node may have used this token
        }
        return opened.expiresAtMillis > clock.millis() ? opened.record : null;
    }

    /**
     * A cache failure is logged, not thrown: the tokens just obtained still reach the request that refreshed,
     * only the other nodes do not learn them.
     */
    void write(String key, String value, Duration ttl) {
        try {
            cache.put(key, cipher.seal(key, clock.millis() + ttl.toMillis(), value));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Token refresh store: record of session " + TokenHash.shortIdOfKey(key)
                    + " could not be written to the cluster", e);
        }
    }

    String name() {
        return cache.getName();
    }
}
