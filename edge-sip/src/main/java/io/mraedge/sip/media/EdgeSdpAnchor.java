package io.mraedge.sip.media;

import io.mraedge.media.ports.PortsExhaustedException;
import io.mraedge.media.relay.EdgeMediaConfig;
import io.mraedge.media.relay.EdgeMediaRelay;
import io.mraedge.media.relay.EdgeStream;
import io.mraedge.media.relay.LatchPolicy;
import io.mraedge.media.sdp.CandidatePolicy;
import io.mraedge.media.sdp.MediaDescription;
import io.mraedge.media.sdp.SdpEdit;
import io.mraedge.media.sdp.SdpLimits;
import io.mraedge.sip.codec.SipMessage;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge's anchor: every m-line gets outside port(s) from the relay.
 * <ul>
 *   <li>SDP from the client (toward the inside): the client's address is what the outside leg may
 *       latch on; the SDP goes on with the edge's inside address, the stream's traversal port(s),
 *       candidates stripped, and {@code a=x-mra-relay:<token>} for the connector's probe;
 *   <li>SDP from the inside (toward the client): the SDP goes on with the public address and the
 *       stream's outside port(s); candidates as configured.
 * </ul>
 */
public final class EdgeSdpAnchor extends SdpAnchor<EdgeStream> {
    private final EdgeMediaRelay relay;
    private final EdgeMediaConfig config;
    /** The address each flow's connection comes from, kept for {@code latch: signalling-ip} only. */
    private final Map<String, InetAddress> clients = new ConcurrentHashMap<>();

    public EdgeSdpAnchor(EdgeMediaRelay relay, SdpLimits limits, int maxStreamsPerFlow) {
        super(limits, maxStreamsPerFlow);
        this.relay = relay;
        this.config = relay.config();
    }

    public EdgeMediaRelay relay() {
        return relay;
    }

    @Override
    public void flowOpened(String flowId, InetSocketAddress client) {
        if (config.latch() == LatchPolicy.SIGNALLING_IP) {
            clients.put(flowId, client.getAddress());
        }
    }

    @Override
    protected void closed(String flowId) {
        clients.remove(flowId);
    }

    @Override
    protected EdgeStream allocate(MediaDescription md, Direction from, boolean rtcp, String flowId)
            throws PortsExhaustedException {
        return relay.allocate(from == Direction.TOWARD_INSIDE ? signalled(rtpAddress(md), flowId) : null, rtcp);
    }

    /**
     * Where the client said it receives an m-line, as the outside leg may latch on it; with
     * {@code latch: signalling-ip} the SDP's address gives way to the one its SIP connection
     * comes from (its NAT's public address), with the SDP's ports.
     */
    private InetSocketAddress signalled(InetSocketAddress fromSdp, String flowId) {
        InetAddress client = fromSdp == null ? null : clients.get(flowId);
        return client == null ? fromSdp : new InetSocketAddress(client, fromSdp.getPort());
    }

    @Override
    protected void anchor(EdgeStream stream, MediaDescription md, Direction from, SdpEdit.Builder edit,
                          String flowId) {
        if (from == Direction.TOWARD_INSIDE) {
            InetSocketAddress rtp = signalled(rtpAddress(md), flowId);
            if (rtp != null) { // a hold address (0.0.0.0) leaves the latch as it is (RFC 3264 §8.4)
                stream.signalled(rtp, stream.outsideRtcpPort().isPresent() ? signalled(rtcpAddress(md), flowId) : null);
            }
            edit.media(md.index(), stream.traversalPort(), stream.traversalRtcpPort());
            edit.addAttribute(md.index(), RELAY_ATTRIBUTE + ":" + stream.token());
        } else {
            edit.media(md.index(), stream.outsidePort(), stream.outsideRtcpPort());
        }
    }

    /**
     * Only the edge names tokens: a client body that goes on unanchored (not SDP of a call, or
     * unreadable) loses every {@code a=x-mra-relay} line, so the connector never probes an
     * address a client chose.
     */
    @Override
    protected void passing(SipMessage message, Direction from) {
        if (from == Direction.TOWARD_INSIDE) {
            ByteBuf cleaned = RelayAttributeFilter.without(message.body(), RELAY_ATTRIBUTE);
            if (cleaned != null) {
                message.body(cleaned);
            }
        }
    }

    @Override
    protected InetAddress address(Direction toward) {
        return toward == Direction.TOWARD_INSIDE ? config.insideAddress() : config.publicAddress();
    }

    @Override
    protected CandidatePolicy candidates(Direction toward) {
        return toward == Direction.TOWARD_INSIDE ? CandidatePolicy.STRIP : config.candidates();
    }

    @Override
    protected boolean isOpen(EdgeStream stream) {
        return stream.isOpen();
    }

    @Override
    protected boolean hasRtcp(EdgeStream stream) {
        return stream.outsideRtcpPort().isPresent();
    }

    @Override
    protected void dropRtcp(EdgeStream stream) {
        stream.dropRtcp();
    }

    @Override
    protected void onExpired(EdgeStream stream, Runnable action) {
        stream.onExpired(action);
    }

    @Override
    protected void close(EdgeStream stream) {
        stream.close();
    }
}
