package io.mraedge.sip.connector;

import io.mraedge.sip.codec.NameAddress;
import io.mraedge.sip.codec.SipDecoderException;
import io.mraedge.sip.codec.SipHeaderNames;
import io.mraedge.sip.codec.SipKeepalive;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to the connector's inside listener (Unified CM or Kamailio following a Path or
 * Record-Route): each request is routed by the flow token in its top Route to that client's
 * flow; an unknown or forged token gets 430 Flow Failed (RFC 5626 §5.3). Pipeline:
 * {@code sip-decoder → sip-encoder → inside}.
 *
 * <p>Ownership: a routed request passes to the flow; anything else is answered and released.
 */
final class InsideHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "sip-inside";
    private static final Logger log = LoggerFactory.getLogger(InsideHandler.class);

    private final SipConnectorService service;

    InsideHandler(SipConnectorService service) {
        this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SipRequest r) {
            if (r.decoderResult().isFailure()) {
                SipDecoderException e = (SipDecoderException) r.decoderResult().cause();
                log.info("sip: malformed request on the inside listener from {}: {}", ctx.channel().remoteAddress(),
                        e.getMessage());
                if (!r.isMethod("ACK")) {
                    ctx.write(SipResponse.to(r, e.status(), e.reason(), null));
                }
                r.release();
                if (!e.recoverable()) {
                    ctx.flush();
                    ctx.close();
                }
                return;
            }
            String top = r.headers().first(SipHeaderNames.ROUTE);
            ConnectorFlow flow = top == null ? null : service.flow(NameAddress.parse(top).user());
            if (flow == null) {
                flow = service.flow(io.mraedge.sip.codec.SipUri.user(r.uri()));
            }
            if (flow == null) {
                if (!r.isMethod("ACK")) {
                    ctx.write(SipResponse.to(r, 430, "Flow Failed", null));
                }
                r.release();
                return;
            }
            flow.deliverFromInside(r, ctx.channel());
        } else if (msg == SipKeepalive.PING) {
            ctx.write(SipKeepalive.PONG);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("sip: inside connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
