package org.tokenrefresh.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContainerInitializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokenrefresh.testsupport.war.ClassPathInitializer;
import org.tokenrefresh.testsupport.war.WarInitializer;
import org.tokenrefresh.testsupport.war.WarServlet;

/** A WAR file deployed the way Tomcat deploys one, with what it holds and nothing from the test class path. */
class EmbeddedTomcatWarTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    @Test
    void warRunsItsAnnotatedServletAndTheInitializerOfItsLibraryJarButNothingOfTheClassPathButTheServersApi() throws Exception {
        Path war = war(dir.resolve("shop.war"));
        assertTrue(ServiceLoader.load(ServletContainerInitializer.class).stream()
                .anyMatch(p -> p.type() == ClassPathInitializer.class), "an initializer is registered on the class path");
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.withWar("/shop", war)) {
            tomcat.addContextParameter("self", "unset").start();

            HttpResponse<String> page = get(tomcat.url("/war"));

            assertEquals(200, page.statusCode(), page.body());
            assertEquals("war-initializer null unset not-Await sees-Servlet", page.body());
            HttpResponse<String> file = get(tomcat.url("/hello.txt"));
            assertEquals(200, file.statusCode(), "static files from the default servlet");
            assertEquals("hello", file.body());
        }
    }

    @Test
    void bindTellsThePortBeforeStartSoTheApplicationCanBeGivenItsOwnUrl() throws Exception {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.withWar("", war(dir.resolve("ROOT.war")))) {
            assertThrows(IllegalStateException.class, tomcat::port, "no port before bind");
            tomcat.bind();
            String self = tomcat.url("/");
            tomcat.addContextParameter("self", self).start();

            assertEquals("war-initializer null " + self + " not-Await sees-Servlet", get(tomcat.url("/war")).body());
            assertEquals("http://127.0.0.1:" + tomcat.port() + "/", self);
        }
    }

    @Test
    void aMissingWarFileFailsAtOnceNamingIt() {
        Path missing = dir.resolve("none.war");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedTomcat.withWar("/x", missing));
        assertEquals("no WAR file at " + missing, e.getMessage());
        assertFalse(Files.exists(missing));
    }

    /** WEB-INF/classes holds the servlet; WEB-INF/lib/init.jar the initializer and its services entry. */
    private static Path war(Path file) throws IOException {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            addClass(zip, "", WarInitializer.class);
            add(zip, "META-INF/services/jakarta.servlet.ServletContainerInitializer",
                    WarInitializer.class.getName().getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            addClass(zip, "WEB-INF/classes/", WarServlet.class);
            add(zip, "hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
            add(zip, "WEB-INF/lib/init.jar", jar.toByteArray());
        }
        return file;
    }

    private static void addClass(ZipOutputStream zip, String prefix, Class<?> type) throws IOException {
        String name = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
            add(zip, prefix + name, in.readAllBytes());
        }
    }

    private static void add(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
