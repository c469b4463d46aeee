package org.tokenrefresh.ee.internal.cluster;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.CacheManager;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the container's own JCache {@link CacheManager}: a CDI bean, else JNDI {@code payara/CacheManager}.
 * Never {@code Caching.getCachingProvider()}: on Payara that can start a second Hazelcast instance beside
 * the container's.
 */
public final class ContainerCaches {

    private static final Logger LOG = Logger.getLogger(ContainerCaches.class.getName());
    /** Payara's JNDI name of its JCache manager. */
    public static final String PAYARA_JNDI_NAME = "payara/CacheManager";

    private ContainerCaches() {
    }

    /** The container's cache manager, or {@code null} when it has none. */
    public static CacheManager find() {
        try {
            Instance<CacheManager> bean = CDI.current().select(CacheManager.class);
            if (bean.isResolvable()) {
                return bean.get();
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "No CacheManager bean", e);
        }
        try {
            Object found = new InitialContext().lookup(PAYARA_JNDI_NAME);
            if (found instanceof CacheManager) {
                return (CacheManager) found;
            }
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "No CacheManager in JNDI at " + PAYARA_JNDI_NAME, e);
        }
        return null;
    }
}
