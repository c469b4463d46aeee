package org.tokenrefresh.ee.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;

/**
 * A hand-written JCache stand-in shared by several "nodes": the operations the store uses (get, put,
 * putIfAbsent, replace, two-argument remove), with JCache's atomicity, over concurrent maps. Values are
 * copied on write, as {@code storeByValue} does. Anything else throws {@link UnsupportedOperationException}.
 */
public final class FakeCaches {

    private final ConcurrentMap<String, ConcurrentMap<String, Object>> caches = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> expiries = new ConcurrentHashMap<>();
    /** Calls that fail with {@link javax.cache.CacheException} while set (a grid in trouble). */
    public volatile boolean failing;
    public final AtomicInteger creations = new AtomicInteger();

    /** A cache manager over these caches. */
    public CacheManager manager() {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getCache":
                    String name = (String) args[0];
                    return caches.containsKey(name) ? cache(name) : null;
                case "createCache":
                    String created = (String) args[0];
                    Configuration<?, ?> configuration = Objects.requireNonNull((Configuration<?, ?>) args[1]);
                    if (configuration instanceof javax.cache.configuration.CompleteConfiguration) {
                        javax.cache.expiry.Duration expiry = ((javax.cache.configuration.CompleteConfiguration<?, ?>) configuration)
                                .getExpiryPolicyFactory().create().getExpiryForCreation();
                        if (expiry != null && !expiry.isEternal()) {
                            expiries.put(created, expiry.getTimeUnit().toMillis(expiry.getDurationAmount()));
                        }
                    }
                    if (caches.putIfAbsent(created, new ConcurrentHashMap<>()) != null) {
                        throw new javax.cache.CacheException("exists: " + created);
                    }
                    creations.incrementAndGet();
                    return cache(created);
                case "toString":
                    return "FakeCacheManager";
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        };
        return (CacheManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CacheManager.class}, handler);
    }

    /** The cache-wide expiry a cache was created with, in milliseconds; -1 for none. */
    public long expiryMillis(String name) {
        return expiries.getOrDefault(name, -1L);
    }

    /** The raw content of a cache, for assertions. */
    public Map<String, Object> content(String name) {
        return caches.get(name);
    }

    @SuppressWarnings("unchecked")
    private <V> Cache<String, V> cache(String name) {
        ConcurrentMap<String, Object> map = caches.get(name);
        InvocationHandler handler = (proxy, method, args) -> {
            if (failing && !method.getName().equals("getName")) {
                throw new javax.cache.CacheException("grid unavailable");
            }
            switch (method.getName()) {
                case "getName":
                    return name;
                case "get":
                    return copy(map.get(args[0]));
                case "put":
                    map.put((String) args[0], copy(args[1]));
                    return null;
                case "putIfAbsent":
                    return map.putIfAbsent((String) args[0], copy(args[1])) == null;
                case "replace":
                    if (args.length == 3) {
                        return map.replace((String) args[0], args[1], args[2]);
                    }
                    throw new UnsupportedOperationException("replace/2");
                case "remove":
                    if (args.length == 2) {
                        return map.remove(args[0], args[1]);
                    }
                    return map.remove(args[0]) != null;
                case "toString":
                    return "FakeCache[" + name + "]";
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        };
        return (Cache<String, V>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Cache.class}, handler);
    }

    private static Object copy(Object value) {
        return value instanceof byte[] ? ((byte[]) value).clone() : value;
    }
}
