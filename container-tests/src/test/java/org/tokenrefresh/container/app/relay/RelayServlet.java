package org.tokenrefresh.container.app.relay;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.tokenrefresh.TokenRefreshClientFeature;
import org.tokenrefresh.container.app.AppAuthFilter;

/**
 * Calls a downstream API on behalf of the user whose request it serves (token relay), through a JAX-RS client
 * with {@link TokenRefreshClientFeature} registered, as an application would. The downstream API is the auth
 * backend's {@code /api/validate}, which answers 200 to a good {@code Authorization: Bearer} token and 401 to
 * any other. Answers {@code downstream=<status>}. Only in WARs that carry a JAX-RS client in
 * {@code WEB-INF/lib} (see {@code MatrixWar}).
 */
@WebServlet("/relay")
public class RelayServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** One client for the servlet's life, closed in {@link #destroy()}. */
    private final transient Client client = ClientBuilder.newBuilder().connectTimeout(10, TimeUnit.SECONDS)
            .readTimeout(60, TimeUnit.SECONDS).register(TokenRefreshClientFeature.class).build();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Response answer = client.target(AppAuthFilter.authUrl() + "/api/validate").request().get()) {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("downstream=" + answer.getStatus() + "\n");
        }
    }

    @Override
    public void destroy() {
        client.close();
    }
}
