package org.tokenrefresh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.tokenrefresh.TokenRefreshFilter;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.engine.RefreshEngine;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthHttpServer;
import org.tokenrefresh.mockauth.TokenSet;
import org.tokenrefresh.testing.MutableClock;

/**
 * A real Tomcat 11 on 127.0.0.1 with the filter in front of a protected servlet, and a real mock auth
 * backend over HTTP on 127.0.0.1 with rotating single-use refresh tokens. Backend, application and
 * engine share one {@link MutableClock}, so tests move time instead of sleeping.
 */
final class TomcatHarness implements AutoCloseable {

    final MutableClock clock = MutableClock.atEpochSecond(1_900_000_000L);
    final MockAuthHttpServer auth;
    final MockAuthBackend backend;
    final Tomcat tomcat = new Tomcat();
    final ProtectedApiServlet api;
    final java.util.concurrent.ExecutorService clientThreads = java.util.concurrent.Executors.newFixedThreadPool(64);
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build();
    RefreshEngine engine;
    final Context context;
    final File baseDir;

    TomcatHarness(Map<String, String> settings) throws Exception {
        this(settings, builder -> { });
    }

    TomcatHarness(Map<String, String> settings, Consumer<RefreshEngine.Builder> customizer) throws Exception {
        this(settings, customizer, "/api/*");
    }

    /** @param apiMapping where the protected servlet is mapped ({@code /api/*} as in the seed's applications) */
    TomcatHarness(Map<String, String> settings, Consumer<RefreshEngine.Builder> customizer, String apiMapping) throws Exception {
        backend = MockAuthBackend.builder().clock(clock).accessTokenLifetime(Duration.ofSeconds(60)).build();
        auth = new MockAuthHttpServer(backend).start();
        api = new ProtectedApiServlet(backend);
        baseDir = Files.createTempDirectory("tomcat").toFile();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        context = tomcat.addContext("/app", null);
        Tomcat.addServlet(context, "api", api);
        context.addServletMappingDecoded(apiMapping, "api");
        // as in every Tomcat web application (conf/web.xml): without a servlet for a path, filters never run
        Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        context.addServletMappingDecoded("/", "default");
        Tomcat.addServlet(context, "echo", new jakarta.servlet.http.HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                    throws java.io.IOException {
                response.setContentType("text/plain");
                response.getWriter().write(String.valueOf(request.getHeader("Cookie")));
            }
        });
        context.addServletMappingDecoded("/echo/*", "echo");
        if (settings != null) {
            Map<String, String> all = new HashMap<>();
            all.put("backend-url", auth.baseUrl() + "/api/auth/refresh");
            all.put("connect-timeout", "1s");
            all.put("response-timeout", "2s");
            all.put("retry-delay", "10ms");
            // "${auth}" in a value stands for the mock auth backend's base URL
            settings.forEach((key, value) -> all.put(key, value.replace("${auth}", auth.baseUrl())));
            RefreshEngine.Builder builder = RefreshEngine.builder(TokenRefreshSettings.of(all)).clock(clock)
                    .sleeper(clock::advance);
            customizer.accept(builder);
            engine = builder.build();
            FilterDef def = new FilterDef();
            def.setFilterName("tokenRefresh");
            def.setFilter(new TokenRefreshFilter(engine));
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("tokenRefresh");
            map.addURLPattern("/*");
            context.addFilterMap(map);
        }
    }

    TomcatHarness start() throws LifecycleException {
        tomcat.start();
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app" + path;
    }

    TokenSet login() {
        return backend.login("demo", "demo");
    }

    HttpResponse<String> get(String path, String cookieHeader, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), cookieHeader, headers);
    }

    HttpResponse<String> post(String path, String body, String cookieHeader, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(body)), cookieHeader, headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String cookieHeader, String... headers) throws IOException, InterruptedException {
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookies(TokenSet tokens) {
        return "authToken=" + tokens.accessToken() + "; refreshToken=" + tokens.refreshToken();
    }

    /** The Set-Cookie headers of a response by cookie name. */
    static Map<String, String> setCookies(HttpResponse<?> response) {
        Map<String, String> found = new HashMap<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            found.put(header.substring(0, header.indexOf('=')), header);
        }
        return found;
    }

    /** The value of a cookie set by a response. */
    static String cookieValue(HttpResponse<?> response, String name) {
        String header = setCookies(response).get(name);
        assertTrue(header != null, "no Set-Cookie for " + name + " in " + response.headers().allValues("Set-Cookie"));
        int start = header.indexOf('=') + 1;
        int end = header.indexOf(';');
        return header.substring(start, end < 0 ? header.length() : end);
    }

    static List<String> names(Map<String, String> setCookies) {
        return new ArrayList<>(setCookies.keySet());
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
            clientThreads.shutdownNow();
        }
    }
}
