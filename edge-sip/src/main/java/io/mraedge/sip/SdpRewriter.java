package io.mraedge.sip;

import io.mraedge.sip.codec.SipMessage;

/**
 * The media anchoring point of both roles: the edge and the connector call it on every SIP
 * message they pass on (with or without a body), so that a media relay can rewrite SDP
 * ({@code c=}, {@code m=}, {@code a=rtcp}, candidates) for its leg and follow the dialog (BYE,
 * CANCEL and failure answers end a call's media). {@link #IDENTITY} passes everything untouched;
 * {@code io.mraedge.sip.media} holds the anchors.
 *
 * <p>Ownership: a rewriter that replaces the body uses {@link SipMessage#body(io.netty.buffer.ByteBuf)},
 * which releases the old one; the encoder writes Content-Length from the new body. The message
 * itself stays the caller's.
 */
public interface SdpRewriter {
    /** Which way the message is going, so a relay knows which leg to anchor. */
    enum Direction { TOWARD_INSIDE, TOWARD_CLIENT }

    SdpRewriter IDENTITY = (message, direction, flowId) -> { };

    /**
     * Rewrites {@code message}'s body in place when it is SDP, and follows its dialog.
     *
     * @param flowId identifies the client flow, so that a media session can follow its dialog
     * @throws MediaRefusal when a request cannot be anchored (no ports, unreadable SDP): the caller
     *                      answers the request with the refusal's status instead of passing it on.
     *                      Responses and ACK are never refused.
     */
    void rewrite(SipMessage message, Direction direction, String flowId);

    /** A client flow has begun; {@code client} is the address its connection comes from. */
    default void flowOpened(String flowId, java.net.InetSocketAddress client) {
    }

    /** The client flow has ended: every call's media on it ends too. */
    default void flowClosed(String flowId) {
    }
}
