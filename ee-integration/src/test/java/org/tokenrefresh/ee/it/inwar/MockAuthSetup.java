package org.tokenrefresh.ee.it.inwar;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthServlet;

/** Deploys the mock auth backend in the test WAR at {@code /mock-auth/*}; tests reach it through {@link #backend()}. */
@WebListener
public class MockAuthSetup implements ServletContextListener {

    /** Lifetime of the access tokens it issues unless a test changes it. */
    public static final Duration ACCESS_TTL = Duration.ofSeconds(60);
    private static volatile MockAuthBackend backend;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        backend = MockAuthBackend.builder().accessTokenLifetime(ACCESS_TTL).build();
        MockAuthServlet.register(event.getServletContext(), "/mock-auth/*", backend);
    }

    /** The backend of the running test WAR. */
    public static MockAuthBackend backend() {
        return backend;
    }
}
