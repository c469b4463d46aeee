package org.tokenrefresh.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.tokenrefresh.container.server.WildFlyServer;

/**
 * WildFly's {@code standalone-microprofile.xml}: the filter, CDI events, MicroProfile Config and Health, but no
 * EJB subsystem, so the {@code @Schedule} background monitor never runs there.
 */
class WildFlyMicroProfileIT extends EeContainerScenarios {

    WildFlyMicroProfileIT() {
        super(WildFlyServer.microprofile(), Store.MEMORY, false, false);
    }

    @Test
    @Order(20)
    void readinessCheckIsServedByWildFlysMicroProfileHealth() {
        HttpResponse<String> ready = Browser.get(((WildFlyServer) server()).managementUri().resolve("health/ready"), null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"name\":\"token-refresh\""), ready.body());
        assertTrue(ready.body().contains("\"circuit\":\"closed\""), ready.body());
        assertTrue(ready.body().contains("\"store\":\"memory\""), ready.body());
    }
}
