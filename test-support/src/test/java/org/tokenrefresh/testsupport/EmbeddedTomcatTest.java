package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.catalina.Engine;
import org.junit.jupiter.api.Test;

class EmbeddedTomcatTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Answers with the context parameter "greeting" and the header the filters added. */
    static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write(getServletContext().getInitParameter("greeting") + " " + request.getAttribute("seen"));
        }
    }

    private static Filter marking(String mark) {
        return (request, response, chain) -> {
            Object seen = request.getAttribute("seen");
            request.setAttribute("seen", seen == null ? mark : seen + mark);
            chain.doFilter(request, response);
        };
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheApplicationOnLoopbackWithFiltersInTheOrderAdded() throws Exception {
        Path baseDir;
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.onLoopback("/app")) {
            tomcat.addServlet("echo", new Echo(), "/echo/*")
                    .addFilter("first", marking("1"), "/*")
                    .addFilter("second", marking("2"), "/echo/*")
                    .addContextParameter("greeting", "hello")
                    .start();
            baseDir = Path.of(tomcat.context().getCatalinaBase().getPath());

            assertTrue(tomcat.port() > 0);
            assertEquals("http://127.0.0.1:" + tomcat.port() + "/app/echo/x", tomcat.url("/echo/x"));
            HttpResponse<String> response = get(tomcat.url("/echo/x"));
            assertEquals(200, response.statusCode());
            assertEquals("hello 12", response.body());
            assertTrue(Files.isDirectory(baseDir));
        }
        assertFalse(Files.exists(baseDir), "base directory removed on close");
    }

    @Test
    void runsInitializersAndTakesConnectorProperties() throws Exception {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.onLoopback("", Map.of("maxThreads", "7"))) {
            tomcat.addInitializer((Set<Class<?>> classes, jakarta.servlet.ServletContext context) ->
                    context.addServlet("registered", new Echo()).addMapping("/registered"));
            tomcat.addContextParameter("greeting", "hi").start();

            assertEquals("hi null", get(tomcat.url("/registered")).body());
            Engine engine = (Engine) tomcat.context().getParent().getParent();
            assertEquals("7", String.valueOf(engine.getService().findConnectors()[0].getProperty("maxThreads")));
            assertTrue(String.valueOf(engine.getService().findConnectors()[0].getProperty("address")).endsWith("127.0.0.1"));
        }
    }
}
