package org.tokenrefresh.keycloak;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.tokenrefresh.TokenRefreshClientFeature;

/**
 * An application resource that calls the downstream API on behalf of its user, through a Jersey client with
 * {@link TokenRefreshClientFeature} registered by class, as an application would (token relay). Answers 200
 * {@code {"downstreamStatus":..,"downstream":..}}, so that the servlet filter's own 401 handling stays out of
 * the picture.
 */
final class RelayServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String downstream;
    private transient Client client;

    RelayServlet(String downstream) {
        this.downstream = downstream;
    }

    @Override
    public void init() {
        client = ClientBuilder.newBuilder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS)
                .register(TokenRefreshClientFeature.class).build();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
