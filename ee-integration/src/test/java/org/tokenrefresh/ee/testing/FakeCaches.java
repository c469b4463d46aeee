package org.tokenrefresh.ee.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * A hand-written JCache stand-in shared by several "nodes": the operations the store uses (get, put,
 * putIfAbsent, replace, two-argument remove), with JCache's atomicity, over concurrent maps. Values are
 * copied on write, as {@code storeByValue} does. Anything else throws {@link UnsupportedOperationException}.
 *
 * <p>Entry listeners behave as on Hazelcast: each {@code Cache} a manager hands out is one node's view, a
 * listener is created from its configuration's factory on the registering thread, every change reaches every
 * node's listeners asynchronously (one event thread, in order), and the configuration joins the cache's
 * shared configuration, so that a node opening the cache later registers it too ({@link #listenersCome}).
 */
public final class FakeCaches {

    private final ConcurrentMap<String, ConcurrentMap<String, Object>> caches = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> expiries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<Registration>> registrations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<CacheEntryListenerConfiguration<?, ?>>> sharedListeners = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fake-cache-events");
        thread.setDaemon(true);
        return thread;
    });
    /** Calls that fail with {@link javax.cache.CacheException} while set (a grid in trouble). */
    public volatile boolean failing;
    /** Whether changes reach the listeners; unset, events are lost (counted in {@link #lostEvents}). */
    public volatile boolean delivering = true;
    /** Whether a node opening an existing cache registers the listener configurations found on it (Hazelcast). */
    public volatile boolean listenersCome = true;
    /** Whether {@code registerCacheEntryListener} is refused (a JCache provider without listeners). */
    public volatile boolean refusingListeners;
    public final AtomicInteger creations = new AtomicInteger();
    public final AtomicInteger deliveredEvents = new AtomicInteger();
    public final AtomicInteger lostEvents = new AtomicInteger();

    private record Registration(Object node, CacheEntryListenerConfiguration<?, ?> configuration, CacheEntryListener<?, ?> listener) {
    }

    /** A cache manager over these caches. */
    public CacheManager manager() {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getCache":
                    String name = (String) args[0];
                    if (!caches.containsKey(name)) {
                        return null;
                    }
                    Cache<String, Object> opened = cache(name);
                    if (listenersCome) {
                        for (CacheEntryListenerConfiguration<?, ?> shared : sharedListeners.getOrDefault(name, Set.of())) {
                            register(name, opened, shared);
                        }
                    }
                    return opened;
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

    /** How many listeners are registered on a cache, over all nodes. */
    public int listeners(String name) {
        return registrations.getOrDefault(name, List.of()).size();
    }

    /** The listener configurations a cache's shared configuration holds (what Hazelcast sends to every member). */
    public Set<CacheEntryListenerConfiguration<?, ?>> sharedListenerConfigurations(String name) {
        return sharedListeners.getOrDefault(name, Set.of());
    }

    private void register(String name, Object node, CacheEntryListenerConfiguration<?, ?> configuration) {
        if (refusingListeners) {
            throw new UnsupportedOperationException("registerCacheEntryListener");
        }
        CacheEntryListener<?, ?> listener = configuration.getCacheEntryListenerFactory().create();
        registrations.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(new Registration(node, configuration, listener));
    }

    private void deregister(String name, Object node, CacheEntryListenerConfiguration<?, ?> configuration) {
        List<Registration> list = registrations.getOrDefault(name, List.of());
        for (Registration registration : list) {
            if (registration.node() == node && registration.configuration().equals(configuration)) {
                list.remove(registration);
                break;
            }
        }
        sharedListeners.getOrDefault(name, Set.of()).remove(configuration);
    }

    /** Tells every node's listeners of a change, on the event thread. */
    private void changed(String name, Cache<String, Object> source, EventType type, String key, Object value) {
        List<Registration> list = registrations.getOrDefault(name, List.of());
        if (list.isEmpty()) {
            return;
        }
        if (!delivering) {
            lostEvents.incrementAndGet();
            return;
        }
        CacheEntryEvent<String, Object> event = new CacheEntryEvent<>(source, type) {
            @Override
            public String getKey() {
                return key;
            }

            @Override
            public Object getValue() {
                return type == EventType.REMOVED ? null : copy(value);
            }

            @Override
            public Object getOldValue() {
                return null;
            }

            @Override
            public boolean isOldValueAvailable() {
                return false;
            }

            @Override
            public <T> T unwrap(Class<T> clazz) {
                throw new IllegalArgumentException(clazz.getName());
            }
        };
        events.execute(() -> {
            for (Registration registration : list) {
                deliver(registration.listener(), event);
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(CacheEntryListener<?, ?> listener, CacheEntryEvent<String, Object> event) {
        List one = List.of(event);
        if (event.getEventType() == EventType.CREATED && listener instanceof CacheEntryCreatedListener) {
            ((CacheEntryCreatedListener) listener).onCreated(one);
        } else if (event.getEventType() == EventType.UPDATED && listener instanceof CacheEntryUpdatedListener) {
            ((CacheEntryUpdatedListener) listener).onUpdated(one);
        } else if (event.getEventType() == EventType.REMOVED && listener instanceof CacheEntryRemovedListener) {
            ((CacheEntryRemovedListener) listener).onRemoved(one);
        } else {
            return;
        }
        deliveredEvents.incrementAndGet();
    }

    @SuppressWarnings("unchecked")
    private <V> Cache<String, V> cache(String name) {
        ConcurrentMap<String, Object> map = caches.get(name);
        Cache<String, Object>[] self = new Cache[1];
        InvocationHandler handler = (proxy, method, args) -> {
            if (failing && !method.getName().equals("getName")) {
                throw new javax.cache.CacheException("grid unavailable");
            }
            String key = args != null && args.length > 0 && args[0] instanceof String k ? k : null;
            switch (method.getName()) {
                case "getName":
                    return name;
                case "get":
                    return copy(map.get(key));
                case "put":
                    Object before = map.put(key, copy(args[1]));
                    changed(name, self[0], before == null ? EventType.CREATED : EventType.UPDATED, key, args[1]);
                    return null;
                case "putIfAbsent":
                    boolean put = map.putIfAbsent(key, copy(args[1])) == null;
                    if (put) {
                        changed(name, self[0], EventType.CREATED, key, args[1]);
                    }
                    return put;
                case "replace":
                    if (args.length == 3) {
                        boolean replaced = map.replace(key, args[1], args[2]);
                        if (replaced) {
                            changed(name, self[0], EventType.UPDATED, key, args[2]);
                        }
                        return replaced;
                    }
                    throw new UnsupportedOperationException("replace/2");
                case "remove":
                    boolean removed = args.length == 2 ? map.remove(key, args[1]) : map.remove(key) != null;
                    if (removed) {
                        changed(name, self[0], EventType.REMOVED, key, null);
                    }
                    return removed;
                case "registerCacheEntryListener":
                    CacheEntryListenerConfiguration<?, ?> added = (CacheEntryListenerConfiguration<?, ?>) args[0];
                    register(name, self[0], added);
                    sharedListeners.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(added);
                    return null;
                case "deregisterCacheEntryListener":
                    deregister(name, self[0], (CacheEntryListenerConfiguration<?, ?>) args[0]);
                    return null;
                case "toString":
                    return "FakeCache[" + name + "]";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        };
        self[0] = (Cache<String, Object>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Cache.class}, handler);
        return (Cache<String, V>) (Cache<String, ?>) self[0];
    }

    private static Object copy(Object value) {
        return value instanceof byte[] ? ((byte[]) value).clone() : value;
    }
}
