package org.tokenrefresh.testsupport.ownauth;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The application's JAX-RS API at {@code /api}: its implementation's initializer maps a servlet named after this
 * class over {@code /api/*}, which covers the library's default endpoints path.
 */
@ApplicationPath("/api")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(StatusResource.class);
    }
}
