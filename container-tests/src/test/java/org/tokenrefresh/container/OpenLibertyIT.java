package org.tokenrefresh.container;

import org.tokenrefresh.container.server.OpenLibertyServer;

/**
 * Open Liberty with only the features the library uses (servlet, CDI, Enterprise Beans Lite, MicroProfile
 * Config): no JCache offered to applications, no mpMetrics feature, so the in-memory store and no metrics.
 */
class OpenLibertyIT extends EeContainerScenarios {

    OpenLibertyIT() {
        super(new OpenLibertyServer(), Store.MEMORY, false, true);
    }
}
