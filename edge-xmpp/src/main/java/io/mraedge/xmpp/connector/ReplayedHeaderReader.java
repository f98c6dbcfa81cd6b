package io.mraedge.xmpp.connector;

import io.mraedge.xmpp.codec.StreamHeader;
import io.mraedge.xmpp.codec.XmppStreamDecoder;
import io.mraedge.xmpp.codec.XmppStreamEvent;
import io.mraedge.xmpp.XmppProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * On the connector's end of an XMPP flow: reads DATA frames until the client's stream header
 * (which the edge sends first, byte for byte as the client wrote it) is complete, checks it, and
 * hands it with any bytes after it to the {@link UpstreamDialer}; then removes itself. It reads
 * one frame at a time (auto-read is off), so nothing after those bytes is read before the relay.
 *
 * <p>The header is bounded by the largest {@code max-header-size} an edge may be configured with
 * ({@link XmppProtocol#MAX_HEADER_SIZE}); the edge has checked its own, smaller limit already.
 *
 * <p>Ownership: frames are released here; the header and the bytes after it are copies owned by
 * the dialer from {@code headerRead} on.
 */
final class ReplayedHeaderReader extends ChannelInboundHandlerAdapter {
    private final XmppStreamService service;
    private final UpstreamDialer dialer;
    private final XmppStreamDecoder decoder = new XmppStreamDecoder(XmppProtocol.MAX_HEADER_SIZE, XmppProtocol.MAX_HEADER_SIZE);
    private ByteBuf bytes;
    private boolean done;

    ReplayedHeaderReader(XmppStreamService service, UpstreamDialer dialer) {
        this.service = service;
        this.dialer = dialer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (done) {
                return;
            }
            if (!(msg instanceof Http2DataFrame data)) {
                return;
            }
            ByteBuf content = data.content();
            if (content.isReadable()) {
                if (bytes == null) {
                    bytes = ctx.alloc().buffer(Math.max(256, content.readableBytes()));
                }
                int from = bytes.writerIndex();
                bytes.writeBytes(content, content.readerIndex(), content.readableBytes());
                decoder.feed(bytes.slice(from, bytes.writerIndex() - from));
                XmppStreamEvent event = decoder.next();
                if (event instanceof XmppStreamEvent.StreamOpened opened) {
                    headerRead(ctx, opened.header());
                    return;
                }
                if (event instanceof XmppStreamEvent.Malformed m) {
                    fail(ctx, "the replayed stream header is not acceptable: " + m.reason());
                    return;
                }
            }
            if (data.isEndStream()) {
                fail(ctx, "the edge ended the stream before the header");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!done) {
            ctx.read();
        }
    }

    private void headerRead(ChannelHandlerContext ctx, StreamHeader header) {
        Optional<io.mraedge.xmpp.codec.StreamError> bad = header.check(service.contentNamespace());
        if (bad.isPresent()) {
            fail(ctx, "the replayed stream header is not a " + service.flowProtocol() + " header");
            return;
        }
        done = true;
        int length = (int) decoder.offset();
        ByteBuf headerBytes = bytes.retainedSlice(0, length);
        ByteBuf after = bytes.readableBytes() > length ? bytes.retainedSlice(length, bytes.readableBytes() - length) : null;
        bytes.release();
        bytes = null;
        ctx.pipeline().remove(this);
        dialer.start(header, headerBytes, after);
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        done = true;
        dialer.refuse(why);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (bytes != null) {
            bytes.release();
            bytes = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done = true;
        if (bytes != null) {
            bytes.release();
            bytes = null;
        }
        ctx.fireChannelInactive();
    }
}
