package org.tokenrefresh.ee.internal;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reaches the module's CDI beans from the plug-in, which {@link java.util.ServiceLoader} creates outside
 * CDI. Every failure (no CDI in the container, a bean whose API is missing) gives {@code null}.
 */
final class CdiBeans {

    private static final Logger LOG = Logger.getLogger(CdiBeans.class.getName());

    private CdiBeans() {
    }

    static <T> T get(Class<T> type) {
        try {
            Instance<T> bean = CDI.current().select(type);
            return bean.isResolvable() ? bean.get() : null;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "No CDI bean " + type.getName(), e);
            return null;
        }
    }
}
