package com.example.orders;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;
import org.tokenrefresh.mockauth.MockAuthBackend;
import org.tokenrefresh.mockauth.MockAuthServlet;

/**
 * Deploys the mock auth server beside the application, under {@code /mock-auth/*}, so that the sample
 * needs nothing else. In a real deployment the auth server is a separate service; only
 * {@code orders.auth-server} and the library's {@code tokenrefresh.backend-url} would point elsewhere.
 *
 * <p>Configured by {@code mockauth.*} keys (MicroProfile Config: the properties file, then system
 * properties such as {@code -Dmockauth.access-ttl=10s}).
 */
@WebListener
public class AuthServerDeployment implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AuthServerDeployment.class.getName());
    static final String MAPPING = "/mock-auth/*";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        MockAuthBackend backend = MockAuthBackend.builder()
                .configure(key -> OrdersConfig.value("mockauth." + key).orElse(null))
                .build();
        MockAuthServlet.register(context, MAPPING, backend);
        // orders.url is set by the README's run command; otherwise the root of wherever this is deployed
        String where = OrdersConfig.value("orders.url")
                .orElse("the application root " + (context.getContextPath().isEmpty() ? "/" : context.getContextPath() + "/"));
        LOG.info("\n"
                + "  ===============================================================\n"
                + "   Acme Orders sample: open " + where + "\n"
                + "   Demo credentials:  user demo  /  password demo\n"
                + "   Access tokens live " + backend.accessTokenLifetime().getSeconds()
                + " s; the dashboard shows every refresh.\n"
                + "  ===============================================================");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        // the backend holds memory only
    }
}
