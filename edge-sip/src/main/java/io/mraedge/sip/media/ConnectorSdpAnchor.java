package io.mraedge.sip.media;

import io.mraedge.media.ports.PortsExhaustedException;
import io.mraedge.media.relay.ConnectorMediaRelay;
import io.mraedge.media.relay.ConnectorStream;
import io.mraedge.media.sdp.CandidatePolicy;
import io.mraedge.media.sdp.MediaDescription;
import io.mraedge.media.sdp.SdpEdit;
import io.mraedge.media.sdp.SdpLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The connector's anchor: every m-line gets an inside port (pair) and a traversal leg toward
 * the edge.
 * <ul>
 *   <li>SDP from the edge (toward the inside) names the edge's inside address and traversal port
 *       and carries the stream's token in {@code a=x-mra-relay}; the traversal leg connects there
 *       and probes with the token. An m-line without the attribute is not anchored (the edge does
 *       not relay it). The SDP goes on with this connector's address and inside port(s);
 *   <li>SDP from the inside (toward the client): the inside endpoint's address is where the
 *       inside leg sends; the SDP goes on with this connector's address and inside port(s), which
 *       the edge replaces with its own.
 * </ul>
 */
public final class ConnectorSdpAnchor extends SdpAnchor<ConnectorStream> {
    private final ConnectorMediaRelay relay;

    public ConnectorSdpAnchor(ConnectorMediaRelay relay, SdpLimits limits, int maxStreamsPerFlow) {
        super(limits, maxStreamsPerFlow);
        this.relay = relay;
    }

    public ConnectorMediaRelay relay() {
        return relay;
    }

    @Override
    protected boolean anchors(MediaDescription md, Direction from) {
        return from == Direction.TOWARD_CLIENT || !md.attributes(RELAY_ATTRIBUTE).isEmpty();
    }

    @Override
    protected ConnectorStream allocate(MediaDescription md, Direction from, boolean rtcp, String flowId)
            throws PortsExhaustedException {
        return relay.allocate(rtcp);
    }

    @Override
    protected void anchor(ConnectorStream stream, MediaDescription md, Direction from, SdpEdit.Builder edit,
                          String flowId) {
        boolean rtcp = stream.insideRtcpPort().isPresent();
        if (from == Direction.TOWARD_INSIDE) {
            List<String> token = md.attributes(RELAY_ATTRIBUTE);
            InetSocketAddress edge = rtpAddress(md);
            if (!token.isEmpty() && edge != null) {
                stream.edge(edge, rtcp ? rtcpAddress(md) : null, token.get(0).trim());
            }
            edit.media(md.index(), stream.insidePort(), stream.insideRtcpPort());
        } else {
            InetSocketAddress endpoint = rtpAddress(md);
            if (endpoint != null) { // a hold address (0.0.0.0): keep sending where we did
                stream.inside(endpoint, rtcp ? rtcpAddress(md) : null);
            }
            // Informational: the edge replaces it with its outside port (the traversal leg may not exist yet).
            edit.media(md.index(), stream.insidePort(), stream.insideRtcpPort());
        }
    }

    @Override
    protected InetAddress address(Direction toward) {
        return relay.config().address();
    }

    @Override
    protected CandidatePolicy candidates(Direction toward) {
        return CandidatePolicy.STRIP;
    }

    @Override
    protected boolean isOpen(ConnectorStream stream) {
        return stream.isOpen();
    }

    @Override
    protected boolean hasRtcp(ConnectorStream stream) {
        return stream.insideRtcpPort().isPresent();
    }

    @Override
    protected void dropRtcp(ConnectorStream stream) {
        stream.dropRtcp();
    }

    @Override
    protected void onExpired(ConnectorStream stream, Runnable action) {
        stream.onExpired(action);
    }

    @Override
    protected void close(ConnectorStream stream) {
        stream.close();
    }
}
