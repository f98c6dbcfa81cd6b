package io.mraedge.xmpp.connector;

import io.mraedge.xmpp.codec.StreamFragments;
import io.mraedge.xmpp.codec.StreamHeader;
import io.mraedge.xmpp.codec.XmppNamespaces;
import io.mraedge.xmpp.codec.XmppStreamDecoder;
import io.mraedge.xmpp.codec.XmppStreamEvent;
import io.mraedge.xmpp.XmppProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.TimeUnit;
import javax.xml.namespace.QName;

/**
 * The connector's side of the stream negotiation with one IM&P server, before the relay:
 * <ol>
 *   <li>STARTTLS mode: {@code AWAIT_FEATURES}, after an initial header carrying the client's
 *       {@code to} (and, on server streams, {@code from} and the dialback namespace); the
 *       features must offer {@code <starttls/>} (RFC 6120 §5.4.2.1), which is sent;
 *       {@code AWAIT_PROCEED}: {@code <proceed/>} puts the TLS handler first;
 *   <li>direct-TLS mode starts at the TLS handshake;
 *   <li>{@code TLS_HANDSHAKE}: with verification as configured, SNI and the name checked being the
 *       route's {@code tls-name};
 *   <li>then the client's header (and any bytes after it) is written as it came: IM&P answers it
 *       with its own header and features, which the relay carries to the client. SASL is theirs.
 * </ol>
 * Any stream error, {@code <failure/>}, close or timeout fails the promise; the dialer tries the
 * next server.
 *
 * <p>Ownership: {@code replay} is owned here until written; it is released if the negotiation
 * ends first. Bytes read are released after decoding.
 */
final class UpstreamNegotiationHandler extends ChannelInboundHandlerAdapter {
    private enum State { AWAIT_FEATURES, AWAIT_PROCEED, TLS_HANDSHAKE, DONE }

    private final XmppStreamService service;
    private final XmppDomainRoute route;
    private final ImpServer server;
    private final StreamHeader header;
    private final Promise<Channel> negotiated;
    private final XmppStreamDecoder decoder = new XmppStreamDecoder(XmppProtocol.MAX_HEADER_SIZE, XmppProtocol.MAX_HEADER_SIZE);
    private ByteBuf replay;
    private State state;
    private Future<?> timeout;

    UpstreamNegotiationHandler(XmppStreamService service, XmppDomainRoute route, ImpServer server, StreamHeader header,
                               ByteBuf replay, Promise<Channel> negotiated) {
        this.service = service;
        this.route = route;
        this.server = server;
        this.header = header;
        this.replay = replay;
        this.negotiated = negotiated;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long millis = service.upstream().negotiationTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> fail(ctx, "negotiation did not finish within "
                + service.upstream().negotiationTimeout().toSeconds() + " s in " + state), millis, TimeUnit.MILLISECONDS);
        if (service.upstream().tls() == UpstreamSettings.UpstreamTls.DIRECT) {
            startTls(ctx);
        } else {
            state = State.AWAIT_FEATURES;
            String from = service.serverFlow() ? header.from() : null;
            ctx.writeAndFlush(StreamFragments.initialHeader(ctx.alloc(), service.contentNamespace(), route.domain(), from,
                    service.serverFlow() && header.dialback()));
            ctx.read();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof ByteBuf buf) || (state != State.AWAIT_FEATURES && state != State.AWAIT_PROCEED)) {
                return;
            }
            decoder.feed(buf);
            while (state == State.AWAIT_FEATURES || state == State.AWAIT_PROCEED) {
                XmppStreamEvent event = decoder.next();
                if (event instanceof XmppStreamEvent.NeedInput) {
                    return;
                }
                onEvent(ctx, event);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.AWAIT_FEATURES || state == State.AWAIT_PROCEED) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    private void onEvent(ChannelHandlerContext ctx, XmppStreamEvent event) {
        if (event instanceof XmppStreamEvent.Element e) {
            if (e.is(XmppNamespaces.STREAMS, "error")) {
                fail(ctx, "stream error " + conditions(e));
            } else if (state == State.AWAIT_FEATURES && e.is(XmppNamespaces.STREAMS, "features")) {
                if (!e.hasChild(XmppNamespaces.TLS, "starttls")) {
                    fail(ctx, "IM&P does not offer STARTTLS");
                    return;
                }
                state = State.AWAIT_PROCEED;
                ctx.writeAndFlush(StreamFragments.startTls(ctx.alloc()));
            } else if (state == State.AWAIT_PROCEED && e.is(XmppNamespaces.TLS, "proceed")) {
                startTls(ctx);
            } else if (e.is(XmppNamespaces.TLS, "failure")) {
                fail(ctx, "IM&P refused STARTTLS");
            }
        } else if (event instanceof XmppStreamEvent.StreamClosed) {
            fail(ctx, "IM&P closed the stream");
        } else if (event instanceof XmppStreamEvent.Malformed m) {
            fail(ctx, "IM&P sent " + m.error().element() + ": " + m.reason());
        }
    }

    private void startTls(ChannelHandlerContext ctx) {
        state = State.TLS_HANDSHAKE;
        SslHandler tls = service.upstreamTls().newHandler(ctx.alloc(), route.tlsName(), server.port());
        ctx.pipeline().addFirst("xmpp-upstream-tls", tls);
        tls.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                fail(ctx, "TLS: " + f.cause().getMessage());
                return;
            }
            if (state != State.TLS_HANDSHAKE) {
                return;
            }
            state = State.DONE;
            timeout.cancel(false);
            ByteBuf bytes = replay;
            replay = null;
            Channel channel = ctx.channel();
            ctx.pipeline().remove(this);
            channel.writeAndFlush(bytes).addListener(w -> {
                if (w.isSuccess()) {
                    negotiated.trySuccess(channel);
                } else {
                    negotiated.tryFailure(w.cause());
                }
            });
        });
        ctx.read();
    }

    private static String conditions(XmppStreamEvent.Element error) {
        StringBuilder s = new StringBuilder();
        for (QName child : error.children()) {
            if (XmppNamespaces.STREAM_ERRORS.equals(child.getNamespaceURI()) && !"text".equals(child.getLocalPart())) {
                s.append('<').append(child.getLocalPart()).append("/>");
            }
        }
        return s.length() == 0 ? "(no condition)" : s.toString();
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        if (state == State.DONE && negotiated.isDone()) {
            return;
        }
        state = State.DONE;
        if (timeout != null) {
            timeout.cancel(false);
        }
        releaseReplay();
        negotiated.tryFailure(new UpstreamException(why));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.DONE) {
            fail(ctx, "IM&P closed the connection");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseReplay();
    }

    private void releaseReplay() {
        if (replay != null) {
            replay.release();
            replay = null;
        }
    }

    /** Why one IM&P server could not take the flow; the message is for the log. */
    static final class UpstreamException extends Exception {
        UpstreamException(String message) {
            super(message, null, false, false);
        }
    }
}
