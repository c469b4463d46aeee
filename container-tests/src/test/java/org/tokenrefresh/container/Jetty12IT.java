package org.tokenrefresh.container;

import org.tokenrefresh.container.server.JettyServer;

/** Jetty 12, ee10 environment, filter only. */
class Jetty12IT extends ContainerScenarios {

    Jetty12IT() {
        super(new JettyServer());
    }
}
