package org.tokenrefresh.internal.config;

import java.util.List;

/**
 * Implemented by the plug-in of {@code token-refresh-ee}, which reads the keys declared with
 * {@link Key.Module#EE}: when no loaded plug-in implements it, such keys have no effect and give a WARNING.
 */
public interface EeKeys {

    /** Whether one of the plug-ins reads the ee keys. */
    static boolean readBy(List<?> plugins) {
        for (Object plugin : plugins) {
            if (plugin instanceof EeKeys) {
                return true;
            }
        }
        return false;
    }
}
