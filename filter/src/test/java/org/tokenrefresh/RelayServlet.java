package org.tokenrefresh;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * test-support's relay resource with {@link TokenRefreshClientFeature} registered by class, as an application would.
 * {@code ?work=45} makes the request take 45 (clock) seconds before the call.
 */
final class RelayServlet extends org.tokenrefresh.testsupport.RelayServlet {

    private static final long serialVersionUID = 1L;

    private final transient MutableClock clock;

    RelayServlet(String downstream, MutableClock clock) {
        super(downstream, TokenRefreshClientFeature.class, 20);
        this.clock = clock;
    }

    @Override
    protected void beforeCall(HttpServletRequest request) {
        String work = request.getParameter("work");
        if (work != null) {
            clock.advance(Duration.ofSeconds(Long.parseLong(work)));
        }
    }
}
