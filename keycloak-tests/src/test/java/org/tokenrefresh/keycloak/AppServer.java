package org.tokenrefresh.keycloak;

import org.tokenrefresh.internal.engine.RefreshMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.tokenrefresh.spi.RefreshEvent;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.TokenRefreshClientFeature;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;

/**
 * The legacy application: an embedded Tomcat 11 on 127.0.0.1 and a free port, holding one or more web
 * applications. In each, {@link TokenRefreshFilter} is mapped to {@code /*} with {@code protocol=oauth2}
 * toward Keycloak's token endpoint and the realm's confidential client, in front of
 * <ul>
 * <li>{@code /api/*}: {@link ProtectedServlet}, which accepts a request only with a currently valid Keycloak
 * access token ({@link AccessTokenCheck});</li>
 * <li>{@code /relay}: {@link org.tokenrefresh.testsupport.RelayServlet}, which calls the {@link DownstreamApi} through a Jersey client with
 * {@code TokenRefreshClientFeature} (when a downstream URL is given).</li>
 * </ul>
 * Deploy every application, then {@link #start()}.
 */
final class AppServer implements AutoCloseable {

    private final KeycloakApi keycloak;
    private final AccessTokenCheck check;
    private final Tomcat tomcat = new Tomcat();
    private final List<App> apps = new ArrayList<>();

    AppServer(KeycloakApi keycloak) throws IOException {
        this.keycloak = keycloak;
        this.check = new AccessTokenCheck(keycloak);
        Path baseDir = Files.createTempDirectory("keycloak-tests-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        // a storm's 400 requests are all in the filter at once, rather than 200 of them queued behind the
        // others' userinfo calls (Tomcat's default maxThreads), and no connection is refused meanwhile
        connector.setProperty("maxThreads", "500");
        connector.setProperty("acceptCount", "1000");
        tomcat.setConnector(connector);
    }

    /**
     * A web application at {@code contextPath}. Its engine runs on {@code clock} and takes {@code settings}
     * (key, value, ...; keys without the {@code tokenrefresh.} prefix) over these defaults: {@code oauth2},
     * Keycloak's token endpoint, the realm's client id and secret, {@code login-url=/login}, and a 10 s
     * response timeout (Keycloak shares two cores with the build).
     */
    App deploy(String contextPath, Clock clock, String downstreamUrl, String... settings) {
        Map<String, String> all = new HashMap<>();
        all.put("protocol", "oauth2");
        all.put("backend-url", keycloak.server().tokenEndpoint());
        all.put("client-id", KeycloakRealm.CLIENT_ID);
        all.put("client-secret", KeycloakRealm.CLIENT_SECRET);
        all.put("login-url", "/login");
        all.put("response-timeout", "10s");
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        App app = new App(contextPath, clock, TokenRefreshSettings.of(all));
        Context context = tomcat.addContext(contextPath, null);
        Tomcat.addServlet(context, "api", app.api);
        context.addServletMappingDecoded("/api/*", "api");
        if (downstreamUrl != null) {
            Tomcat.addServlet(context, "relay", new org.tokenrefresh.testsupport.RelayServlet(downstreamUrl, TokenRefreshClientFeature.class, 30));
            context.addServletMappingDecoded("/relay", "relay");
        }
        FilterDef filter = new FilterDef();
        filter.setFilterName("tokenRefresh");
        // the filter runs on the app's engine (FilterSetup.ENGINE_ATTRIBUTE), so the tests can read its counters
        context.addServletContainerInitializer((classes, servletContext) -> servletContext.setAttribute(
                org.tokenrefresh.internal.servlet.FilterSetup.ENGINE_ATTRIBUTE, app.engine), null);
        filter.setFilter(new TokenRefreshFilter());
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("tokenRefresh");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        apps.add(app);
        return app;
    }

    AppServer start() throws LifecycleException {
        tomcat.start();
        return this;
    }

    @Override
    public void close() throws LifecycleException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            apps.forEach(app -> app.engine.close());
        }
    }

    /** One web application: its refresh engine, what the engine reported, and its protected servlet. */
    final class App {
        final String contextPath;
        final RefreshEngine engine;
        final Queue<RefreshEvent> events = new ConcurrentLinkedQueue<>();
        final ProtectedServlet api = new ProtectedServlet(check);

        private App(String contextPath, Clock clock, TokenRefreshSettings settings) {
            this.contextPath = contextPath;
            this.engine = RefreshEngine.builder(settings).clock(clock).listener(events::add).build();
        }

        /** {@code http://127.0.0.1:<port><context path><path>} */
        String url(String path) {
            return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + contextPath + path;
        }

        /** The refresh calls this application's engine made to Keycloak. */
        long refreshCalls() {
            return engine.metrics().count(RefreshMetrics.Counter.BACKEND_CALLS);
        }

        /** For the log: how long Keycloak took to answer this application's successful refreshes. */
        String refreshTimes() {
            List<Long> millis = events.stream().filter(e -> e.type() == RefreshEvent.Type.REFRESHED)
                    .map(e -> e.duration().toMillis()).filter(m -> m > 0).sorted().toList();
            return millis.isEmpty() ? "no refresh call" : millis.size() + " refresh calls, median "
                    + millis.get(millis.size() / 2) + " ms, max " + millis.get(millis.size() - 1) + " ms";
        }

        long eventCount(RefreshEvent.Type type) {
            return events.stream().filter(e -> e.type() == type).count();
        }
    }
}
