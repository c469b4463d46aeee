package org.tokenrefresh.container;

import org.tokenrefresh.container.server.PayaraMicroServer;

/** Payara Micro 6: its Hazelcast data grid is the JCache the cluster-wide store uses; MicroProfile Metrics is on. */
class PayaraMicroIT extends EeContainerScenarios {

    PayaraMicroIT() {
        super(PayaraMicroServer.payaraMicro6(), Store.CLUSTER, true, true);
    }
}
