package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.TokenRefreshInitializer;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.mockauth.TokenSet;

/**
 * The drop-in path: the {@link TokenRefreshInitializer} (what {@code META-INF/services} triggers for a jar in
 * {@code WEB-INF/lib}) registers the filter from configuration alone, ahead of the application's own
 * authentication filter.
 */
class AutoRegistrationIT extends OnTomcat {


    private TomcatHarness dropIn(String... contextParams) throws Exception {
        harness = new TomcatHarness(null);
        harness.tomcat.addInitializer(new TokenRefreshInitializer())
                .addContextParameter("tokenrefresh.backend-url", harness.auth.baseUrl() + "/api/auth/refresh");
        for (int i = 0; i < contextParams.length; i += 2) {
            harness.tomcat.addContextParameter(contextParams[i], contextParams[i + 1]);
        }
        // the application's own filter that checks authentication, declared like web.xml would
        harness.tomcat.addFilter("legacyAuthCheck", new LegacyAuthCheck(), "/*");
        return harness;
    }

    /** Refuses requests whose access token the backend would not accept, as legacy apps do. */
    static final class LegacyAuthCheck implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String cookieHeader = http.getHeader("Cookie");
            if (cookieHeader == null || !cookieHeader.contains("authToken=")) {
                ((HttpServletResponse) response).sendError(401);
                return;
            }
            ((HttpServletResponse) response).setHeader("X-Auth-Check", "passed");
            chain.doFilter(request, response);
        }
    }

    @Test
    void jarAloneRegistersTheFilterAheadOfTheApplicationsFilters() throws Exception {
        dropIn().start();
        TokenSet tokens = harness.login();
        // a session that lost its access cookie but still has its refresh cookie
        HttpResponse<String> response = harness.get("/api/data", "refreshToken=" + tokens.refreshToken());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("passed", response.headers().firstValue("X-Auth-Check").orElse(""),
                "the refreshed token reached the application's auth filter, so ours ran first");
        assertEquals(1, harness.backend.totalRefreshCalls());
        RefreshEngine engine = (RefreshEngine) harness.context.getServletContext().getAttribute(org.tokenrefresh.internal.servlet.FilterSetup.ENGINE_ATTRIBUTE);
        assertTrue(engine != null, "the engine is published for integrations");
    }

    @Test
    void disabledByConfigurationRegistersNothing() throws Exception {
        dropIn("tokenrefresh.enabled", "false").start();
        TokenSet tokens = harness.login();
        HttpResponse<String> response = harness.get("/api/data", "refreshToken=" + tokens.refreshToken());
        assertEquals(401, response.statusCode());
        assertEquals(0, harness.backend.totalRefreshCalls());
        assertTrue(harness.context.findFilterDef(TokenRefreshInitializer.FILTER_NAME) == null);
    }

    @Test
    void explicitWebXmlDeclarationIsKeptAndNotDuplicated() throws Exception {
        dropIn();
        FilterDef def = new FilterDef();
        def.setFilterName("myTokenRefresh");
        def.setFilterClass(TokenRefreshFilter.class.getName());
        harness.context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("myTokenRefresh");
        map.addURLPattern("/api/*");
        harness.context.addFilterMapBefore(map);
        harness.start();
        assertTrue(harness.context.findFilterDef(TokenRefreshInitializer.FILTER_NAME) == null);
        TokenSet tokens = harness.login();
        harness.clock.advance(Duration.ofSeconds(45));
        HttpResponse<String> response = harness.get("/api/data", "refreshToken=" + tokens.refreshToken());
        assertEquals(200, response.statusCode());
        assertEquals(1, harness.backend.totalRefreshCalls(), "one filter, one refresh");
    }

    @Test
    void invalidConfigurationFailsTheDeploymentNamingEveryBadKey() throws Exception {
        dropIn("tokenrefresh.refresh-threshold", "ten minutes", "tokenrefresh.replay", "sometimes");
        java.util.List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(TokenRefreshInitializer.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            harness.start();
        } finally {
            log.removeHandler(capture);
        }
        assertTrue(!harness.context.getState().isAvailable(), "context state " + harness.context.getState());
        String message = String.join("\n", messages);
        assertTrue(message.contains("tokenrefresh.refresh-threshold=\"ten minutes\""), message);
        assertTrue(message.contains("tokenrefresh.replay=\"sometimes\""), message);
        assertTrue(message.contains("2 problems"), message);
        assertEquals(404, harness.get("/api/data", null).statusCode());
        assertEquals(0, harness.api.invocations.get());
    }
}
