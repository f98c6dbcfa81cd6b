package io.mraedge.core.traversal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays bytes between a socket (a client's TLS connection on the edge, an upstream connection
 * on the connector) and a traversal stream, both ways, with backpressure end to end.
 *
 * <p>Flow control: auto-read is off on both channels. Each side asks for more only while the
 * other side is writable, and a writability change on one side resumes reading on the other.
 * A stream channel consumes (returns HTTP/2 window for) only the frames it has read, so a slow
 * reader on one stream exhausts that stream's window and stalls only its own writer; other
 * streams on the same connection keep their windows (ARCHITECTURE.md, "Liveness and recovery").
 *
 * <p>Ownership: a ByteBuf read from the socket is handed to the stream inside a DATA frame; a
 * DATA frame's content read from the stream is handed to the socket. Anything else is released
 * here. An ended stream (END_STREAM or RST) closes the socket after a flush; a closed socket
 * ends the stream with an empty END_STREAM DATA frame.
 */
public final class FlowRelay {
    private static final Logger log = LoggerFactory.getLogger(FlowRelay.class);

    /** Pipeline name of the relay handler on the socket. */
    public static final String SOCKET_HANDLER = "flow-relay";
    /** Pipeline name of the relay handler on the stream. */
    public static final String STREAM_HANDLER = "flow-relay";

    private FlowRelay() {
    }

    /**
     * Joins {@code socket} and {@code stream} and starts reading from both. Call it on either
     * channel's event loop once both are active.
     */
    public static void bridge(Channel socket, Http2StreamChannel stream) {
        socket.config().setAutoRead(false);
        stream.config().setAutoRead(false);
        socket.pipeline().addLast(SOCKET_HANDLER, new SocketSide(stream));
        stream.pipeline().addLast(STREAM_HANDLER, new StreamSide(socket));
        socket.read();
        stream.read();
    }

    /** On the socket: bytes become DATA frames on the stream. */
    private static final class SocketSide extends ChannelInboundHandlerAdapter {
        private final Http2StreamChannel stream;
        private boolean ended;

        SocketSide(Http2StreamChannel stream) {
            this.stream = stream;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf && buf.isReadable() && stream.isActive() && !ended) {
                stream.write(new DefaultHttp2DataFrame(buf));
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            stream.flush();
            if (stream.isWritable()) {
                ctx.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                stream.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (stream.isActive() && !ended) {
                ended = true;
                stream.writeAndFlush(new DefaultHttp2DataFrame(true));
            }
            // Keep reading so that the far side's END_STREAM is consumed and the stream closes.
            stream.read();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: socket error, closing the flow: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }

    /** On the stream: DATA frames become bytes on the socket. */
    private static final class StreamSide extends ChannelInboundHandlerAdapter {
        private final Channel socket;
        private boolean ended;

        StreamSide(Channel socket) {
            this.socket = socket;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2DataFrame data) {
                ended |= data.isEndStream();
                ByteBuf content = data.content();
                if (content.isReadable() && socket.isActive()) {
                    socket.write(content);
                } else {
                    data.release();
                }
            } else if (msg instanceof Http2HeadersFrame headers) {
                ended |= headers.isEndStream();
                CharSequence status = headers.headers().status();
                if (status != null && (status.length() != 3 || status.charAt(0) != '2')) {
                    log.debug("{}: the far side refused the flow with status {}", ctx.channel(), status);
                    ended = true;
                }
            } else {
                ended |= msg instanceof Http2ResetFrame;
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (ended) {
                socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            socket.flush();
            if (socket.isWritable() || !socket.isActive()) {
                // A closed socket is drained: frames are released until the stream ends.
                ctx.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                socket.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Http2ResetFrame) {
                socket.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: stream error, closing the flow: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }
}
