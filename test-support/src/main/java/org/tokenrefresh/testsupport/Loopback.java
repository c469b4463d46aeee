package org.tokenrefresh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The loopback interface that every test server binds: never a fixed port, never a public address.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * int port = Loopback.freePort(); // for a process that must be told its port (Payara Micro, its data grid)
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
}
