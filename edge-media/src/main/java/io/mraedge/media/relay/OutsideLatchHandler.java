package io.mraedge.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The catch-all of an edge outside port: it receives what no connected leg of the port takes.
 * Unlatched, the first datagram from a source the {@link LatchPolicy} accepts latches (a
 * connected leg to it becomes the outside leg) and is forwarded. Datagrams from the latched
 * source that the kernel queued here before the leg was connected are forwarded too. Everything
 * else is a stray: released and counted on the stream.
 *
 * <p>Buffer ownership: forwarded content passes to the inside leg; the rest is released here.
 */
final class OutsideLatchHandler extends ChannelInboundHandlerAdapter {
    private final EdgeComponent component;
    private final PendingFlush pending = new PendingFlush();

    OutsideLatchHandler(EdgeComponent component) {
        this.component = component;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DirectionCounters counters = component.stream.toInside;
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            counters.dropped(DropReason.ERROR, 0);
            return;
        }
        InetSocketAddress sender = packet.sender();
        Channel leg = component.outside.channel();
        if (sender != null && leg == null && component.acceptable(sender)) {
            leg = component.latch(sender);
        }
        if (leg != null && sender != null && sender.equals(leg.remoteAddress())) {
            pending.wrote(MediaForwardingHandler.forward(packet, component.inside, counters));
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
        component.stream.toInside.dropped(DropReason.ERROR, 0);
    }
}
