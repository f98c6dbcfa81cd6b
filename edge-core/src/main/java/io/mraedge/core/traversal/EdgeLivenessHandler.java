package io.mraedge.core.traversal;

import io.mraedge.core.config.LivenessConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connection-level frames on the edge's side of a traversal connection: sends a PING every
 * {@code ping-interval} and marks the connection DOWN and closes it when {@code ping-misses}
 * PINGs in a row go unanswered; records the round-trip time; turns a GOAWAY from the connector
 * into DRAINING; and notes whether the connector allows extended CONNECT.
 *
 * <p>Sits after the multiplex handler, which passes on the frames that belong to no stream.
 * Frames are released here.
 */
final class EdgeLivenessHandler extends ChannelInboundHandlerAdapter {
    private final TraversalConnection connection;
    private final long intervalNanos;
    private final int misses;
    private ScheduledFuture<?> ticker;
    private int outstanding;

    EdgeLivenessHandler(TraversalConnection connection, LivenessConfig liveness) {
        this.connection = connection;
        this.intervalNanos = liveness.pingInterval().toNanos();
        this.misses = liveness.pingMisses();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // The first PING goes out at once, so status shows an RTT as soon as the link is up.
        ticker = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), 0, intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (outstanding >= misses) {
            connection.markDown(misses + " PINGs unanswered (ping-interval "
                    + TimeUnit.NANOSECONDS.toMillis(intervalNanos) + " ms)");
            ctx.close();
            return;
        }
        outstanding++;
        ctx.writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2PingFrame ping && ping.ack()) {
                outstanding = 0;
                connection.onRtt(Math.max(0, System.nanoTime() - ping.content()));
            } else if (msg instanceof Http2SettingsFrame settings) {
                connection.onSettings(settings.settings().connectProtocolEnabled());
            } else if (msg instanceof Http2GoAwayFrame goAway) {
                connection.markDraining("connector sent GOAWAY (" + goAway.errorCode() + ")");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.markDown("error: " + AlpnGuard.rootMessage(cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        connection.markDown("connection closed");
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }
}
