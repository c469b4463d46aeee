package org.tokenrefresh.container;

import org.tokenrefresh.container.server.TomcatServer;

/** Tomcat 11 (Servlet 6.1), filter only. */
class Tomcat11IT extends ContainerScenarios {

    Tomcat11IT() {
        super(TomcatServer.tomcat11());
    }
}
