package org.tokenrefresh.internal.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Map;

/**
 * Finds the application's own servlet mapped over one of the library's endpoint paths, so that the
 * application's endpoints always win ({@code docs/architecture.md}, "The application's own auth"). Decided
 * once, when the filter starts, from the servlet mappings the container knows at that time (those of
 * {@code web.xml}, annotations and every initializer, including a JAX-RS application's servlet:
 * {@code @ApplicationPath("api")} maps {@code /api/*}). Never at request time.
 *
 * <p>A mapping covers a path when it is that exact path, a path mapping ({@code /api/*}) that contains it,
 * or {@code /*}. The default servlet ({@code /}) and extension mappings ({@code *.jsp}) do not count.
 */
final class EndpointCollisions {

    private final ServletContext context;

    EndpointCollisions(ServletContext context) {
        this.context = context;
    }

    /** The name of the application's servlet that serves {@code path}, or {@code null}. */
    String owner(String path) {
        if (context == null) {
            return null;
        }
        Map<String, ? extends ServletRegistration> registrations;
        try {
            registrations = context.getServletRegistrations();
        } catch (RuntimeException e) {
            return null; // a container that does not tell: nothing known to collide
        }
        String owner = null;
        int best = -1;
        for (ServletRegistration registration : registrations.values()) {
            for (String mapping : registration.getMappings()) {
                int strength = strength(mapping, path);
                if (strength > best) {
                    best = strength;
                    owner = registration.getName() + " (" + registration.getClassName() + ", mapped to " + mapping + ")";
                }
            }
        }
        return owner;
    }

    /** How specifically a mapping matches (Servlet 6.0 section 12.1: exact, then longest path prefix); -1: not at all. */
    static int strength(String mapping, String path) {
        if (!covers(mapping, path)) {
            return -1;
        }
        return mapping.endsWith("/*") ? mapping.length() : Integer.MAX_VALUE;
    }

    /** Servlet mapping rules (Servlet 6.0 section 12.2) for the cases that can shadow an exact path. */
    static boolean covers(String mapping, String path) {
        if (mapping == null || mapping.isEmpty() || mapping.equals("/") || mapping.startsWith("*.")) {
            return false;
        }
        if (mapping.equals("/*")) {
            return true;
        }
        if (mapping.endsWith("/*")) {
            String prefix = mapping.substring(0, mapping.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return mapping.equals(path);
    }
}
