package org.tokenrefresh.container;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tokenrefresh.container.server.PayaraMicroServer;

/** Payara Micro 6: its Hazelcast data grid is the JCache the cluster-wide store uses; MicroProfile Metrics is on. */
class PayaraMicroIT extends EeContainerScenarios {

    PayaraMicroIT() {
        super(PayaraMicroServer.payaraMicro6(), Store.CLUSTER, true, true);
    }

    /** Issue 13: the server's header limits are raised for them ({@code header-buffer-length-bytes}). */
    @ParameterizedTest(name = "access token {0} characters, refresh token {1}")
    @CsvSource({"6000, 0", "12000, 5000"})
    @Order(20)
    void sessionWithTokensLargerThanACookieLivesAndEndsInChunks(int accessSize, int refreshSize) {
        sessionWithTokensLargerThanACookie(accessSize, refreshSize);
    }
}
