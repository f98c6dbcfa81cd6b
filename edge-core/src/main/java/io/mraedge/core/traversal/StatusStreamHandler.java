package io.mraedge.core.traversal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the connector's status stream on the edge: newline-delimited JSON, one report per line.
 * A line longer than {@code maxLine} bytes, a non-200 answer or a malformed report closes the
 * whole traversal connection: a connector that cannot report cannot be routed to.
 *
 * <p>Bytes of an unfinished line are kept in one cumulation buffer, released when the stream
 * ends. DATA frames are released here.
 */
final class StatusStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StatusStreamHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TraversalConnection connection;
    private final int maxLine;
    private ByteBuf pending;

    StatusStreamHandler(TraversalConnection connection, int maxLine) {
        this.connection = connection;
        this.maxLine = maxLine;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                CharSequence status = headers.headers().status();
                if (status != null && !"200".contentEquals(status)) {
                    fail(ctx, "status stream answered " + status);
                }
            } else if (msg instanceof Http2DataFrame data) {
                append(ctx, data.content());
                if (data.isEndStream()) {
                    fail(ctx, "status stream ended");
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void append(ChannelHandlerContext ctx, ByteBuf in) {
        if (pending == null) {
            pending = ctx.alloc().buffer(Math.max(256, in.readableBytes()));
        }
        pending.writeBytes(in);
        int eol;
        while ((eol = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n')) >= 0) {
            int length = eol - pending.readerIndex();
            if (length > 0) {
                parse(ctx, pending.readSlice(length));
            }
            pending.skipBytes(1);
            if (!ctx.channel().isActive()) {
                return;
            }
        }
        if (pending.readableBytes() > maxLine) {
            fail(ctx, "status line longer than " + maxLine + " bytes");
            return;
        }
        pending.discardReadBytes();
    }

    private void parse(ChannelHandlerContext ctx, ByteBuf line) {
        try (ByteBufInputStream in = new ByteBufInputStream(line)) {
            connection.onReport(StatusReport.parse(JSON.readTree(in)));
        } catch (IOException | IllegalArgumentException e) {
            fail(ctx, "malformed status line: " + e.getMessage());
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        log.warn("traversal: connector {}: {}; closing the connection", connection.connectorName(), why);
        connection.markDown(why);
        connection.close();
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        if (connection.channel().isActive() && connection.state() != TraversalConnection.State.DRAINING) {
            // The status stream is part of the contract: without it the connection is useless.
            connection.markDown("status stream closed");
            connection.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, "status stream error: " + cause);
    }
}
