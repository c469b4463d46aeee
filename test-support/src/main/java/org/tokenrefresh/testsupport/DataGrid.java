package org.tokenrefresh.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A Payara data grid (Hazelcast) on loopback: its members' ports, reserved now, and a cluster name of its own, so
 * that parallel builds on one machine never join each other's grid. Give it to each {@link PayaraMicro} member.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * DataGrid grid = DataGrid.onLoopback("orders", 2);
 * PayaraMicro node1 = PayaraMicro.builder(jar).name("node1").deploy(war).member(grid, 0).start();
 * PayaraMicro node2 = PayaraMicro.builder(jar).name("node2").deploy(war).member(grid, 1).start();
 * node1.await(DataGrid.sizeReached(2), Duration.ofMinutes(1));
 * }</pre>
 */
public final class DataGrid {

    private final String clusterName;
    private final int[] ports;

    private DataGrid(String clusterName, int[] ports) {
        this.clusterName = clusterName;
        this.ports = ports;
    }

    /** A grid of {@code members} members on 127.0.0.1, named {@code <prefix>-<random>}. */
    public static DataGrid onLoopback(String namePrefix, int members) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be positive: " + members);
        }
        int[] ports = new int[members];
        for (int i = 0; i < members; i++) {
            ports[i] = Loopback.freePort();
        }
        return new DataGrid(namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8), ports);
    }

    /** The console line of a member once the grid has this many members ({@code DG Size: n}). */
    public static Pattern sizeReached(int members) {
        return Pattern.compile("DG Size: " + members + "\\b");
    }

    public String clusterName() {
        return clusterName;
    }

    public int size() {
        return ports.length;
    }

    /** The grid port of a member (0-based). */
    public int port(int member) {
        return ports[member];
    }

    /**
     * The Payara Micro options of a member: TCP/IP discovery of exactly the grid's loopback members, the member's
     * own start port and the cluster name.
     */
    public List<String> memberOptions(int member) {
        StringBuilder members = new StringBuilder("tcpip:");
        for (int i = 0; i < ports.length; i++) {
            members.append(i > 0 ? "," : "").append(Loopback.ADDRESS).append(':').append(ports[i]);
        }
        List<String> options = new ArrayList<>();
        options.add("--clustermode");
        options.add(members.toString());
        options.add("--startport");
        options.add(String.valueOf(port(member)));
        options.add("--clustername");
        options.add(clusterName);
        return options;
    }
}
