package io.mraedge.core.traversal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes a traversal socket reads and writes (on the wire, TLS included), into
 * {@link TraversalStats}. First in the pipeline; passes every message on untouched.
 */
@ChannelHandler.Sharable
final class ByteCountingHandler extends ChannelDuplexHandler {
    private final TraversalStats stats;

    ByteCountingHandler(TraversalStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            stats.read(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            stats.written(buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
