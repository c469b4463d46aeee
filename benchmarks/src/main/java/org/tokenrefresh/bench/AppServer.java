package org.tokenrefresh.bench;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.TokenSet;

/**
 * One system under test, in process: the mock auth backend over HTTP on 127.0.0.1 and a real Tomcat 11 on
 * 127.0.0.1 serving {@link ProtectedApi} at {@code /app/api/orders}, behind the library's filter, behind the
 * {@link NaiveRefreshFilter}, or with no filter. Backend and engine share one {@link OffsetClock}.
 */
final class AppServer implements AutoCloseable {

    /** What stands in front of the application. */
    enum Mode { LIBRARY, NAIVE, NONE }

    final OffsetClock clock = new OffsetClock();
    final MockAuthBackend backend;
    final RecordingAuthServer auth;
    final RefreshEngine engine;
    final NaiveRefreshFilter naive;
    private final Tomcat tomcat = new Tomcat();
    private final File baseDir;

    /**
     * @param settings library settings (without prefix) over the defaults; only {@code backend-url} is set here
     * @param accessTokenLifetime lifetime of the access tokens the backend issues
     */
    AppServer(Mode mode, Map<String, String> settings, Duration accessTokenLifetime, int maxThreads) throws Exception {
        backend = MockAuthBackend.builder().clock(clock).accessTokenLifetime(accessTokenLifetime).build();
        auth = new RecordingAuthServer(backend);
        baseDir = Files.createTempDirectory("bench-tomcat").toFile();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", String.valueOf(maxThreads));
        connector.setProperty("acceptCount", "2000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("/app", null);
        Tomcat.addServlet(context, "api", new ProtectedApi(backend, "authToken"));
        context.addServletMappingDecoded("/api/*", "api");
        RefreshEngine built = null;
        NaiveRefreshFilter naiveFilter = null;
        jakarta.servlet.Filter filter = null;
        if (mode == Mode.LIBRARY) {
            Map<String, String> all = new HashMap<>(settings);
            all.put("backend-url", auth.refreshUrl());
            built = RefreshEngine.builder(TokenRefreshSettings.of(all)).clock(clock).build();
            RefreshEngine preset = built;
            // the filter runs on this engine (FilterSetup.ENGINE_ATTRIBUTE), so the benchmark can read its counters
            context.addServletContainerInitializer((classes, servletContext) -> servletContext.setAttribute(
                    org.tokenrefresh.internal.servlet.FilterSetup.ENGINE_ATTRIBUTE, preset), null);
            filter = new TokenRefreshFilter();
        } else if (mode == Mode.NAIVE) {
            naiveFilter = new NaiveRefreshFilter(auth.refreshUrl(), clock);
            filter = naiveFilter;
        }
        engine = built;
        naive = naiveFilter;
        if (filter != null) {
            FilterDef def = new FilterDef();
            def.setFilterName("refresh");
            def.setFilter(filter);
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("refresh");
            map.addURLPattern("/*");
            context.addFilterMap(map);
        }
        tomcat.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app/api/orders";
    }

    /** A new login session (token family) issued at the clock's current time. */
    TokenSet login() {
        return backend.login("demo", "demo");
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            if (engine != null) {
                engine.close();
            }
            auth.close();
            deleteTree(baseDir);
        }
    }

    private static void deleteTree(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteTree(child);
            }
        }
        file.delete();
    }
}
