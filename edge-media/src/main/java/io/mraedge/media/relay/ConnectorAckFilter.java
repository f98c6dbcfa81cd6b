package io.mraedge.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;

/**
 * On a connector traversal leg: the edge's ack (our probe echoed, same token and component)
 * opens the way toward the edge and is not forwarded; any other probe-shaped datagram is
 * dropped. Media passes.
 */
final class ConnectorAckFilter implements ControlPacketFilter {
    private final ConnectorComponent component;

    ConnectorAckFilter(ConnectorComponent component) {
        this.component = component;
    }

    @Override
    public boolean take(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (!ProbeCodec.isProbe(content)) {
            return false;
        }
        RelayToken token = component.stream.token();
        if (token != null && ProbeCodec.hasToken(content, token) && ProbeCodec.component(content) == component.index) {
            component.acked(ctx.channel());
        } else {
            component.stream.toInside.dropped(DropReason.UNKNOWN_TOKEN, ProbeCodec.LENGTH);
        }
        packet.release();
        return true;
    }
}
