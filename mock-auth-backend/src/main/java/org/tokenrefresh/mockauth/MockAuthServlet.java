package org.tokenrefresh.mockauth;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves the {@link AuthProtocolHandler} protocol inside a web application, below the servlet's mapping.
 *
 * <h2>Usage</h2>
 * Not annotated: the deploying WAR chooses the mapping. In {@code web.xml}:
 * <pre>
 * &lt;servlet&gt;
 *   &lt;servlet-name&gt;mockAuth&lt;/servlet-name&gt;
 *   &lt;servlet-class&gt;org.tokenrefresh.mockauth.MockAuthServlet&lt;/servlet-class&gt;
 *   &lt;init-param&gt;&lt;param-name&gt;access-ttl&lt;/param-name&gt;&lt;param-value&gt;60s&lt;/param-value&gt;&lt;/init-param&gt;
 * &lt;/servlet&gt;
 * &lt;servlet-mapping&gt;
 *   &lt;servlet-name&gt;mockAuth&lt;/servlet-name&gt;&lt;url-pattern&gt;/mock-auth/*&lt;/url-pattern&gt;
 * &lt;/servlet-mapping&gt;
 * </pre>
 * or from a {@code ServletContextListener}: {@code MockAuthServlet.register(context, "/mock-auth/*", backend)}.
 * The refresh endpoint is then {@code <context>/mock-auth/api/auth/refresh}.
 *
 * <h2>Configuration</h2>
 * The backend is the {@link MockAuthBackend} in the context attribute {@value #BACKEND_ATTRIBUTE}, if any.
 * Otherwise one is built from init-params, falling back to {@code mockauth.*} system properties (keys as in
 * {@link MockAuthBackendBuilder#configure}), and stored in that attribute for the application to share.
 * A bad setting fails {@code init()}.
 *
 * <h2>Behaviour</h2>
 * A servlet cannot drop its connection, so {@link Fault#RESET} and {@link Fault#LOST_RESPONSE} answer 500.
 */
public final class MockAuthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Context attribute holding the shared {@link MockAuthBackend}. */
    public static final String BACKEND_ATTRIBUTE = "org.tokenrefresh.mockauth.MockAuthBackend";
    /** Prefix of the system properties read when an init-param is absent. */
    public static final String SYSTEM_PROPERTY_PREFIX = "mockauth.";

    private transient MockAuthBackend backend;
    private transient AuthProtocolHandler handler;

    /** Takes or builds its backend in {@link #init()}. */
    public MockAuthServlet() {
    }

    /** Serves the given backend. */
    public MockAuthServlet(MockAuthBackend backend) {
        this.backend = backend;
    }

    /**
     * Registers a servlet for the backend under the URL pattern, and publishes the backend as the context
     * attribute {@value #BACKEND_ATTRIBUTE}. Call it during context initialization.
     */
    public static ServletRegistration.Dynamic register(ServletContext context, String urlPattern,
            MockAuthBackend backend) {
        context.setAttribute(BACKEND_ATTRIBUTE, backend);
        ServletRegistration.Dynamic registration = context.addServlet("mockAuth", new MockAuthServlet(backend));
        if (registration == null) {
            throw new IllegalStateException("a servlet named mockAuth is already registered");
        }
        registration.addMapping(urlPattern);
        return registration;
    }

    @Override
    public void init() throws ServletException {
        if (backend == null) {
            ServletContext context = getServletContext();
            synchronized (context) {
                Object shared = context.getAttribute(BACKEND_ATTRIBUTE);
                if (shared instanceof MockAuthBackend) {
                    backend = (MockAuthBackend) shared;
                } else {
                    try {
                        backend = MockAuthBackend.builder().configure(this::setting).build();
                    } catch (IllegalArgumentException e) {
                        throw new ServletException(e.getMessage(), e);
                    }
                    context.setAttribute(BACKEND_ATTRIBUTE, backend);
                }
            }
        }
        handler = new AuthProtocolHandler(backend);
    }

    private String setting(String key) {
        String value = getInitParameter(key);
        return value != null ? value : System.getProperty(SYSTEM_PROPERTY_PREFIX + key);
    }

    /** The backend this servlet serves; available after {@link #init()}. */
    public MockAuthBackend backend() {
        return backend;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        // "/mock-auth/*" gives the endpoint in the path info; a "/" or exact mapping in the servlet path
        String path = request.getPathInfo() != null ? request.getPathInfo() : request.getServletPath();
        AuthResponse answer = handler.handle(new AuthRequest(request.getMethod(), path, request.getQueryString(),
                headers, request.getInputStream().readAllBytes()));
        if (answer.dropConnection()) {
            answer = AuthResponse.error(500, "server_error", "connection reset (simulated)");
        }
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        byte[] body = answer.body();
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
