package io.mraedge.sip;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler of a SIP traversal stream (either role): turns DATA frames into the byte stream
 * the SIP decoder reads, and outgoing bytes into DATA frames, so that the same codec serves a
 * socket and a stream. END_STREAM, RST_STREAM or a non-2xx answer to the CONNECT closes the
 * stream channel; the flow handler then closes its other side.
 *
 * <p>Ownership: a DATA frame's content is passed on (the frame itself holds nothing else);
 * headers and reset frames are released here. An outgoing ByteBuf is wrapped, not copied.
 */
public final class TraversalByteAdapter extends ChannelDuplexHandler {
    public static final String NAME = "traversal-bytes";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            boolean end = data.isEndStream();
            ByteBuf content = data.content();
            if (content.isReadable()) {
                ctx.fireChannelRead(content);
            } else {
                content.release();
            }
            if (end) {
                ctx.close();
            }
            return;
        }
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                CharSequence status = headers.headers().status();
                if ((status != null && (status.length() != 3 || status.charAt(0) != '2')) || headers.isEndStream()) {
                    ctx.close();
                }
            } else if (msg instanceof Http2ResetFrame) {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            ctx.write(new DefaultHttp2DataFrame(buf), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
