package org.tokenrefresh.testsupport;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of a deployed WAR's class loader in {@link EmbeddedTomcat#withWar}: what a server's {@code lib} gives an
 * application (the JDK, the Jakarta APIs and Tomcat's own classes), and nothing else of the test class path. Without
 * it, a WAR would see the test's copies of the libraries it holds itself, and a service file of a jar on the class path
 * would name a class the WAR loads from its own jar ("not a subtype").
 */
final class ServerClassLoader extends ClassLoader {

    /** Resource-name prefixes a server provides; classes by their resource names ({@code jakarta/servlet/...}). */
    private static final List<String> SERVER_PROVIDED = List.of("jakarta/", "org/apache/catalina/", "org/apache/coyote/",
            "org/apache/tomcat/", "org/apache/juli/", "org/apache/naming/", "org/apache/el/", "org/apache/jasper/");

    private final ClassLoader server;

    ServerClassLoader(ClassLoader server) {
        super("embedded-tomcat-server", ClassLoader.getPlatformClassLoader());
        this.server = server;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (provided(name.replace('.', '/'))) {
            return server.loadClass(name);
        }
        throw new ClassNotFoundException(name + " (not in the WAR, and not something the server provides)");
    }

    @Override
    protected URL findResource(String name) {
        return provided(name) ? server.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return provided(name) ? server.getResources(name) : Collections.emptyEnumeration();
    }

    private static boolean provided(String resourceName) {
        for (String prefix : SERVER_PROVIDED) {
            if (resourceName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
