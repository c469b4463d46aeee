package org.tokenrefresh.ee.it.inwar;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;
import java.util.Map;
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
        // alice and bob: users whose trouble must stay theirs (issue 9)
        backend = MockAuthBackend.builder().accessTokenLifetime(ACCESS_TTL)
                .users(Map.of("demo", "demo", "alice", "alice", "bob", "bob")).build();
        MockAuthServlet.register(event.getServletContext(), "/mock-auth/*", backend);
    }

    /** The backend of the running test WAR. */
    public static MockAuthBackend backend() {
        return backend;
    }
}
