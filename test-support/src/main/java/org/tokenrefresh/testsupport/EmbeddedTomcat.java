package org.tokenrefresh.testsupport;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * A real Tomcat 11 in this JVM, with one web application, listening on 127.0.0.1 on a port the operating system
 * picks. Generic: the caller adds the servlets, filters, initializers and context parameters under test, or
 * deploys a whole WAR file ({@link #withWar}).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * try (EmbeddedTomcat tomcat = EmbeddedTomcat.onLoopback("/app")) {
 *     tomcat.addServlet("api", new ApiServlet(), "/api/*")
 *           .addFilter("auth", new AuthFilter(), "/*")
 *           .start();
 *     HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(tomcat.url("/api/x"))).build(), ofString());
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Filters are mapped in the order they are added, after those already mapped, and support async.</li>
 *   <li>{@link #context()} gives Tomcat's {@link Context} for anything else (e.g. a filter mapped first).</li>
 *   <li>{@link #bind()} binds the port before {@link #start()}, for an application that must be told its own URL
 *       (a context parameter added between the two).</li>
 *   <li>{@link #close()} stops and destroys the server, then closes what {@link #closeAfterStop} registered (the
 *       engine behind a filter, a mock backend) and deletes the temporary base directory.</li>
 *   <li>Needs {@code org.apache.tomcat.embed:tomcat-embed-core} on the class path (test-support declares it
 *       optional).</li>
 * </ul>
 */
public final class EmbeddedTomcat implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final Context context;
    private final String contextPath;
    private final Path baseDir;
    private final List<AutoCloseable> closeAfterStop = new ArrayList<>();

    private EmbeddedTomcat(String contextPath, Map<String, String> connectorProperties, Path war) throws IOException {
        this.contextPath = contextPath;
        this.baseDir = Files.createTempDirectory("tomcat-");
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", Loopback.ADDRESS);
        connectorProperties.forEach(connector::setProperty);
        tomcat.setConnector(connector);
        if (war == null) {
            context = tomcat.addContext(contextPath, null);
        } else {
            Files.createDirectories(baseDir.resolve("webapps")); // the host's appBase, where the WAR is expanded
            tomcat.setAddDefaultWebXmlToWebapp(false); // its defaults include a JSP servlet, and Jasper is not here
            context = tomcat.addWebapp(contextPath, war.toAbsolutePath().toString());
            Wrapper files = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
            files.setLoadOnStartup(1);
            files.setOverridable(true);
            context.addServletMappingDecoded("/", "default");
            context.addWelcomeFile("index.html");
            Tomcat.addDefaultMimeTypeMappings(context);
            // The WAR holds what it needs: neither this JVM's class path nor its initializers take part.
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            scanner.setScanManifest(false);
            context.setJarScanner(scanner);
            context.setContainerSciFilter(".*");
            context.setParentClassLoader(new ServerClassLoader(EmbeddedTomcat.class.getClassLoader()));
        }
    }

    /** A server (not started yet) with one application at the context path ({@code ""} for the root). */
    public static EmbeddedTomcat onLoopback(String contextPath) throws IOException {
        return onLoopback(contextPath, Map.of());
    }

    /**
     * Same, with properties of the HTTP connector, e.g. {@code maxThreads} and {@code acceptCount} for load tests
     * ({@code address} and {@code port} are the loopback ones).
     */
    public static EmbeddedTomcat onLoopback(String contextPath, Map<String, String> connectorProperties) throws IOException {
        return new EmbeddedTomcat(contextPath, connectorProperties, null);
    }

    /**
     * A server (not started yet) that deploys the WAR file at the context path as Tomcat deploys one: its
     * {@code web.xml}, annotations and web fragments, the initializers of its {@code WEB-INF/lib} jars, its own class
     * loader, Tomcat's default servlet for its static files (no JSP: Jasper is not included). The WAR runs with what it
     * holds, as on a server: from this JVM's class path it sees only what a server's {@code lib} provides (the Jakarta
     * APIs and Tomcat), and the class path is neither scanned nor asked for initializers.
     */
    public static EmbeddedTomcat withWar(String contextPath, Path war) throws IOException {
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException("no WAR file at " + war);
        }
        return new EmbeddedTomcat(contextPath, Map.of(), war);
    }

    /** Adds a servlet under a unique name, mapped to the URL patterns. */
    public EmbeddedTomcat addServlet(String name, Servlet servlet, String... urlPatterns) {
        Tomcat.addServlet(context, name, servlet);
        for (String pattern : urlPatterns) {
            context.addServletMappingDecoded(pattern, name);
        }
        return this;
    }

    /** Adds a filter under a unique name, mapped to the URL patterns after the filters mapped so far. */
    public EmbeddedTomcat addFilter(String name, Filter filter, String... urlPatterns) {
        FilterDef definition = new FilterDef();
        definition.setFilterName(name);
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName(name);
        for (String pattern : urlPatterns) {
            mapping.addURLPattern(pattern);
        }
        context.addFilterMap(mapping);
        return this;
    }

    /** Adds a servlet container initializer, as a jar's {@code META-INF/services} entry would. */
    public EmbeddedTomcat addInitializer(ServletContainerInitializer initializer) {
        context.addServletContainerInitializer(initializer, null);
        return this;
    }

    /** Adds a context parameter, as a {@code <context-param>} in {@code web.xml} would. */
    public EmbeddedTomcat addContextParameter(String name, String value) {
        context.addParameter(name, value);
        return this;
    }

    /**
     * A resource {@link #close()} closes after the server has stopped, in the order registered: what the
     * application's filters and servlets use (an engine, a backend they call), so that no request meets it closed.
     */
    public EmbeddedTomcat closeAfterStop(AutoCloseable resource) {
        closeAfterStop.add(resource);
        return this;
    }

    /** Tomcat's application context, for what this class does not wrap. */
    public Context context() {
        return context;
    }

    /**
     * Binds the port without starting the application (Tomcat's {@code init}): afterwards {@link #port()} and
     * {@link #url} are known, and context parameters may still be added. {@link #start()} does it when not done.
     */
    public EmbeddedTomcat bind() throws LifecycleException {
        tomcat.init();
        return this;
    }

    /** Starts the server; afterwards {@link #port()} is the bound port. */
    public EmbeddedTomcat start() throws LifecycleException {
        tomcat.start();
        return this;
    }

    /** The port the server listens on (after {@link #bind()} or {@link #start()}). */
    public int port() {
        int port = tomcat.getConnector().getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return Loopback.httpUrl(port());
    }

    /** The URL of a path in the application: base URL, context path, then the path. */
    public String url(String path) {
        return baseUrl() + contextPath + path;
    }

    /** Stops the server: filters and servlets are destroyed. {@link #close()} is still needed. */
    public void stop() throws LifecycleException {
        tomcat.stop();
    }

    /**
     * Stops and destroys the server, closes the resources given to {@link #closeAfterStop} and deletes the base
     * directory, all of them even when one fails (the first failure is thrown, the others are suppressed in it).
     */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        List<AutoCloseable> steps = new ArrayList<>();
        steps.add(tomcat::stop);
        steps.add(tomcat::destroy);
        steps.addAll(closeAfterStop);
        steps.add(() -> FileTrees.delete(baseDir));
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
