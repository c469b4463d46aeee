package org.tokenrefresh.ee.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.internal.config.EeKeys;
import org.tokenrefresh.internal.config.InvalidSettingsException;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.spi.AuthBackend;
import org.tokenrefresh.spi.PluginContext;
import org.tokenrefresh.spi.RefreshListener;
import org.tokenrefresh.spi.RefreshStore;
import org.tokenrefresh.spi.TokenRefreshPlugin;

/** The plug-in outside any container: no CDI, no JCache. */
class EeIntegrationPluginTest {

    /**
     * A plug-in context over a builder, as the filter gives one, that also records what the plug-in hands it: the
     * store and the listeners (the builder keeps them too). The EE plug-in never replaces the backend.
     */
    private static final class Context implements PluginContext {
        final RefreshEngine.Builder builder;
        final List<RefreshListener> listeners = new ArrayList<>();
        RefreshStore store;

        Context(Map<String, String> settings) {
            Map<String, String> all = new HashMap<>(settings);
            all.put("backend-url", "http://127.0.0.1:9/refresh");
            builder = RefreshEngine.builder(TokenRefreshSettings.of(all));
        }

        @Override
        public ServletContext servletContext() {
            return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                    (proxy, method, args) -> "getContextPath".equals(method.getName()) ? "/app" : null);
        }

        @Override
        public Clock clock() {
            return builder.clock();
        }

        @Override
        public boolean hasStore() {
            return store != null || builder.hasStore();
        }

        @Override
        public void useStore(RefreshStore chosen) {
            store = chosen;
            builder.store(chosen);
        }

        @Override
        public void useBackend(AuthBackend backend) {
            throw new AssertionError("the EE plug-in keeps the configured backend, it got " + backend);
        }

        @Override
        public void addListener(RefreshListener listener) {
            listeners.add(listener);
            builder.listener(listener);
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return type.cast(builder);
        }
    }

    @Test
    void pluginIsFoundThroughServiceLoaderAndReadsTheEeKeys() {
        boolean found = false;
        for (TokenRefreshPlugin plugin : ServiceLoader.load(TokenRefreshPlugin.class)) {
            found |= plugin instanceof EeIntegrationPlugin;
            assertTrue(plugin instanceof EeKeys, "so that ee keys do not warn as 'no effect'");
        }
        assertTrue(found);
    }

    @Test
    void withoutJCacheTheInMemoryStoreStays() {
        Context context = new Context(Map.of());
        new EeIntegrationPlugin().configure(context);
        assertFalse(context.hasStore());
        assertNull(context.store, "no store handed to the filter");
    }

    @Test
    void requiredJCacheMissingFailsTheDeployment() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new EeIntegrationPlugin().configure(new Context(Map.of("store", "jcache"))));
        assertTrue(e.getMessage().contains("tokenrefresh.store=\"jcache\": this container offers no JCache CacheManager"),
                e.getMessage());
    }

    @Test
    void invalidEeSettingsAreReportedWithTheCoreOnesInOneMessage() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new Context(Map.of("store", "disk", "refresh-threshold", "soon", "store-key", "short")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("tokenrefresh.store=\"disk\""), e.getMessage());
        assertTrue(e.getMessage().contains("tokenrefresh.refresh-threshold=\"soon\""), e.getMessage());
        assertTrue(e.getMessage().contains("tokenrefresh.store-key (value hidden)"), e.getMessage());
        assertFalse(e.getMessage().contains("short"), "a secret is never quoted back");
    }
}
