package org.tokenrefresh.ee;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.InvalidSettingsException;
import org.tokenrefresh.TokenRefreshPlugin;
import org.tokenrefresh.TokenRefreshSettings;
import org.tokenrefresh.engine.RefreshEngine;

/** The plug-in outside any container: no CDI, no JCache. Settings come from context-params here. */
class EeIntegrationPluginTest {

    private static ServletContext context(Map<String, String> params) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getInitParameter":
                            return params.get((String) args[0]);
                        case "getClassLoader":
                            return EeIntegrationPluginTest.class.getClassLoader();
                        case "getContextPath":
                            return "/app";
                        default:
                            return null;
                    }
                });
    }

    private static RefreshEngine.Builder builder() {
        return RefreshEngine.builder(TokenRefreshSettings.of(Map.of("backend-url", "http://127.0.0.1:9/refresh")));
    }

    @Test
    void pluginIsFoundThroughServiceLoader() {
        boolean found = false;
        for (TokenRefreshPlugin plugin : ServiceLoader.load(TokenRefreshPlugin.class)) {
            found |= plugin instanceof EeIntegrationPlugin;
        }
        assertTrue(found);
    }

    @Test
    void withoutJCacheTheInMemoryStoreStays() {
        RefreshEngine.Builder builder = builder();
        new EeIntegrationPlugin().configure(builder, context(Map.of()));
        assertFalse(builder.hasStore());
    }

    @Test
    void requiredJCacheMissingFailsTheDeployment() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new EeIntegrationPlugin().configure(builder(), context(Map.of("tokenrefresh.store", "jcache"))));
        assertTrue(e.getMessage().contains("tokenrefresh.store=\"jcache\": this container offers no JCache CacheManager"),
                e.getMessage());
    }

    @Test
    void invalidSettingsOfThisModuleFailTheDeployment() {
        assertThrows(InvalidSettingsException.class,
                () -> new EeIntegrationPlugin().configure(builder(), context(Map.of("tokenrefresh.store", "disk"))));
    }
}
