package org.tokenrefresh.container.app.ee;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tokenrefresh.ee.internal.monitor.TokenRefreshRuntime;
import org.tokenrefresh.ee.internal.monitor.MonitorReport;
import org.tokenrefresh.internal.engine.RefreshEngine;

/**
 * What the EE integration did, for the tests outside the server: {@code /ee/events?session=<id>} lists the
 * CDI events {@link EventRecorder} observed for a session; {@code /ee/runtime} tells the store in use and
 * when the background monitor last ran.
 */
@WebServlet("/ee/*")
public class EeStatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    EventRecorder events;

    @Inject
    TokenRefreshRuntime runtime;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        if ("/events".equals(request.getPathInfo())) {
            response.getWriter().write(events.of(request.getParameter("session")));
        } else if ("/runtime".equals(request.getPathInfo())) {
            RefreshEngine engine = runtime.engine();
            MonitorReport last = runtime.lastMonitorRun();
            response.getWriter().write("engine=" + (engine != null)
                    + "\nstore=" + (engine == null ? "none" : engine.store().clustered() ? "cluster" : "memory")
                    + "\nmonitorLastRun=" + (last == null ? "never" : String.valueOf(last.at().toEpochMilli())) + "\n");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
