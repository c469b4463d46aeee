package org.tokenrefresh;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import org.tokenrefresh.internal.servlet.FilterSetup;
import org.tokenrefresh.internal.config.TokenRefreshSettings;
import org.tokenrefresh.internal.config.InvalidSettingsException;

/**
 * Registers {@link TokenRefreshFilter} for {@code /*} when the jar is in {@code WEB-INF/lib}: no
 * {@code web.xml} change needed. The mapping is added with {@code isMatchAfter=false}, so the filter runs
 * before the filters the application declares, including those that check authentication.
 *
 * <p>Steps aside when {@code tokenrefresh.enabled=false}, or when the application already declares the
 * filter itself (in {@code web.xml} or programmatically). An invalid configuration fails the deployment
 * here, with one message that lists every bad key.
 */
public final class TokenRefreshInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(TokenRefreshInitializer.class.getName());

    /** Name of the automatic registration. */
    public static final String FILTER_NAME = "tokenRefreshFilter";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (TokenRefreshFilter.class.getName().equals(registration.getClassName())) {
                LOG.fine("TokenRefreshFilter declared by the application as " + registration.getName()
                        + "; not registering it again");
                return;
            }
        }
        TokenRefreshSettings settings;
        try {
            // warnings are logged once, by the filter's init
            settings = FilterSetup.settings(context, null, warning -> { });
        } catch (IllegalStateException e) {
            LOG.severe(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        if (!settings.enabled()) {
            LOG.info("Token refresh disabled (tokenrefresh.enabled=false) for " + context.getContextPath());
            return;
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, TokenRefreshFilter.class);
        if (registration == null) {
            return; // a filter of that name exists: the application took control
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
