package io.mraedge.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;

/**
 * On an edge inside leg: a probe with the stream's token and this component is the connector's
 * keepalive, answered with the same 21 bytes (the buffer itself is written back) and never
 * forwarded; a probe-shaped datagram with another token or component is dropped. Media passes.
 */
final class EdgeProbeFilter implements ControlPacketFilter {
    private final EdgeComponent component;

    EdgeProbeFilter(EdgeComponent component) {
        this.component = component;
    }

    @Override
    public boolean take(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (!ProbeCodec.isProbe(content)) {
            return false;
        }
        if (ProbeCodec.hasToken(content, component.stream.token) && ProbeCodec.component(content) == component.index) {
            // Ownership of the content passes to the write.
            ctx.writeAndFlush(content, ctx.voidPromise());
        } else {
            packet.release();
            component.stream.toOutside.dropped(DropReason.UNKNOWN_TOKEN, ProbeCodec.LENGTH);
        }
        return true;
    }
}
