package org.tokenrefresh.container;

import org.tokenrefresh.container.server.WildFlyServer;

/**
 * WildFly's {@code standalone-microprofile.xml}: the filter, CDI events and MicroProfile Config, but no EJB
 * subsystem, so the {@code @Schedule} background monitor never runs there.
 */
class WildFlyMicroProfileIT extends EeContainerScenarios {

    WildFlyMicroProfileIT() {
        super(WildFlyServer.microprofile(), Store.MEMORY, false, false);
    }
}
