package io.mraedge.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The catch-all of a connector inside port: datagrams from the signalled inside endpoint that
 * the kernel queued here before the inside leg was connected are forwarded as if the leg had read
 * them; everything else is a stray, released and counted toward the outside.
 */
final class InsideCatchAllHandler extends ChannelInboundHandlerAdapter {
    private final ConnectorComponent component;
    private final PendingFlush pending = new PendingFlush();

    InsideCatchAllHandler(ConnectorComponent component) {
        this.component = component;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DirectionCounters counters = component.stream.toOutside;
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            counters.dropped(DropReason.ERROR, 0);
            return;
        }
        InetSocketAddress sender = packet.sender();
        Channel leg = component.inside.channel();
        if (leg != null && sender != null && sender.equals(leg.remoteAddress())) {
            pending.wrote(MediaForwardingHandler.forward(packet, component.traversal, counters));
            return;
        }
        int bytes = packet.content().readableBytes();
        packet.release();
        counters.dropped(DropReason.STRAY, bytes);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        pending.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        component.stream.toOutside.dropped(DropReason.ERROR, 0);
    }
}
