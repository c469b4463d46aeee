package org.tokenrefresh.testing;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-written fakes of the servlet request and response (in the spirit of Tomcat's
 * {@code TesterHttpServletRequest}): plain state, only the methods the wrappers use; any other call fails
 * loudly with {@link UnsupportedOperationException}.
 */
public final class FakeHttp {

    private FakeHttp() {
    }

    /** A request's state. */
    public static final class Request {
        public String method = "GET";
        public String uri = "/app/api/data";
        public String contextPath = "/app";
        public String scheme = "http";
        public String serverName = "localhost";
        public int serverPort = 8080;
        public boolean secure;
        public String characterEncoding;
        public byte[] body = new byte[0];
        public final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        public Cookie[] cookies;
        public int inputStreamCalls;

        public Request header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        public HttpServletRequest build() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            ServletInputStream stream = new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                // a fake is always ready and takes no listener
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
            };
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "getMethod": return method;
                            case "getRequestURI": return uri;
                            case "getContextPath": return contextPath;
                            case "getScheme": return scheme;
                            case "getServerName": return serverName;
                            case "getServerPort": return serverPort;
                            case "isSecure": return secure;
                            case "getCharacterEncoding": return characterEncoding;
                            case "getContentLengthLong": return (long) body.length;
                            case "getContentLength": return body.length;
                            case "getCookies": return cookies;
                            case "getHeader": {
                                List<String> values = headers.get((String) args[0]);
                                return values == null ? null : values.get(0);
                            }
                            case "getHeaders": {
                                List<String> values = headers.get((String) args[0]);
                                return Collections.enumeration(values == null ? List.of() : values);
                            }
                            case "getHeaderNames": return Collections.enumeration(new ArrayList<>(headers.keySet()));
                            case "getInputStream":
                                inputStreamCalls++;
                                return stream;
                            case "isAsyncStarted": return false;
                            case "toString": return "FakeRequest " + method + " " + uri;
                            case "hashCode": return System.identityHashCode(proxy);
                            case "equals": return proxy == args[0];
                            default: throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }
    }

    /** A response's state. */
    public static final class Response {
        public int status = 200;
        public boolean committed;
        public String errorMessage;
        public final Map<String, List<String>> headers = new LinkedHashMap<>();
        public final ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** Payara's {@code Response.setHeader} returns at once on a null value instead of removing the header. */
        public boolean ignoresNullHeaderValue;
        public String contentType;
        public String redirect;
        private PrintWriter writer;

        public String bodyText() {
            if (writer != null) {
                writer.flush();
            }
            return body.toString(StandardCharsets.UTF_8);
        }

        public List<String> header(String name) {
            return headers.getOrDefault(name, List.of());
        }

        public HttpServletResponse build() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override public boolean isReady() { return true; }
                @Override public void setWriteListener(WriteListener listener) { throw new UnsupportedOperationException(); }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus": status = (Integer) args[0]; return null;
                            case "getStatus": return status;
                            case "sendError":
                                status = (Integer) args[0];
                                errorMessage = args.length > 1 ? (String) args[1] : null;
                                committed = true;
                                return null;
                            case "sendRedirect": status = 302; redirect = (String) args[0]; committed = true; return null;
                            case "isCommitted": return committed;
                            case "addHeader":
                                headers.computeIfAbsent((String) args[0], n -> new ArrayList<>()).add((String) args[1]);
                                return null;
                            case "setHeader":
                                if (args[1] == null && ignoresNullHeaderValue) {
                                    return null;
                                } else if (args[1] == null) {
                                    headers.remove((String) args[0]); // Tomcat: a null value removes the header
                                } else {
                                    headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                                }
                                return null;
                            case "getHeaders": return new ArrayList<>(header((String) args[0]));
                            case "addCookie":
                                jakarta.servlet.http.Cookie cookie = (jakarta.servlet.http.Cookie) args[0];
                                headers.computeIfAbsent("Set-Cookie", n -> new ArrayList<>()).add(cookie.getName() + "="
                                        + cookie.getValue() + (cookie.getMaxAge() >= 0 ? "; Max-Age=" + cookie.getMaxAge() : ""));
                                return null;
                            case "setContentType": contentType = (String) args[0]; return null;
                            case "setContentLength": return null;
                            case "getCharacterEncoding": return "UTF-8";
                            case "getOutputStream": return out;
                            case "getWriter":
                                if (writer == null) {
                                    writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                                }
                                return writer;
                            case "flushBuffer": committed = true; return null;
                            case "reset":
                                if (committed) {
                                    throw new IllegalStateException("committed");
                                }
                                status = 200; headers.clear(); body.reset(); return null;
                            case "resetBuffer": body.reset(); return null;
                            case "toString": return "FakeResponse " + status;
                            case "hashCode": return System.identityHashCode(proxy);
                            case "equals": return proxy == args[0];
                            default: throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }
    }

    static String read(ServletInputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
