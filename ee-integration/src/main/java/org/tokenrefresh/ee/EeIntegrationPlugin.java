package org.tokenrefresh.ee;

import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.InvalidSettingsException;
import org.tokenrefresh.RefreshStore;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.TokenRefreshPlugin;
import org.tokenrefresh.TokenRefreshSettings;
import org.tokenrefresh.ee.cluster.ContainerCaches;
import org.tokenrefresh.ee.cluster.JCacheRefreshStore;
import org.tokenrefresh.ee.events.CdiEventBridge;
import org.tokenrefresh.ee.metrics.TokenRefreshMetrics;
import org.tokenrefresh.ee.monitor.ActiveSessions;
import org.tokenrefresh.engine.RefreshEngine;

/**
 * Plugs the Jakarta EE integration into the servlet filter: found through {@link java.util.ServiceLoader}
 * when this jar is in {@code WEB-INF/lib} beside the filter's, nothing to declare.
 *
 * <h2>Usage</h2>
 * Put {@code token-refresh-ee.jar} next to {@code token-refresh-filter.jar} (or depend on
 * {@code org.tokenrefresh:token-refresh-ee}). Settings come from MicroProfile Config like the filter's.
 *
 * <h2>Configuration</h2>
 * <ul>
 * <li>{@code tokenrefresh.store}: {@code auto} (default: the container's JCache when it has one, else in
 * memory), {@code jcache} (deployment fails without JCache), {@code memory}.</li>
 * <li>{@code tokenrefresh.store-key}: secret for the store's AES-256-GCM key, at least 32 characters,
 * the same on every node; unset: a random key shared through the cache ({@link JCacheRefreshStore}).</li>
 * <li>{@code tokenrefresh.background}, {@code refresh-interval}, {@code activity-window}: the background
 * monitor ({@link org.tokenrefresh.ee.monitor.BackgroundMonitor}).</li>
 * </ul>
 *
 * <h2>Behaviour</h2>
 * When the filter starts: installs the cluster-wide store, the CDI event bridge
 * ({@link org.tokenrefresh.ee.events.TokenRefreshEvent}), the MicroProfile Metrics listener and the session
 * tracker of the background monitor, then attaches the engine to {@link TokenRefreshRuntime}. A store set
 * programmatically is left alone. Invalid settings fail the deployment with one message listing them.
 */
public final class EeIntegrationPlugin implements TokenRefreshPlugin {

    private static final Logger LOG = Logger.getLogger(EeIntegrationPlugin.class.getName());

    private ActiveSessions sessions;
    private TokenRefreshMetrics metrics;
    private final List<String> features = new ArrayList<>();

    @Override
    public void configure(RefreshEngine.Builder engine, ServletContext context) {
        EeSettings ee = EeSettings.from(TokenRefreshFilter.settingsSource(context, null));
        TokenRefreshSettings settings = engine.settings();
        if (!engine.hasStore() && ee.store() != EeSettings.Store.MEMORY) {
            RefreshStore store = clusterStore(engine, context, ee);
            if (store != null) {
                engine.store(store);
                features.add("cluster-wide JCache store");
            } else if (ee.store() == EeSettings.Store.JCACHE) {
                throw new InvalidSettingsException(List.of(TokenRefreshSettings.PREFIX
                        + "store=\"jcache\": this container offers no JCache CacheManager (CDI or JNDI "
                        + ContainerCaches.PAYARA_JNDI_NAME + ")"));
            }
        }
        CdiEventBridge events = CdiBeans.get(CdiEventBridge.class);
        if (events != null) {
            engine.listener(events);
            features.add("CDI events");
        }
        metrics = CdiBeans.get(TokenRefreshMetrics.class);
        if (metrics != null && metrics.available()) {
            engine.listener(metrics);
            features.add("MicroProfile Metrics");
        } else {
            metrics = null;
        }
        if (settings.background() && CdiBeans.get(TokenRefreshRuntime.class) != null) {
            sessions = new ActiveSessions(engine.clock(), settings.activityWindow(), settings.storeMaxEntries());
            engine.activity(sessions).listener(sessions);
            features.add("background monitor every " + settings.refreshInterval().getSeconds() + " s");
        }
    }

    private static RefreshStore clusterStore(RefreshEngine.Builder engine, ServletContext context, EeSettings ee) {
        try {
            javax.cache.CacheManager manager = ContainerCaches.find();
            if (manager == null) {
                LOG.info("No JCache in this container: token refresh coordination stays in this JVM");
                return null;
            }
            return JCacheRefreshStore.open(manager, context.getContextPath(), ee.storeKey(), engine.settings(),
                    engine.clock());
        } catch (LinkageError noJCacheApi) {
            LOG.log(Level.FINE, "JCache API not visible", noJCacheApi);
            return null;
        } catch (RuntimeException e) {
            if (ee.store() == EeSettings.Store.JCACHE) {
                throw e;
            }
            LOG.log(Level.WARNING, "The container's JCache could not be used; token refresh coordination stays in this JVM", e);
            return null;
        }
    }

    @Override
    public void started(RefreshEngine engine, ServletContext context) {
        TokenRefreshRuntime runtime = CdiBeans.get(TokenRefreshRuntime.class);
        if (runtime != null) {
            runtime.attach(engine, sessions);
        }
        if (metrics != null) {
            metrics.register();
        }
        LOG.info("Token refresh EE integration for " + context.getContextPath() + ": "
                + (features.isEmpty() ? "nothing available" : String.join(", ", features)));
    }

    @Override
    public void stopping(RefreshEngine engine, ServletContext context) {
        TokenRefreshRuntime runtime = CdiBeans.get(TokenRefreshRuntime.class);
        if (runtime != null) {
            runtime.detach(engine);
        }
    }
}
