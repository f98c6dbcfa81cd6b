package io.mraedge.media.relay;

import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * One SDP m-line's media on the edge: an outside port (pair) that latches onto the client, and
 * a traversal port (pair) that the connector's probes attach to. Made by
 * {@link EdgeMediaRelay#allocate}; owned by the SIP call that anchors the m-line, which closes it
 * or is told of its expiry.
 *
 * <p>Thread-safe. Changes run on the stream's event loop and have taken effect when a call
 * returns, except when called from another event loop, which never blocks: then they take effect
 * just after.
 */
public interface EdgeStream {
    /** The outside port (P) SDP toward the client carries, on {@link EdgeMediaConfig#publicAddress()}. */
    int outsidePort();

    /** P+1, when the stream has an RTCP component. */
    OptionalInt outsideRtcpPort();

    /** The traversal port (T) SDP toward the inside carries, on {@link EdgeMediaConfig#insideAddress()}. */
    int traversalPort();

    /** T+1, when the stream has an RTCP component. */
    OptionalInt traversalRtcpPort();

    /** The probe token, 32 lower-case hex digits, for {@code a=x-mra-relay:}. */
    String token();

    /**
     * The client's address from its SDP (c= and m=, a=rtcp), which latching checks sources against
     * ({@link LatchPolicy}). A change un-latches: the next acceptable packet latches again.
     *
     * @param rtcp the RTCP address, or {@code null} for RTP's port + 1 (RFC 3550 §11)
     */
    void signalled(InetSocketAddress rtp, InetSocketAddress rtcp);

    /** rtcp-mux was negotiated (RFC 5761): closes the RTCP component and frees its ports. */
    void dropRtcp();

    /**
     * Runs {@code callback} when the stream closes for want of media (not when it is closed). It
     * runs on the stream's event loop and must not block.
     */
    void onExpired(Runnable callback);

    /** Both directions' counts so far. */
    StreamCounters counters();

    boolean isOpen();

    /** Closes the stream and frees its ports; idempotent. */
    void close();
}
