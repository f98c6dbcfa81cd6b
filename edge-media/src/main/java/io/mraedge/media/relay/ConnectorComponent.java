package io.mraedge.media.relay;

import io.mraedge.core.net.NetTransport;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component (RTP or RTCP) of a connector stream: the inside port Q with its catch-all, the
 * inside leg connected to the signalled inside endpoint, and the traversal leg (ephemeral port)
 * connected to the edge's traversal port. The traversal leg becomes the inside leg's peer only
 * once the edge acked its probe: before that, the edge has no leg to take media and would count
 * it as stray, so it is dropped here (no-peer). Loop-confined.
 */
final class ConnectorComponent implements RelayComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorComponent.class);

    final ConnectorRelayStream stream;
    final int index;
    final int insidePort;
    final MediaLeg inside = new MediaLeg();
    final MediaLeg traversal = new MediaLeg();
    private Channel catchAll;
    private Channel traversalChannel;
    private InetSocketAddress edgeAddress;
    private InetSocketAddress insideAddress;
    private volatile boolean acked;
    private boolean closed;

    ConnectorComponent(ConnectorRelayStream stream, int index, int insidePort) {
        this.stream = stream;
        this.index = index;
        this.insidePort = insidePort;
    }

    @Override
    public void open() throws IOException {
        catchAll = stream.relay.runtime.sockets.bind(stream.loop,
                new InetSocketAddress(stream.relay.config().address(), insidePort), new InsideCatchAllHandler(this));
    }

    boolean acked() {
        return acked;
    }

    Channel traversalChannel() {
        return traversalChannel;
    }

    /** Points the traversal leg at {@code address}; the same address keeps the leg. */
    void edge(InetSocketAddress address) {
        if (closed || (Objects.equals(address, edgeAddress) && traversalChannel != null && traversalChannel.isActive())) {
            return;
        }
        edgeAddress = address;
        unack();
        RelayStream.closeQuietly(traversalChannel);
        traversalChannel = null;
        try {
            traversalChannel = stream.relay.runtime.sockets.connectEphemeral(stream.loop,
                    new InetSocketAddress(stream.relay.config().address(), 0), address,
                    new MediaForwardingHandler(inside, stream.toInside, new ConnectorAckFilter(this)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("media: cannot open a traversal leg to {}: {}", address, e.getMessage());
        }
    }

    /** Media toward the edge stops until the edge acks again (a new token or leg). */
    void unack() {
        acked = false;
        traversal.detach();
    }

    /** The edge acked on {@code channel}: media toward the edge may flow. */
    void acked(Channel channel) {
        if (!acked && channel == traversalChannel && !closed) {
            acked = true;
            traversal.attach(channel);
        }
    }

    /** Connects the inside leg to the signalled endpoint; the same address keeps the leg. */
    void insideEndpoint(InetSocketAddress address) {
        if (closed || Objects.equals(address, insideAddress)) {
            return;
        }
        insideAddress = address;
        RelayStream.closeQuietly(inside.detach());
        try {
            inside.attach(stream.relay.runtime.sockets.connect(stream.loop,
                    new InetSocketAddress(stream.relay.config().address(), insidePort), address,
                    new MediaForwardingHandler(traversal, stream.toOutside)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("media: cannot connect inside port {} to {}: {}", insidePort, address, e.getMessage());
        }
    }

    void sendProbe(RelayToken token) {
        Channel leg = traversalChannel;
        if (leg != null && leg.isActive() && token != null) {
            leg.writeAndFlush(ProbeCodec.encode(NetTransport.ALLOCATOR, token, index), leg.voidPromise());
        }
    }

    /** Closes every socket, then frees the inside port. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        acked = false;
        traversal.detach();
        RelayStream.closeQuietly(traversalChannel);
        RelayStream.closeQuietly(inside.detach());
        RelayStream.closeQuietly(catchAll);
        stream.relay.freePort(insidePort);
    }
}
