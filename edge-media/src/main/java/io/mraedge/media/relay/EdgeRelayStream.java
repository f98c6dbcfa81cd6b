package io.mraedge.media.relay;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.OptionalInt;

/** The edge's {@link EdgeStream}: its components live on {@link #loop}. */
final class EdgeRelayStream extends RelayStream implements EdgeStream {
    final EdgeMediaRelay relay;
    final RelayToken token;
    private final int traversalPort;
    private final EdgeComponent rtp;
    // Written on the loop (dropRtcp); read by getters from any thread.
    private volatile EdgeComponent rtcp;

    EdgeRelayStream(EdgeMediaRelay relay, EventLoop loop, RelayToken token, int outsidePort, boolean withRtcp,
                    int traversalPort, InetSocketAddress signalledRtp) {
        super(relay.runtime, loop);
        this.relay = relay;
        this.token = token;
        this.traversalPort = traversalPort;
        this.rtp = new EdgeComponent(this, ProbeCodec.RTP, outsidePort, traversalPort, signalledRtp);
        this.rtcp = withRtcp ? new EdgeComponent(this, ProbeCodec.RTCP, outsidePort + 1, traversalPort + 1,
                rtcpOf(signalledRtp, null)) : null;
    }

    /**
     * A probe for component {@code index} arrived on traversal port {@code port}: queue the leg's
     * (re)attachment on the stream's loop. Called on the catch-all's loop.
     *
     * @return false when the stream has no such component on that port
     */
    boolean probed(int port, int index, InetSocketAddress source) {
        EdgeComponent component = index == ProbeCodec.RTP ? rtp : index == ProbeCodec.RTCP ? rtcp : null;
        if (component == null || component.traversalPort != port || !isOpen()) {
            return false;
        }
        loop.execute(() -> component.probed(source));
        return true;
    }

    @Override
    public int outsidePort() {
        return rtp.outsidePort;
    }

    @Override
    public OptionalInt outsideRtcpPort() {
        EdgeComponent c = rtcp;
        return c == null ? OptionalInt.empty() : OptionalInt.of(c.outsidePort);
    }

    @Override
    public int traversalPort() {
        return traversalPort;
    }

    @Override
    public OptionalInt traversalRtcpPort() {
        EdgeComponent c = rtcp;
        return c == null ? OptionalInt.empty() : OptionalInt.of(c.traversalPort);
    }

    @Override
    public String token() {
        return token.hex();
    }

    @Override
    public void signalled(InetSocketAddress rtpAddress, InetSocketAddress rtcpAddress) {
        Objects.requireNonNull(rtpAddress, "rtp");
        LoopCalls.run(loop, () -> {
            rtp.signal(rtpAddress);
            EdgeComponent c = rtcp;
            if (c != null) {
                c.signal(rtcpOf(rtpAddress, rtcpAddress));
            }
        });
    }

    @Override
    RelayComponent rtpComponent() {
        return rtp;
    }

    @Override
    RelayComponent rtcpComponent() {
        return rtcp;
    }

    @Override
    RelayComponent takeRtcp() {
        EdgeComponent c = rtcp;
        rtcp = null;
        return c;
    }

    @Override
    void teardown() {
        relay.forget(this);
        closeComponents();
    }

    /** RFC 3550 §11: without a=rtcp (RFC 3605), RTCP is on the RTP port + 1. */
    static InetSocketAddress rtcpOf(InetSocketAddress rtp, InetSocketAddress rtcp) {
        if (rtcp != null || rtp == null) {
            return rtcp;
        }
        return new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }

    @Override
    public String toString() {
        return "EdgeStream[outside " + rtp.outsidePort + ", traversal " + traversalPort + ", " + token + "]";
    }
}
