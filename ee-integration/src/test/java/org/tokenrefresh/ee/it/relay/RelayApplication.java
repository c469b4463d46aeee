package org.tokenrefresh.ee.it.relay;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The test WAR's JAX-RS application at {@code /rs}, found by scanning as in most applications: the
 * library's {@code @Provider TokenRefreshClientFeature} in {@code WEB-INF/lib} is seen by the server
 * runtime too, and must do nothing there.
 */
@ApplicationPath("/rs")
public class RelayApplication extends Application {
}
