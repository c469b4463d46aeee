package org.tokenrefresh.container;

import org.tokenrefresh.container.server.TomcatServer;

/** Tomcat 10.1 (Servlet 6.0), filter only. */
class Tomcat10IT extends ContainerScenarios {

    Tomcat10IT() {
        super(TomcatServer.tomcat10());
    }
}
