package org.tokenrefresh.testing.internal;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthServlet;

/**
 * Starts the mock auth backend inside a test WAR, below the path and with the settings that
 * {@code TokenRefreshDeployment.withMockAuth} wrote into {@value #SETTINGS_RESOURCE}. Public because the container
 * instantiates it; no compatibility promise. It is registered only in the WAR's generated jar, never by the kit's own
 * jar, so that no other application in the test JVM starts a mock.
 */
public final class MockAuthInitializer implements ServletContainerInitializer {

    /** The settings: {@value #PATH} plus the mock's own keys. */
    public static final String SETTINGS_RESOURCE = "META-INF/token-refresh-testing/mock-auth.properties";
    /** The key of the path the mock is served below, such as {@code /mock-auth}. */
    public static final String PATH = "path";

    private static final Logger LOG = Logger.getLogger(MockAuthInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Properties settings = new Properties();
        try (InputStream in = context.getClassLoader().getResourceAsStream(SETTINGS_RESOURCE)) {
            if (in == null) {
                throw new ServletException(SETTINGS_RESOURCE + " is missing from the WAR");
            }
            settings.load(in);
        } catch (IOException e) {
            throw new ServletException("cannot read " + SETTINGS_RESOURCE, e);
        }
        String path = settings.getProperty(PATH);
        MockAuthBackend backend;
        try {
            backend = MockAuthBackend.builder().configure(settings::getProperty).build();
        } catch (IllegalArgumentException e) {
            throw new ServletException(e.getMessage(), e);
        }
        MockAuthServlet.register(context, path + "/*", backend);
        LOG.info("Mock auth backend of the test WAR at " + context.getContextPath() + path + " (token-refresh-testing)");
    }
}
