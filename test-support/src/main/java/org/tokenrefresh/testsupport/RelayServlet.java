package org.tokenrefresh.testsupport;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * An application resource that calls a downstream API on behalf of its user, through a JAX-RS client with the
 * library's client feature registered by class, as an application would (token relay). Answers 200
 * {@code {"downstreamStatus":..,"downstream":..}}, so that the servlet filter's own 401 handling stays out of the
 * picture. The feature class is a parameter: nothing here refers to a class of the library.
 */
public class RelayServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String downstream;
    private final Class<?> clientFeature;
    private final int readTimeoutSeconds;
    private transient Client client;

    /**
     * @param downstream the URL called on each GET
     * @param clientFeature the client feature, registered by class as {@code @Provider} and {@code @RegisterProvider} do
     * @param readTimeoutSeconds how long the call may take
     */
    public RelayServlet(String downstream, Class<?> clientFeature, int readTimeoutSeconds) {
        this.downstream = downstream;
        this.clientFeature = clientFeature;
        this.readTimeoutSeconds = readTimeoutSeconds;
    }

    @Override
    public void init() {
        client = ClientBuilder.newBuilder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(readTimeoutSeconds, TimeUnit.SECONDS)
                .register(clientFeature).build();
    }

    /** Runs before the downstream call, on the request's thread. Does nothing here. */
    protected void beforeCall(HttpServletRequest request) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        beforeCall(request);
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
