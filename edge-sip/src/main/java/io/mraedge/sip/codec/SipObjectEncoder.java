package io.mraedge.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes a {@link SipMessage}: start line and headers into one buffer, then the body as it is
 * (no copy). Content-Length is always written from the body's length, so a rewritten body (SDP)
 * stays framed correctly (RFC 3261 §18.3). Keepalives become CRLFCRLF (ping) or CRLF (pong);
 * other messages (a STUN {@code ByteBuf}) pass through untouched.
 *
 * <p>Ownership: the encoder writes the body with its own reference and the base class releases
 * the message after {@code encode}.
 */
@ChannelHandler.Sharable
public final class SipObjectEncoder extends MessageToMessageEncoder<Object> {
    public static final SipObjectEncoder INSTANCE = new SipObjectEncoder();

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SP = {':', ' '};

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof SipMessage || msg instanceof SipKeepalive || msg instanceof StunMessage;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof SipKeepalive k) {
            out.add(ctx.alloc().buffer(4).writeBytes(CRLF).writeBytes(k == SipKeepalive.PING ? CRLF : new byte[0]));
            return;
        }
        if (msg instanceof StunMessage stun) {
            out.add(stun.content().retain());
            return;
        }
        SipMessage m = (SipMessage) msg;
        SipHeaders h = m.headers();
        ByteBuf buf = ctx.alloc().buffer(256 + 64 * h.size());
        ByteBufUtil.writeUtf8(buf, m.startLine());
        buf.writeBytes(CRLF);
        for (int i = 0; i < h.size(); i++) {
            if (h.name(i).equalsIgnoreCase(SipHeaderNames.CONTENT_LENGTH)) {
                continue;
            }
            ByteBufUtil.writeUtf8(buf, h.name(i));
            buf.writeBytes(COLON_SP);
            ByteBufUtil.writeUtf8(buf, h.value(i));
            buf.writeBytes(CRLF);
        }
        ByteBuf body = m.body();
        ByteBufUtil.writeAscii(buf, SipHeaderNames.CONTENT_LENGTH + ": " + body.readableBytes());
        buf.writeBytes(CRLF).writeBytes(CRLF);
        out.add(buf);
        if (body.isReadable()) {
            out.add(body.retain());
        }
    }
}
