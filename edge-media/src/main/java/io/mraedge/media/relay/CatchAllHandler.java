package io.mraedge.media.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The handler of a port's unconnected catch-all socket, which receives what no connected leg of
 * the port takes: a datagram whose sender {@link #forwardTo} names a leg for is forwarded like a
 * leg's own (batched until read complete); everything else is a stray, released and counted.
 *
 * <p>Buffer ownership: forwarded content passes to the other leg; the rest is released here.
 */
abstract class CatchAllHandler extends ChannelInboundHandlerAdapter {
    private final DirectionCounters counters;
    private final PendingFlush pending = new PendingFlush();

    CatchAllHandler(DirectionCounters counters) {
        this.counters = counters;
    }

    /** Where a datagram from {@code sender} goes, or null when it is a stray; on the loop. */
    abstract MediaLeg forwardTo(InetSocketAddress sender);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            counters.dropped(DropReason.ERROR, 0);
            return;
        }
        InetSocketAddress sender = packet.sender();
        MediaLeg to = sender == null ? null : forwardTo(sender);
        if (to != null) {
            pending.wrote(MediaForwardingHandler.forward(packet, to, counters));
            return;
        }
        int bytes = packet.content().readableBytes();
        packet.release();
        counters.dropped(DropReason.STRAY, bytes);
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        pending.flush();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.dropped(DropReason.ERROR, 0);
    }
}
