package io.mraedge.media.relay;

import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * One SDP m-line's media on the connector: an inside port (pair) toward the inside endpoint and a
 * traversal leg per component toward the edge's traversal port, which it opens by probing. Made
 * by {@link ConnectorMediaRelay#allocate}; owned by the SIP call that anchors the m-line.
 *
 * <p>Thread-safe, with the same timing as {@link EdgeStream}.
 */
public interface ConnectorStream {
    /** The inside port (Q) SDP toward the inside carries, on {@link ConnectorMediaConfig#address()}. */
    int insidePort();

    /** Q+1, when the stream has an RTCP component. */
    OptionalInt insideRtcpPort();

    /**
     * The RTP traversal leg's local address, for the informational SDP toward the edge.
     *
     * @throws IllegalStateException before {@link #edge} was called
     */
    InetSocketAddress traversalLocal();

    /**
     * Where the edge's traversal ports for this stream are, and the token its SDP carried:
     * opens a traversal leg per component and probes until the edge acks. Calling it again with
     * other values re-opens the legs; with the same values it does nothing.
     *
     * @param rtcp the edge's RTCP traversal address, or {@code null} for the RTP port + 1
     * @throws IllegalArgumentException when {@code token} is not 32 hex digits
     */
    void edge(InetSocketAddress rtp, InetSocketAddress rtcp, String token);

    /**
     * The inside endpoint's address from its SDP: the inside is trusted and symmetric, so the
     * connector sends there at once; a change re-connects.
     *
     * @param rtcp the RTCP address, or {@code null} for RTP's port + 1
     */
    void inside(InetSocketAddress rtp, InetSocketAddress rtcp);

    /** rtcp-mux was negotiated: closes the RTCP component and frees its port. */
    void dropRtcp();

    /** As {@link EdgeStream#onExpired}. */
    void onExpired(Runnable callback);

    StreamCounters counters();

    /** Whether the edge has acked the probe of every component (media toward the edge flows only then). */
    boolean edgeAcknowledged();

    boolean isOpen();

    /** Closes the stream and frees its ports; idempotent. */
    void close();
}
