package io.mraedge.xmpp.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * On the edge's CONNECT stream until the relay starts: waits for the connector's answer (the
 * response HEADERS), tells it to the negotiation once, and removes itself. Auto-read is off, so
 * each {@code read()} brings one frame and nothing after the answer reaches this handler;
 * {@link io.mraedge.core.traversal.FlowRelay} reads the rest.
 *
 * <p>Ownership: every frame it reads is released here. The answer is {@code :status}, or null
 * when the stream was reset or closed first.
 */
final class FlowAnswerHandler extends ChannelInboundHandlerAdapter {
    private final Consumer<String> answer;
    private boolean answered;

    FlowAnswerHandler(Consumer<String> answer) {
        this.answer = answer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers && !answered) {
                CharSequence status = headers.headers().status();
                ctx.pipeline().remove(this);
                answer(status == null ? "" : status.toString());
            } else {
                answer(null);
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame) {
            answer(null);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        answer(null);
        ctx.fireChannelInactive();
    }

    private void answer(String status) {
        if (!answered) {
            answered = true;
            answer.accept(status);
        }
    }
}
