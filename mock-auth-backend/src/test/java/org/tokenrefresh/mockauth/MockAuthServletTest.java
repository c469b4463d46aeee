package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the servlet with small hand-written fakes built on dynamic proxies. */
class MockAuthServletTest {

    private final Map<String, Object> contextAttributes = new HashMap<>();
    private final Map<String, String> initParams = new HashMap<>();

    @Test
    void servesTheProtocolBelowItsMappingWithABackendFromInitParams() throws Exception {
        initParams.put("access-ttl", "90s");
        MockAuthServlet servlet = initServlet();
        MockAuthBackend backend = servlet.backend();
        TokenSet login = backend.login("demo", "demo");

        FakeResponse response = call(servlet, "POST", "/api/auth/refresh", "application/json",
                "{\"refreshToken\":\"" + login.refreshToken() + "\"}");

        assertEquals(200, response.status);
        assertTrue(response.body().contains("\"expiresIn\":90"), response.body());
        assertEquals("no-store", response.headers.get("Cache-Control"));
        assertEquals(1, backend.successfulRefreshes());
        assertSame(backend, contextAttributes.get(MockAuthServlet.BACKEND_ATTRIBUTE), "published for the app");
    }

    @Test
    void usesTheBackendAlreadyInTheServletContext() throws Exception {
        MockAuthBackend shared = MockAuthBackend.builder().build();
        contextAttributes.put(MockAuthServlet.BACKEND_ATTRIBUTE, shared);

        assertSame(shared, initServlet().backend());
    }

    @Test
    void resetFaultAnswers500BecauseAServletCannotDropTheConnection() throws Exception {
        MockAuthServlet servlet = initServlet();
        servlet.backend().setFault(Fault.RESET);

        FakeResponse response = call(servlet, "POST", "/api/auth/refresh", "application/json",
                "{\"refreshToken\":\"x\"}");

        assertEquals(500, response.status);
        assertEquals(1, servlet.backend().rejectedCalls());
    }

    @Test
    void lostResponseAnswers500AfterTheRefreshConsumedTheTokenAndNewInitParamsApply() throws Exception {
        initParams.put("user-rate-limit", "5/15m");
        initParams.put("access-token-size", "6000");
        MockAuthServlet servlet = initServlet();
        TokenSet login = servlet.backend().login("demo", "demo");
        servlet.backend().setFault(FaultPlan.of(Fault.LOST_RESPONSE).times(1));

        FakeResponse response = call(servlet, "POST", "/api/auth/refresh", "application/json",
                "{\"refreshToken\":\"" + login.refreshToken() + "\"}");

        assertEquals(500, response.status);
        assertEquals(1, servlet.backend().successfulRefreshes());
        assertEquals(6000, login.accessToken().length());
        assertEquals("5/900s", servlet.backend().settings().get("user-rate-limit"));
    }

    @Test
    void badInitParamFailsInit() {
        initParams.put("access-ttl", "forever");

        ServletException e = assertThrows(ServletException.class, this::initServlet);
        assertTrue(e.getMessage().contains("access-ttl='forever'"), e.getMessage());
    }

    private MockAuthServlet initServlet() throws ServletException {
        ServletContext context = fake(ServletContext.class, (name, args) -> {
            switch (name) {
                case "getAttribute": return contextAttributes.get((String) args[0]);
                case "setAttribute": contextAttributes.put((String) args[0], args[1]); return null;
                default: return null;
            }
        });
        ServletConfig config = fake(ServletConfig.class, (name, args) -> {
            switch (name) {
                case "getServletContext": return context;
                case "getInitParameter": return initParams.get((String) args[0]);
                case "getInitParameterNames": return Collections.enumeration(initParams.keySet());
                case "getServletName": return "mockAuth";
                default: return null;
            }
        });
        MockAuthServlet servlet = new MockAuthServlet();
        servlet.init(config);
        return servlet;
    }

    private FakeResponse call(MockAuthServlet servlet, String method, String pathInfo, String contentType,
            String body) throws Exception {
        Map<String, String> headers = Map.of("Content-Type", contentType);
        ByteArrayInputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        HttpServletRequest request = fake(HttpServletRequest.class, (name, args) -> {
            switch (name) {
                case "getMethod": return method;
                case "getPathInfo": return pathInfo;
                case "getServletPath": return "/mock-auth";
                case "getHeaderNames": return Collections.enumeration(headers.keySet());
                case "getHeader": return headers.get((String) args[0]);
                case "getInputStream": return new ServletInputStream() {
                        @Override public int read() { return in.read(); }
                        @Override public boolean isFinished() { return in.available() == 0; }
                        @Override public boolean isReady() { return true; }
                        @Override public void setReadListener(ReadListener listener) { }
                    };
                default: return null;
            }
        });
        FakeResponse fake = new FakeResponse();
        HttpServletResponse response = fake(HttpServletResponse.class, (name, args) -> {
            switch (name) {
                case "setStatus": fake.status = (Integer) args[0]; return null;
                case "setHeader": fake.headers.put((String) args[0], (String) args[1]); return null;
                case "getOutputStream": return new ServletOutputStream() {
                        @Override public void write(int b) { fake.out.write(b); }
                        @Override public boolean isReady() { return true; }
                        @Override public void setWriteListener(WriteListener listener) { }
                    };
                default: return null;
            }
        });
        servlet.service(request, response);
        return fake;
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }

    private static final class FakeResponse {
        int status;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        String body() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
