package io.mraedge.sip;

import io.mraedge.sip.codec.SipMessage;

/**
 * The hook for the media issue: the edge and the connector call it on every message that
 * carries a body before passing it on, so that a media relay can rewrite SDP ({@code c=},
 * {@code m=}, candidates) for its leg. Here SDP passes untouched ({@link #IDENTITY}).
 *
 * <p>Ownership: a rewriter that replaces the body uses {@link SipMessage#body(io.netty.buffer.ByteBuf)},
 * which releases the old one; the encoder writes Content-Length from the new body.
 */
@FunctionalInterface
public interface SdpRewriter {
    /** Which way the message is going, so a relay knows which leg to anchor. */
    enum Direction { TOWARD_INSIDE, TOWARD_CLIENT }

    SdpRewriter IDENTITY = (message, direction, flowId) -> { };

    /**
     * Rewrites {@code message}'s body in place when it is SDP.
     *
     * @param flowId identifies the client flow, so that a media session can follow its dialog
     */
    void rewrite(SipMessage message, Direction direction, String flowId);
}
