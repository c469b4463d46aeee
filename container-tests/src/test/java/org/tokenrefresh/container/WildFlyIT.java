package org.tokenrefresh.container;

import org.tokenrefresh.container.server.WildFlyServer;

/**
 * WildFly's default profile, {@code standalone.xml}: the filter, CDI events, the {@code @Schedule} monitor (EJB
 * Lite) and MicroProfile Config. No JCache for applications and no MicroProfile Metrics: the in-memory store.
 */
class WildFlyIT extends EeContainerScenarios {

    WildFlyIT() {
        super(WildFlyServer.standalone(), Store.MEMORY, false, true);
    }
}
