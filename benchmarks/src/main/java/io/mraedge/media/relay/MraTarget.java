package io.mraedge.media.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * mra-edge's media relay, each role in its own JVM ({@link MediaRelayProcess}), wired as the
 * media design's SDP contract says: {@code edge.allocate(client, rtcp=false)} ->
 * {@code connector.allocate(false)} -> {@code connectorStream.edge(edge inside:T, token)} ->
 * {@code connectorStream.inside(driver's B socket)} -> {@code edgeStream.signalled(client, null)}.
 * Side A (the client) sends to the edge's outside port P, side B (the inside endpoint) to the
 * connector's inside port. Two relay hops, two processes.
 *
 * <p>With {@code edgeOnly}, there is no connector: side B itself plays the connector's
 * traversal leg (one socket per session, probing the edge's traversal port with the stream's
 * token until acked), so the edge is the only hop, as rtpengine is.
 *
 * <p>Addresses: edge outside 127.0.0.20, ports 36012-59999 (clear of the traversal range, which
 * the defaults overlap: the relay's first landing refused that; later ones carve it out); edge inside
 * 127.0.0.21, traversal 36000-36011; connector 127.0.0.22, ports 36002-59999. mra-edge uses
 * 127.0.0.30 and .31 for its edge.
 */
final class MraTarget implements MediaTarget {
    private static final String CONNECTOR_IP = "127.0.0.22";
    private final String outsideIp;
    private final String insideIp;
    private final Path dir;
    private final String cpus;
    private final boolean edgeOnly;
    private final String latch;
    private final int maxSeconds;
    private final String heap;
    private Process edge;
    private Process connector;
    private RelayControl edgeControl;
    private RelayControl connectorControl;
    private int opened;

    MraTarget(Path dir, String cpus, boolean edgeOnly, String latch, int maxSeconds, String heap) {
        this.dir = dir;
        this.cpus = cpus;
        this.edgeOnly = edgeOnly;
        this.latch = latch;
        this.maxSeconds = maxSeconds;
        this.heap = heap;
        // Each target's edge gets addresses of its own: two edges on the same address would share
        // every port through SO_REUSEPORT and split each other's packets.
        this.outsideIp = edgeOnly ? "127.0.0.30" : "127.0.0.20";
        this.insideIp = edgeOnly ? "127.0.0.31" : "127.0.0.21";
    }

    @Override
    public String name() {
        return edgeOnly ? "mra-edge" : "mra";
    }

    @Override
    public boolean perSessionB() {
        return edgeOnly;
    }

    @Override
    public void start() throws IOException {
        Path logback = ChildProcess.logback(dir);
        edge = ChildProcess.start(ChildProcess.java(logback, heap, "io.mraedge.media.relay.MediaRelayProcess", "edge", outsideIp,
                insideIp, "36012-59999", "36000-36011", latch, Integer.toString(maxSeconds)), cpus,
                dir.resolve(name() + "-edge.log"));
        edgeControl = new RelayControl(edge);
        edgeControl.awaitReady();
        if (!edgeOnly) {
            connector = ChildProcess.start(ChildProcess.java(logback, heap, "io.mraedge.media.relay.MediaRelayProcess", "connector",
                    CONNECTOR_IP, "36002-59999", Integer.toString(maxSeconds)), cpus, dir.resolve(name() + "-connector.log"));
            connectorControl = new RelayControl(connector);
            connectorControl.awaitReady();
        }
    }

    @Override
    public List<String> ips() {
        return edgeOnly ? List.of(outsideIp, insideIp) : List.of(outsideIp, insideIp, CONNECTOR_IP);
    }

    @Override
    public List<Long> pids() {
        return connector == null ? List.of(edge.pid()) : List.of(edge.pid(), connector.pid());
    }

    long edgePid() {
        return edge.pid();
    }

    @Override
    public List<Wiring> open(List<InetSocketAddress> a, List<InetSocketAddress> b) throws IOException {
        int n = a.size();
        List<String> cmds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cmds.add("A " + i + " " + hostPort(a.get(i)));
        }
        List<String[]> edgeStreams = edgeControl.call(cmds); // A id P T token
        opened = n;
        List<Wiring> wirings = new ArrayList<>(n);
        if (edgeOnly) {
            cmds.clear();
            for (int i = 0; i < n; i++) {
                String[] e = edgeStreams.get(i);
                wirings.add(new Wiring(new InetSocketAddress(outsideIp, Integer.parseInt(e[2])),
                        new InetSocketAddress(insideIp, Integer.parseInt(e[3])), LoadPacket.token(e[4])));
                cmds.add("S " + i + " " + hostPort(a.get(i)));
            }
            edgeControl.call(cmds);
            return wirings;
        }
        cmds.clear();
        for (int i = 0; i < n; i++) {
            cmds.add("A " + i);
        }
        List<String[]> connectorStreams = connectorControl.call(cmds); // A id insidePort
        cmds.clear();
        for (int i = 0; i < n; i++) {
            String[] e = edgeStreams.get(i);
            cmds.add("E " + i + " " + insideIp + ":" + e[3] + " " + e[4]);
            cmds.add("I " + i + " " + hostPort(b.get(i)));
        }
        connectorControl.call(cmds);
        cmds.clear();
        for (int i = 0; i < n; i++) {
            cmds.add("S " + i + " " + hostPort(a.get(i)));
            wirings.add(new Wiring(new InetSocketAddress(outsideIp, Integer.parseInt(edgeStreams.get(i)[2])),
                    new InetSocketAddress(CONNECTOR_IP, Integer.parseInt(connectorStreams.get(i)[2])), null));
        }
        edgeControl.call(cmds);
        return wirings;
    }

    /** The relays' totals lines, for the log. */
    String totals() throws IOException {
        return "edge " + edgeControl.call("T") + (connectorControl == null ? "" : " | connector " + connectorControl.call("T"));
    }

    @Override
    public void closeSessions() throws IOException {
        List<String> cmds = new ArrayList<>(opened);
        for (int i = 0; i < opened; i++) {
            cmds.add("C " + i);
        }
        edgeControl.call(cmds);
        if (connectorControl != null) {
            connectorControl.call(cmds);
        }
        opened = 0;
    }

    @Override
    public void close() {
        ChildProcess.stop(connector);
        ChildProcess.stop(edge);
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
