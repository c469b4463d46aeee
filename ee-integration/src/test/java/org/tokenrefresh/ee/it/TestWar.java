package org.tokenrefresh.ee.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.tokenrefresh.ee.it.app.ProtectedServlet;
import org.tokenrefresh.ee.it.inwar.MockAuthSetup;
import org.tokenrefresh.ee.it.relay.RelayResource;
import org.tokenrefresh.mockauth.MockAuthBackend;

/**
 * Builds the test WARs the way an application gets the library: {@code token-refresh-ee.jar},
 * {@code token-refresh-filter.jar} and their runtime dependencies in {@code WEB-INF/lib}, nothing in
 * {@code web.xml}. Reusable by every in-container test of the project:
 * <pre>
 * &#64;Deployment
 * static WebArchive deployment() {
 *     return TestWar.named("tokenrefresh-it").withLibrary().withTestApplication().withMockAuthBackend()
 *             .withClasses(MyResource.class).build();
 * }
 * </pre>
 * The library is the filter's {@code -all} jar (copied to {@code target/it-lib} by maven-dependency-plugin)
 * plus this module's classes, packed as a jar of their own.
 */
public final class TestWar {

    private final WebArchive war;

    private TestWar(String name) {
        this.war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                        + " bean-discovery-mode=\"annotated\"/>"), "beans.xml");
    }

    /** A WAR whose context root is {@code name}. */
    public static TestWar named(String name) {
        return new TestWar(name);
    }

    /**
     * The library in {@code WEB-INF/lib} as a user without Maven installs it: the filter's one {@code -all} jar
     * (its dependencies relocated inside) plus this module's jar.
     */
    public TestWar withLibrary() {
        File oneJar = new File(System.getProperty("it.one-jar", "target/it-lib/token-refresh-filter-all.jar"));
        if (!oneJar.isFile()) {
            throw new IllegalStateException("Run through Maven (failsafe) so that " + oneJar + " exists");
        }
        war.addAsLibrary(oneJar);
        addLibrary(new File(System.getProperty("it.library-classes", "target/classes")));
        return this;
    }

    private void addLibrary(File entry) {
        if (entry.isDirectory()) {
            // .../filter/target/classes -> filter-classes.jar
            String module = entry.getAbsoluteFile().getParentFile().getParentFile().getName();
            war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "token-refresh-" + module + ".jar")
                    .as(ExplodedImporter.class).importDirectory(entry).as(JavaArchive.class));
        } else if (entry.getName().endsWith(".jar")) {
            war.addAsLibrary(entry);
        }
    }

    /** The legacy-style test application: {@code /api/*} checks the access token, {@code /public/*} does not. */
    public TestWar withTestApplication() {
        war.addPackage(ProtectedServlet.class.getPackage());
        return this;
    }

    /**
     * A JAX-RS application at {@code /rs} relaying the user's token to a downstream API in the same WAR,
     * through a JAX-RS client and a MicroProfile Rest Client (needs {@link #withMockAuthBackend()}).
     */
    public TestWar withRelayApplication() {
        war.addPackage(RelayResource.class.getPackage());
        return this;
    }

    /** The mock auth backend inside the WAR, at {@code /mock-auth/*}, as a jar in {@code WEB-INF/lib}. */
    public TestWar withMockAuthBackend() {
        war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "mock-auth-backend.jar")
                .addPackage(MockAuthBackend.class.getPackage()));
        war.addPackage(MockAuthSetup.class.getPackage());
        return this;
    }

    /** {@code WEB-INF/classes/META-INF/microprofile-config.properties}. */
    public TestWar withMicroProfileConfig(String properties) {
        war.addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
        return this;
    }

    public TestWar withClasses(Class<?>... classes) {
        war.addClasses(classes);
        return this;
    }

    public WebArchive build() {
        return war;
    }

    /** Writes the WAR for a plain Payara Micro process; returns its path. */
    public Path exportTo(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = directory.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }
}
