package org.tokenrefresh;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.tokenrefresh.testsupport.MutableClock;

/**
 * An application resource that calls the downstream API on behalf of its user, through a Jersey client
 * with the feature registered by class, as an application would. {@code ?work=45} makes the request take
 * 45 (clock) seconds before the call. Answers 200 with the downstream status and body, so that the servlet
 * filter's own 401 handling stays out of the picture.
 */
final class RelayServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String downstream;
    private final transient MutableClock clock;
    private transient Client client;

    RelayServlet(String downstream, MutableClock clock) {
        this.downstream = downstream;
        this.clock = clock;
    }

    @Override
    public void init() {
        client = ClientBuilder.newBuilder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(20, TimeUnit.SECONDS)
                .register(TokenRefreshClientFeature.class).build();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String work = request.getParameter("work");
        if (work != null) {
            clock.advance(Duration.ofSeconds(Long.parseLong(work)));
        }
        try (Response answer = client.target(downstream).request().get()) {
            response.setContentType("application/json");
            response.getWriter().write("{\"downstreamStatus\":" + answer.getStatus() + ",\"downstream\":"
                    + answer.readEntity(String.class) + "}");
        }
    }

    @Override
    public void destroy() {
        client.close();
    }
}
