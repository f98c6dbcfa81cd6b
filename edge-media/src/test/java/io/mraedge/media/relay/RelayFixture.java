package io.mraedge.media.relay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.testing.Await;
import io.mraedge.media.ports.PortRange;
import io.mraedge.media.sdp.CandidatePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An edge relay and a connector relay in one JVM on loopback, wired the way the SIP layer wires
 * them, with a clock the test moves. Ports are above the ephemeral range (61000+), in one of four
 * slots picked at random, so that concurrent builds rarely meet.
 */
final class RelayFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final InetAddress LOOPBACK = address("127.0.0.1");
    static final int BASE = 61000 + 1000 * ThreadLocalRandom.current().nextInt(4);

    final AtomicLong nanos = new AtomicLong(Duration.ofDays(2).toNanos());
    final NetTransport transport = NetTransport.create("media-test", 2, true);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final EdgeMediaRelay edge;
    final ConnectorMediaRelay connector;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    RelayFixture(LatchPolicy latch, Duration idle, int outsidePorts, int insidePorts) throws Exception {
        this(latch, idle, outsidePorts, insidePorts, Duration.ofSeconds(10));
    }

    RelayFixture(LatchPolicy latch, Duration idle, int outsidePorts, int insidePorts, Duration keepalive)
            throws Exception {
        try {
            EdgeMediaConfig edgeConfig = new EdgeMediaConfig(LOOPBACK, LOOPBACK, LOOPBACK,
                    PortRange.of(BASE + 100, BASE + 100 + outsidePorts - 1), PortRange.of(BASE, BASE + 11), latch, idle,
                    2048, 16, CandidatePolicy.STRIP);
            ConnectorMediaConfig connectorConfig = new ConnectorMediaConfig(LOOPBACK,
                    PortRange.of(BASE + 500, BASE + 500 + insidePorts - 1), idle, Duration.ofMillis(20),
                    keepalive, 2048, 16);
            edge = EdgeMediaRelay.start(edgeConfig, transport, registry, nanos::get);
            connector = ConnectorMediaRelay.start(connectorConfig, transport, registry, nanos::get);
        } catch (Exception | Error e) {
            transport.close();
            throw e;
        }
    }

    RelayFixture(LatchPolicy latch) throws Exception {
        this(latch, Duration.ofSeconds(60), 300, 300);
    }

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    UdpPeer peer(String ip) {
        return closeLater(UdpPeer.on(ip));
    }

    /** One anchored m-line through both relays, as the SIP layer sets it up. */
    Call call(UdpPeer client, UdpPeer inside, boolean rtcp) throws Exception {
        return call(client.address(), inside, rtcp);
    }

    /** As {@link #call(UdpPeer, UdpPeer, boolean)}, with the client's signalled address (or none). */
    Call call(InetSocketAddress signalled, UdpPeer inside, boolean rtcp) throws Exception {
        EdgeStream e = edge.allocate(null, rtcp);
        ConnectorStream c = connector.allocate(rtcp);
        c.edge(new InetSocketAddress(LOOPBACK, e.traversalPort()), null, e.token());
        c.inside(inside.address(), null);
        if (signalled != null) {
            e.signalled(signalled, null);
        }
        Await.until("the edge acks the connector's probes", WAIT, c::edgeAcknowledged);
        return new Call(e, c);
    }

    /** The address a client sends to. */
    static InetSocketAddress outside(EdgeStream e) {
        return new InetSocketAddress(LOOPBACK, e.outsidePort());
    }

    /** The address the inside endpoint sends to. */
    static InetSocketAddress inside(ConnectorStream c) {
        return new InetSocketAddress(LOOPBACK, c.insidePort());
    }

    record Call(EdgeStream edge, ConnectorStream connector) {
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        try {
            if (connector != null) {
                connector.close();
            }
            if (edge != null) {
                edge.close();
            }
        } finally {
            transport.close();
            surfaceLeaks();
        }
    }

    /**
     * Netty's leak detector reports a lost buffer when the collector has found it and a later
     * allocation looks: collect, then allocate, so that any LEAK: line lands in this test's output
     * (and fails the build).
     */
    static void surfaceLeaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                NetTransport.ALLOCATOR.directBuffer(64).release();
            }
        }
    }
}
