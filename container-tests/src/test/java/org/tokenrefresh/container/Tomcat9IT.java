package org.tokenrefresh.container;

import org.tokenrefresh.container.server.TomcatServer;

/** Tomcat 9 (Servlet 4.0, javax): {@code token-refresh-filter-javax-<v>-all.jar} only, in a WAR whose own classes are javax. */
class Tomcat9IT extends ContainerScenarios {

    Tomcat9IT() {
        super(TomcatServer.tomcat9());
    }
}
