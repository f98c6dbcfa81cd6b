package io.mraedge.media.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;

/**
 * Takes the relay's own control datagrams (probes and their acks) out of a leg's media before
 * {@link MediaForwardingHandler} forwards it. Called on the leg's event loop for every datagram,
 * so an implementation must not allocate for media it does not take.
 */
@FunctionalInterface
public interface ControlPacketFilter {
    /** Takes nothing: every datagram is media. */
    ControlPacketFilter NONE = (ctx, packet) -> false;

    /**
     * @return {@code true} when the filter took {@code packet}, and with it the duty to release
     *         it; {@code false} to leave it (unreleased) to the forwarding handler
     */
    boolean take(ChannelHandlerContext ctx, DatagramPacket packet);
}
