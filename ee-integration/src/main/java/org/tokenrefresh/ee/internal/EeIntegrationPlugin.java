package org.tokenrefresh.ee.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenrefresh.ee.internal.cluster.ContainerCaches;
import org.tokenrefresh.ee.internal.cluster.JCacheRefreshStore;
import org.tokenrefresh.ee.internal.events.CdiEventBridge;
import org.tokenrefresh.ee.internal.metrics.TokenRefreshMetrics;
import org.tokenrefresh.ee.internal.monitor.ActiveSessions;
import org.tokenrefresh.internal.config.EeKeys;
import org.tokenrefresh.internal.config.InvalidSettingsException;
import org.tokenrefresh.internal.config.Keys;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.internal.engine.Vouching;
import org.tokenrefresh.spi.PluginContext;
import org.tokenrefresh.spi.TokenRefreshPlugin;
import org.tokenrefresh.ee.internal.monitor.TokenRefreshRuntime;

/**
 * Plugs the Jakarta EE integration into the servlet filter: found through {@link java.util.ServiceLoader}
 * when {@code token-refresh-ee.jar} is in {@code WEB-INF/lib} beside the filter's, nothing to declare.
 *
 * <h2>Configuration</h2>
 * Its keys ({@code store}, {@code store-key}, {@code background}, {@code refresh-interval},
 * {@code activity-window}, {@code monitor-max-memory}) are declared with the filter's in one registry and
 * validated with them: one message lists every invalid setting.
 *
 * <h2>Behaviour</h2>
 * When the filter starts: installs the cluster-wide store (and shares its vouching key, so that every node
 * vouches alike for the tokens any node issued), the CDI event bridge, the MicroProfile Metrics listener and
 * the session tracker of the background monitor, then attaches the engine to {@link TokenRefreshRuntime}. A
 * store chosen before is left alone.
 */
public final class EeIntegrationPlugin implements TokenRefreshPlugin, EeKeys {

    private static final Logger LOG = Logger.getLogger(EeIntegrationPlugin.class.getName());

    private ActiveSessions sessions;
    private TokenRefreshMetrics metrics;
    private final List<String> features = new ArrayList<>();

    @Override
    public void configure(PluginContext context) {
        RefreshEngine.Builder engine = context.unwrap(RefreshEngine.Builder.class);
        TokenRefreshSettings settings = engine.settings();
        if (!context.hasStore() && settings.store() != TokenRefreshSettings.Store.MEMORY) {
            JCacheRefreshStore store = clusterStore(context, settings);
            if (store != null) {
                context.useStore(store);
                engine.vouching(new Vouching(store.vouchingKey()));
                features.add("cluster-wide JCache store");
            } else if (settings.store() == TokenRefreshSettings.Store.JCACHE) {
                throw new InvalidSettingsException(List.of(Keys.STORE.fullName() + "=\"jcache\": this container offers no JCache"
                        + " CacheManager (CDI or JNDI " + ContainerCaches.PAYARA_JNDI_NAME + ")"));
            }
        }
        CdiEventBridge events = CdiBeans.get(CdiEventBridge.class);
        if (events != null) {
            context.addListener(events);
            features.add("CDI events");
        }
        metrics = CdiBeans.get(TokenRefreshMetrics.class);
        if (metrics != null && metrics.available()) {
            context.addListener(metrics);
            features.add("MicroProfile Metrics");
        } else {
            metrics = null;
        }
        if (settings.background() && CdiBeans.get(TokenRefreshRuntime.class) != null) {
            sessions = new ActiveSessions(context.clock(), settings.activityWindow(), settings.storeMaxEntries(),
                    settings.monitorMaxMemory());
            engine.activity(sessions);
            features.add("background monitor every " + settings.refreshInterval().getSeconds() + " s");
        }
    }

    private static JCacheRefreshStore clusterStore(PluginContext context, TokenRefreshSettings settings) {
        try {
            javax.cache.CacheManager manager = ContainerCaches.find();
            if (manager == null) {
                LOG.info("No JCache in this container: token refresh coordination stays in this JVM");
                return null;
            }
            return JCacheRefreshStore.open(manager, context.servletContext().getContextPath(), settings.storeKey(), settings,
                    context.clock());
        } catch (LinkageError noJCacheApi) {
            LOG.log(Level.FINE, "JCache API not visible", noJCacheApi);
            return null;
        } catch (RuntimeException e) {
            if (settings.store() == TokenRefreshSettings.Store.JCACHE) {
                throw e;
            }
            LOG.log(Level.WARNING, "The container's JCache could not be used; token refresh coordination stays in this JVM", e);
            return null;
        }
    }

    @Override
    public void started(PluginContext context) {
        RefreshEngine engine = context.unwrap(RefreshEngine.class);
        TokenRefreshRuntime runtime = CdiBeans.get(TokenRefreshRuntime.class);
        if (runtime != null) {
            runtime.attach(engine, sessions);
        }
        if (metrics != null) {
            metrics.register();
        }
        LOG.info("Token refresh EE integration for " + context.servletContext().getContextPath() + ": "
                + (features.isEmpty() ? "nothing available" : String.join(", ", features)));
    }

    @Override
    public void stopping(PluginContext context) {
        TokenRefreshRuntime runtime = CdiBeans.get(TokenRefreshRuntime.class);
        if (runtime != null) {
            runtime.detach(context.unwrap(RefreshEngine.class));
        }
    }
}
