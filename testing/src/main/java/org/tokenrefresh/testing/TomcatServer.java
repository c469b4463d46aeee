package org.tokenrefresh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.LifecycleException;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.tokenrefresh.testsupport.EmbeddedTomcat;
import org.tokenrefresh.testsupport.FileTrees;

/**
 * Runs a test WAR on an embedded Tomcat 11 in the test JVM, on 127.0.0.1 and a port the operating system picks: the
 * plain-JUnit counterpart of Arquillian, for the same {@link TokenRefreshDeployment} and {@link TestUser}.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * try (TomcatServer app = TomcatServer.deploy(TokenRefreshDeployment.of(war).withLibrary(Library.MAVEN_JARS)
 *         .authBackend(AUTH).build())) {
 *     TestUser user = TestUser.of(app.url(), AUTH).login("demo", "demo");
 *     ...
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>The WAR is deployed as Tomcat deploys one: {@code web.xml}, annotations, web fragments, the initializers of
 *       its {@code WEB-INF/lib} jars (so the library registers itself, as on any server), its own class loader. The test
 *       class path is not scanned and its initializers are not run.</li>
 *   <li>Tomcat has no MicroProfile Config: the keys {@link TokenRefreshDeployment} set become context parameters, the
 *       server's own port filled in.</li>
 *   <li>A WAR that fails to start (a bad {@code tokenrefresh.*} setting, say) fails {@link #deploy} with an
 *       {@link IllegalStateException}; the reason is in the log above it.</li>
 *   <li>Needs {@code org.apache.tomcat.embed:tomcat-embed-core} on the test class path, and the Servlet API jar
 *       kept off it (Tomcat 11 brings Servlet 6.1): surefire's {@code classpathDependencyExcludes}.</li>
 * </ul>
 */
public final class TomcatServer implements AutoCloseable {

    private final EmbeddedTomcat tomcat;
    private final URL url;

    private TomcatServer(EmbeddedTomcat tomcat, URL url) {
        this.tomcat = tomcat;
        this.url = url;
    }

    /**
     * Starts a Tomcat running the WAR at its context path; returns when the application is up. Fails with an
     * {@link IllegalStateException} when it does not start.
     */
    public static TomcatServer deploy(WebArchive war) {
        EmbeddedTomcat tomcat;
        try {
            Path directory = Files.createTempDirectory("token-refresh-war-");
            Path file = directory.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            tomcat = EmbeddedTomcat.withWar(TokenRefreshDeployment.contextPath(war), file)
                    .closeAfterStop(() -> FileTrees.delete(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + war.getName() + " for Tomcat", e);
        }
        try {
            tomcat.bind();
            String port = String.valueOf(tomcat.port());
            for (Map.Entry<String, String> key : WarConfig.read(war).entrySet()) {
                tomcat.addContextParameter(key.getKey(), key.getValue().replace(WarConfig.SERVER_PORT, port));
            }
            tomcat.start();
            if (!tomcat.context().getState().isAvailable()) {
                throw new IllegalStateException(war.getName() + " did not start on Tomcat (" + tomcat.context().getState()
                        + "): see the log above");
            }
            return new TomcatServer(tomcat, url(tomcat.url("/")));
        } catch (LifecycleException | RuntimeException | Error e) {
            IllegalStateException failed = e instanceof IllegalStateException started ? started
                    : new IllegalStateException(war.getName() + " did not start on Tomcat: " + e, e);
            try {
                tomcat.close();
            } catch (Exception closing) {
                failed.addSuppressed(closing);
            }
            throw failed;
        }
    }

    private static URL url(String text) {
        try {
            return URI.create(text).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application's URL, ending with {@code /}: {@code http://127.0.0.1:<port>/<context>/}. */
    public URL url() {
        return url;
    }

    /** Stops Tomcat and removes what it left on disk; a failure to do so is an {@link IllegalStateException}. */
    @Override
    public void close() {
        try {
            tomcat.close();
        } catch (Exception e) {
            throw new IllegalStateException("Tomcat did not stop cleanly: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "TomcatServer[" + url + "]";
    }
}
