package io.mraedge.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The catch-all of one edge traversal port, shared by every stream using the port: it receives
 * probes from connectors whose traversal leg is not attached yet (or moved). A probe with a known
 * token, for a component of that stream on this port, is handed to the stream's event loop, which
 * attaches the inside leg and acks. Everything else (unknown tokens, non-probes from anywhere) is
 * released and counted in the loop's totals, toward the outside.
 *
 * <p>Only datagrams shaped like a probe cost a token lookup (and its key); the rest costs a
 * length and a 4-byte compare.
 */
final class TraversalProbeHandler extends ChannelInboundHandlerAdapter {
    private final EdgeMediaRelay relay;
    private final int port;
    private final DirectionCounters counters;

    TraversalProbeHandler(EdgeMediaRelay relay, int port, DirectionCounters counters) {
        this.relay = relay;
        this.port = port;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            counters.dropped(DropReason.ERROR, 0);
            return;
        }
        ByteBuf content = packet.content();
        int bytes = content.readableBytes();
        if (!ProbeCodec.isProbe(content)) {
            packet.release();
            counters.dropped(DropReason.STRAY, bytes);
            return;
        }
        RelayToken token = ProbeCodec.token(content);
        int component = ProbeCodec.component(content);
        InetSocketAddress sender = packet.sender();
        packet.release();
        EdgeRelayStream stream = relay.stream(token);
        if (stream == null || sender == null || !stream.probed(port, component, sender)) {
            counters.dropped(DropReason.UNKNOWN_TOKEN, bytes);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.dropped(DropReason.ERROR, 0);
    }
}
