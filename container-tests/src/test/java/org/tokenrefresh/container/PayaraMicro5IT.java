package org.tokenrefresh.container;

import org.tokenrefresh.container.server.PayaraMicroServer;

/**
 * Payara Micro 5 (Java EE 8, javax): {@code token-refresh-filter-javax-<v>-all.jar} and {@code token-refresh-ee-javax}
 * in a WAR whose own classes are javax, as a Java EE 8 application's are. Its Hazelcast data grid is the JCache the
 * cluster-wide store uses; MicroProfile Metrics 3.0 is on.
 */
class PayaraMicro5IT extends EeContainerScenarios {

    PayaraMicro5IT() {
        super(PayaraMicroServer.payaraMicro5(), Store.CLUSTER, true, true);
    }
}
