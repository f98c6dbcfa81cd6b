package io.mraedge.media.relay;

import io.mraedge.core.net.NetTransport;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component (RTP or RTCP) of an edge stream: the outside port P with its catch-all, the
 * outside leg latched onto the client, and the inside leg on traversal port T that the
 * connector's probe attached. Loop-confined: every method runs on the stream's event loop.
 */
final class EdgeComponent implements RelayComponent {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeComponent.class);

    final EdgeRelayStream stream;
    /** {@link ProbeCodec#RTP} or {@link ProbeCodec#RTCP}. */
    final int index;
    final int outsidePort;
    final int traversalPort;
    final MediaLeg outside = new MediaLeg();
    final MediaLeg inside = new MediaLeg();
    private Channel catchAll;
    private InetSocketAddress signalled;
    private boolean closed;

    EdgeComponent(EdgeRelayStream stream, int index, int outsidePort, int traversalPort, InetSocketAddress signalled) {
        this.stream = stream;
        this.index = index;
        this.outsidePort = outsidePort;
        this.traversalPort = traversalPort;
        this.signalled = signalled;
    }

    @Override
    public void open() throws IOException {
        catchAll = stream.relay.runtime.sockets.bind(stream.loop,
                new InetSocketAddress(stream.relay.config().bindAddress(), outsidePort), new OutsideLatchHandler(this));
    }

    /** A new signalled address un-latches; the same one changes nothing. */
    void signal(InetSocketAddress address) {
        if (closed || Objects.equals(address, signalled)) {
            return;
        }
        signalled = address;
        RelayStream.closeQuietly(outside.detach());
    }

    boolean acceptable(InetSocketAddress source) {
        return !closed && stream.relay.config().latch().accepts(signalled, source);
    }

    /** Latches onto {@code source}: the outside leg; {@code null} when the socket cannot be opened. */
    Channel latch(InetSocketAddress source) {
        try {
            Channel leg = stream.relay.runtime.sockets.connect(stream.loop,
                    new InetSocketAddress(stream.relay.config().bindAddress(), outsidePort), source,
                    new MediaForwardingHandler(inside, stream.toInside));
            outside.attach(leg);
            return leg;
        } catch (IOException | RuntimeException e) {
            LOG.warn("media: cannot latch outside port {} onto {}: {}", outsidePort, source, e.getMessage());
            return null;
        }
    }

    /** A probe from {@code source} with this component's token: (re)attach the inside leg and ack. */
    void probed(InetSocketAddress source) {
        if (closed) {
            return;
        }
        Channel current = inside.channel();
        if (current != null && current.isActive() && source.equals(current.remoteAddress())) {
            ack(current);
            return;
        }
        RelayStream.closeQuietly(inside.detach());
        try {
            Channel leg = stream.relay.runtime.sockets.connect(stream.loop,
                    new InetSocketAddress(stream.relay.config().insideAddress(), traversalPort), source,
                    new MediaForwardingHandler(outside, stream.toOutside, new EdgeProbeFilter(this)));
            inside.attach(leg);
            ack(leg);
        } catch (IOException | RuntimeException e) {
            LOG.warn("media: cannot attach traversal port {} to {}: {}", traversalPort, source, e.getMessage());
        }
    }

    void ack(Channel leg) {
        leg.writeAndFlush(ProbeCodec.encode(NetTransport.ALLOCATOR, stream.token, index), leg.voidPromise());
    }

    /** Closes every socket, then frees the outside port. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RelayStream.closeQuietly(outside.detach());
        RelayStream.closeQuietly(inside.detach());
        RelayStream.closeQuietly(catchAll);
        stream.relay.freePort(outsidePort);
    }
}
