package org.tokenrefresh.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Executor;

/**
 * The loopback interface that every test server binds: never a fixed port, never a public address.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * int port = Loopback.freePort(); // for a process that must be told its port (Payara Micro, its data grid)
 * HttpServer stub = Loopback.httpServer(64, executor, exchange -> Loopback.respond(exchange, 204, new byte[0]));
 * }</pre>
 * A server in this JVM should rather bind port 0 itself ({@link EmbeddedTomcat} does): a port found free here can
 * be taken by another process before the server binds it.
 */
public final class Loopback {

    /** The address servers bind and clients call: {@value}. */
    public static final String ADDRESS = "127.0.0.1";

    private Loopback() {
    }

    /** A port that is free on 127.0.0.1 now, chosen by the operating system. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + ADDRESS, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public static String httpUrl(int port) {
        return "http://" + ADDRESS + ":" + port;
    }

    /**
     * A started JDK {@link HttpServer} on 127.0.0.1, port chosen by the operating system, {@code handler} at
     * {@code /}; {@code executor} may be {@code null} (the server's own thread). The caller stops it.
     */
    public static HttpServer httpServer(int backlog, Executor executor, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0), backlog);
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP server on " + ADDRESS, e);
        }
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    /** Sends the status and the body (none when empty: no {@code Content-Length: 0}, no chunk). */
    public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
