package io.mraedge.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;

/**
 * The media hot path: the only handler of a connected leg's channel. For each datagram read it
 * writes {@code packet.content()} to the other side's channel ({@link MediaLeg}) with the void
 * promise; the other channel is connected, so a bare {@code ByteBuf} is a complete datagram.
 * It flushes once per read batch, in {@link #channelReadComplete}, so that the epoll transport
 * sends the batch with one {@code sendmmsg}.
 *
 * <p>Nothing is allocated here per datagram: no copy, no promise, no lambda or iterator, no
 * boxing; counting is a few {@code long} additions on the loop thread. (The epoll read path
 * itself allocates a {@code DatagramPacket} and a sender {@code InetSocketAddress} per datagram,
 * in {@code NativeDatagramPacketArray.newDatagramPacket}; the handler adds nothing to that.)
 *
 * <p><b>Buffer ownership:</b> a forwarded datagram's content passes to the other channel's
 * outbound buffer, which releases it once sent. Every datagram not forwarded, because the other
 * side is absent, inactive or not writable, is released here and counted as dropped
 * ({@link DropReason}); a {@link ControlPacketFilter} that takes a datagram releases it itself.
 * Messages that are not datagrams are released and counted as errors. Exceptions (an ICMP port
 * unreachable on a connected socket, a failed send) are counted and not propagated.
 *
 * <p>Not {@code @Sharable}: it remembers which channel to flush. Both sides of a component live
 * on one event loop, which is what makes the unsynchronised hand-over safe and cheap.
 *
 * <p><b>Standalone</b>, e.g. for a JMH benchmark with two {@code EmbeddedChannel}s:
 * <pre>{@code
 * MediaLeg toB = new MediaLeg();
 * DirectionCounters aToB = new DirectionCounters();
 * EmbeddedChannel b = new EmbeddedChannel();
 * toB.attach(b);
 * EmbeddedChannel a = new EmbeddedChannel(new MediaForwardingHandler(toB, aToB));
 * a.writeInbound(new DatagramPacket(payload, recipient, sender)); // read + readComplete (flush)
 * ByteBuf sent = b.readOutbound();                                   // the same buffer; release it
 * }</pre>
 * To see the handler's own allocation, drive it from a {@code FastThreadLocalThread}, as event
 * loops are: elsewhere Netty's recyclers do not pool, and the peer channel's outbound buffer
 * allocates an entry per write (64 bytes, measured; MediaForwardingHandlerTest checks that the
 * handler path allocates nothing on such a thread).
 */
public final class MediaForwardingHandler extends ChannelInboundHandlerAdapter {
    private final MediaLeg peer;
    private final DirectionCounters counters;
    private final ControlPacketFilter control;
    private final PendingFlush pending = new PendingFlush();

    /**
     * @param peer     the other side of the component, whose channel datagrams are written to
     * @param counters this direction's counters
     */
    public MediaForwardingHandler(MediaLeg peer, DirectionCounters counters) {
        this(peer, counters, ControlPacketFilter.NONE);
    }

    /**
     * @param control takes the relay's control datagrams (probes) before forwarding
     */
    public MediaForwardingHandler(MediaLeg peer, DirectionCounters counters, ControlPacketFilter control) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.control = Objects.requireNonNull(control, "control");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            counters.dropped(DropReason.ERROR, 0);
            return;
        }
        if (control.take(ctx, packet)) {
            return;
        }
        pending.wrote(forward(packet, peer, counters));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        pending.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ECONNREFUSED after an ICMP port unreachable, or a send failure reported through the void
        // promise: media is lossy by nature, so count it and keep the leg.
        counters.dropped(DropReason.ERROR, 0);
    }

    /**
     * Writes {@code packet}'s content to {@code peer}'s channel, or releases the packet and counts
     * the drop. Shared with the catch-all handlers, which forward datagrams that reached them
     * before their leg was connected.
     *
     * @return the channel written to, which the caller flushes, or {@code null} when dropped
     */
    static Channel forward(DatagramPacket packet, MediaLeg peer, DirectionCounters counters) {
        ByteBuf content = packet.content();
        int bytes = content.readableBytes();
        Channel out = peer.channel();
        if (out == null || !out.isActive()) {
            packet.release();
            counters.dropped(DropReason.NO_PEER, bytes);
            return null;
        }
        if (!out.isWritable()) {
            packet.release();
            counters.dropped(DropReason.NOT_WRITABLE, bytes);
            return null;
        }
        out.write(content, out.voidPromise());
        counters.forwarded(bytes);
        return out;
    }
}
