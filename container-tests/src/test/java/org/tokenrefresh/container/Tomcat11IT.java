package org.tokenrefresh.container;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tokenrefresh.container.server.TomcatServer;

/** Tomcat 11 (Servlet 6.1), filter only. */
class Tomcat11IT extends ContainerScenarios {

    Tomcat11IT() {
        super(TomcatServer.tomcat11());
    }

    /** Issue 13: the server's header limits are raised for them ({@code maxHttpHeaderSize}). */
    @ParameterizedTest(name = "access token {0} characters, refresh token {1}")
    @CsvSource({"6000, 0", "12000, 5000"})
    @Order(20)
    void sessionWithTokensLargerThanACookieLivesAndEndsInChunks(int accessSize, int refreshSize) {
        sessionWithTokensLargerThanACookie(accessSize, refreshSize);
    }
}
