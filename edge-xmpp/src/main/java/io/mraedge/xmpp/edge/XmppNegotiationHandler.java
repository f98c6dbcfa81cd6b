package io.mraedge.xmpp.edge;

import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.xmpp.XmppProtocol;
import io.mraedge.xmpp.codec.StreamError;
import io.mraedge.xmpp.codec.StreamFragments;
import io.mraedge.xmpp.codec.StreamHeader;
import io.mraedge.xmpp.codec.XmppDomain;
import io.mraedge.xmpp.codec.XmppNamespaces;
import io.mraedge.xmpp.codec.XmppStreamDecoder;
import io.mraedge.xmpp.codec.XmppStreamEvent;
import io.mraedge.core.traversal.FlowRelay;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's side of XMPP stream negotiation for one connection, up to the relay:
 * <ol>
 *   <li>{@code PLAIN_HEADER} (5222, 5269): the initial header; checks, maintenance, domain; answers
 *       with a header and features offering only {@code <starttls><required/></starttls>}
 *       (RFC 6120 §5.3.1, §5.4.1);
 *   <li>{@code PLAIN_STARTTLS}: {@code <starttls/>} gets {@code <proceed/>} and the TLS handler goes
 *       in front (RFC 6120 §5.4.2.3); anything else is STARTTLS skipped: {@code <policy-violation/>};
 *   <li>{@code TLS_HANDSHAKE}, then {@code SECURE_HEADER} (from the start on 5223): the restarted
 *       header (RFC 6120 §5.4.3.3), checked again;
 *   <li>{@code OPENING_FLOW}: a CONNECT stream to a connector serving the domain; the header's
 *       bytes (and any that followed) are its first DATA; the connector answers 200 once IM&P has
 *       the header, or an error status that becomes a stream error here;
 *   <li>{@code RELAYING}: the idle and stanza-limit handlers go in, this handler leaves, and
 *       {@link FlowRelay} carries the bytes.
 * </ol>
 * Any refusal ({@code CLOSED}) sends a stream header when none was sent on this stream yet, the
 * stream error and the closing tag, then closes (RFC 6120 §4.9.1.1).
 *
 * <p>Ownership: bytes read before the relay are released here, except the restarted header and
 * the bytes after it, which go to the traversal stream inside DATA frames. Auto-read is off; this
 * handler reads only while it waits for more of a header.
 */
final class XmppNegotiationHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(XmppNegotiationHandler.class);

    private enum State { PLAIN_HEADER, PLAIN_STARTTLS, TLS_HANDSHAKE, SECURE_HEADER, OPENING_FLOW, RELAYING, CLOSED }

    private final XmppListenerContext listener;
    private final XmppListenerKind kind;
    private State state;
    private XmppStreamDecoder decoder;
    private ChannelHandlerContext ctx;
    /** Bytes of the secure stream read so far: the restarted header and what follows it. Owned here. */
    private ByteBuf secureBytes;
    private boolean headerSent;
    private String domain;
    private boolean dialback;
    private Future<?> timeout;
    private Http2StreamChannel stream;

    XmppNegotiationHandler(XmppListenerContext listener) {
        this.listener = listener;
        this.kind = listener.kind();
        this.state = kind.startTls() ? State.PLAIN_HEADER : State.SECURE_HEADER;
        this.decoder = newDecoder();
    }

    private XmppStreamDecoder newDecoder() {
        // Before the relay only headers and <starttls/> are expected: both bounded by the header limit.
        int max = listener.limits().maxHeaderSize();
        return new XmppStreamDecoder(max, max);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long millis = listener.limits().negotiationTimeout().toMillis();
        timeout = ctx.executor().schedule(this::timedOut, millis, TimeUnit.MILLISECONDS);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            switch (state) {
                case PLAIN_HEADER, PLAIN_STARTTLS -> plainBytes(buf);
                case SECURE_HEADER -> secureBytes(buf);
                default -> log.debug("{}: {} bytes in state {} dropped", ctx.channel(), buf.readableBytes(), state);
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.PLAIN_HEADER || state == State.PLAIN_STARTTLS || state == State.SECURE_HEADER) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /** Before TLS: the initial header and {@code <starttls/>}. Nothing here is forwarded. */
    private void plainBytes(ByteBuf buf) {
        long chunkStart = decoder.fed();
        decoder.feed(buf);
        while (state == State.PLAIN_HEADER || state == State.PLAIN_STARTTLS) {
            XmppStreamEvent event = decoder.next();
            if (event instanceof XmppStreamEvent.NeedInput) {
                return;
            } else if (event instanceof XmppStreamEvent.StreamOpened opened && state == State.PLAIN_HEADER) {
                plainHeader(opened.header());
            } else if (event instanceof XmppStreamEvent.Element e && state == State.PLAIN_STARTTLS) {
                if (!e.is(XmppNamespaces.TLS, "starttls")) {
                    refuse(StreamError.POLICY_VIOLATION, "STARTTLS is required first, got <" + e.name().getLocalPart()
                            + "/>", true);
                    return;
                }
                int consumed = (int) (decoder.offset() - chunkStart);
                startTls(buf.slice(buf.readerIndex() + consumed, buf.readableBytes() - consumed));
                return;
            } else if (event instanceof XmppStreamEvent.StreamClosed) {
                ctx.close();
                state = State.CLOSED;
                return;
            } else if (event instanceof XmppStreamEvent.Malformed m) {
                refuse(m.error(), m.reason(), true);
                return;
            }
        }
    }

    private void plainHeader(StreamHeader header) {
        Optional<StreamError> bad = header.check(kind.contentNamespace());
        if (bad.isPresent()) {
            refuse(bad.get(), "stream header: namespace " + header.contentNamespace() + ", version " + header.version(), true);
            return;
        }
        dialback = header.dialback();
        if (!startFlow()) {
            return;
        }
        Optional<String> to = XmppDomain.normalize(header.to());
        if (to.isEmpty() || !listener.domains().served(to.get(), kind.flowProtocol())) {
            refuse(StreamError.HOST_UNKNOWN, "domain " + header.to() + " is not served", true);
            return;
        }
        domain = to.get();
        ctx.write(StreamFragments.responseHeader(ctx.alloc(), kind.contentNamespace(), domain, newId(), dialback));
        ctx.writeAndFlush(StreamFragments.startTlsRequired(ctx.alloc()));
        headerSent = true;
        state = State.PLAIN_STARTTLS;
    }

    /** RFC 6120 §5.4.2.3: {@code <proceed/>} in the clear, then TLS from the next byte on. */
    private void startTls(ByteBuf after) {
        ctx.writeAndFlush(StreamFragments.proceed(ctx.alloc()));
        SslHandler tls = listener.tls().current().newHandler(ctx.alloc());
        ctx.pipeline().addBefore(ctx.name(), XmppEdgeInitializer.TLS, tls);
        state = State.TLS_HANDSHAKE;
        headerSent = false;
        decoder = newDecoder();
        tls.handshakeFuture().addListener(f -> {
            if (f.isSuccess() && state == State.TLS_HANDSHAKE) {
                state = State.SECURE_HEADER;
                ctx.read();
            }
        });
        // RFC 6120 §5.4.3.3 forbids sending before <proceed/>, but a client that pipelined its
        // ClientHello loses nothing: those bytes go to the TLS handler.
        int skip = after.forEachByte(b -> b == ' ' || b == '\t' || b == '\r' || b == '\n');
        if (skip >= 0) {
            ctx.pipeline().fireChannelRead(after.retainedSlice(skip, after.writerIndex() - skip));
        }
        ctx.read();
    }

    /** After TLS: the restarted (or, on 5223, the first) header, kept byte for byte for the connector. */
    private void secureBytes(ByteBuf buf) {
        if (secureBytes == null) {
            secureBytes = ctx.alloc().buffer(Math.max(256, buf.readableBytes()));
        }
        int from = secureBytes.writerIndex();
        secureBytes.writeBytes(buf);
        decoder.feed(secureBytes.slice(from, secureBytes.writerIndex() - from));
        XmppStreamEvent event = decoder.next();
        if (event instanceof XmppStreamEvent.StreamOpened opened) {
            secureHeader(opened.header());
        } else if (event instanceof XmppStreamEvent.Malformed m) {
            refuse(m.error(), m.reason(), true);
        } else if (event instanceof XmppStreamEvent.StreamClosed) {
            ctx.close();
        }
    }

    private void secureHeader(StreamHeader header) {
        Optional<StreamError> bad = header.check(kind.contentNamespace());
        if (bad.isPresent()) {
            refuse(bad.get(), "stream header: namespace " + header.contentNamespace() + ", version " + header.version(), true);
            return;
        }
        dialback = header.dialback();
        if (!kind.startTls() && !startFlow()) {
            return;
        }
        Optional<String> to = XmppDomain.normalize(header.to());
        if (to.isEmpty() || !listener.domains().served(to.get(), kind.flowProtocol())) {
            refuse(StreamError.HOST_UNKNOWN, "domain " + header.to() + " is not served", true);
            return;
        }
        if (domain != null && !domain.equals(to.get())) {
            refuse(StreamError.POLICY_VIOLATION, "the restarted stream is for " + to.get() + ", not " + domain, true);
            return;
        }
        domain = to.get();
        state = State.OPENING_FLOW;
        int headerLength = (int) decoder.offset();
        ByteBuf headerBytes = secureBytes.retainedSlice(0, headerLength);
        ByteBuf after = secureBytes.readableBytes() > headerLength
                ? secureBytes.retainedSlice(headerLength, secureBytes.readableBytes() - headerLength) : null;
        secureBytes.release();
        secureBytes = null;
        listener.edge().streams()
                .openFlow(kind.flowProtocol(), domain, (InetSocketAddress) ctx.channel().remoteAddress(),
                        new FlowAnswerHandler(this::answered), listener.domains().serving(domain, kind.flowProtocol()))
                .addListener((Future<Http2StreamChannel> f) -> ctx.executor().execute(() -> flowOpened(f, headerBytes, after)));
    }

    /**
     * Runs on this channel's loop once the CONNECT stream is open (or failed). Takes ownership of
     * {@code headerBytes} and {@code after}: written to the stream, or released.
     */
    private void flowOpened(Future<Http2StreamChannel> opened, ByteBuf headerBytes, ByteBuf after) {
        if (!opened.isSuccess() || state != State.OPENING_FLOW) {
            ReferenceCountUtil.release(headerBytes);
            ReferenceCountUtil.release(after);
            if (opened.isSuccess()) {
                opened.getNow().close();
            } else {
                refuse(StreamError.REMOTE_CONNECTION_FAILED, "no connector for " + domain + ": "
                        + opened.cause().getMessage(), false);
            }
            return;
        }
        stream = opened.getNow();
        stream.write(new DefaultHttp2DataFrame(headerBytes));
        if (after != null) {
            stream.write(new DefaultHttp2DataFrame(after));
        }
        stream.flush();
        stream.read();
    }

    /** The connector's answer to the CONNECT stream (null: none came). Called on any loop. */
    private void answered(String status) {
        ctx.executor().execute(() -> {
            if (state != State.OPENING_FLOW) {
                return;
            }
            if (XmppProtocol.STATUS_OK.equals(status)) {
                startRelay();
            } else if (XmppProtocol.STATUS_UNKNOWN_DOMAIN.equals(status)) {
                refuse(StreamError.HOST_UNKNOWN, "the connector does not serve " + domain, false);
            } else if (XmppProtocol.STATUS_MAINTENANCE.equals(status)) {
                refuse(StreamError.SYSTEM_SHUTDOWN, "the connector is in maintenance", false);
            } else {
                refuse(StreamError.REMOTE_CONNECTION_FAILED, "IM&P for " + domain + " unreachable (connector answered "
                        + status + ")", false);
            }
        });
    }

    private void startRelay() {
        state = State.RELAYING;
        timeout.cancel(false);
        long idle = listener.limits().idleTimeout().toMillis();
        ctx.pipeline()
                .addBefore(ctx.name(), XmppEdgeInitializer.IDLE, new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS))
                .addBefore(ctx.name(), XmppEdgeInitializer.STANZA_LIMIT,
                        new StanzaLimitHandler(listener, kind == XmppListenerKind.SERVER ? null : listener));
        ctx.pipeline().remove(this);
        log.debug("{}: {} relaying for {} on {}", kind.listenerName(), ctx.channel().remoteAddress(), domain, stream);
        FlowRelay.bridge(ctx.channel(), stream);
    }

    /** Maintenance: a new stream may start only while the listener's service is ACTIVE. */
    private boolean startFlow() {
        MaintainedService.Flow f = listener.edge().maintenance().service(kind.listenerName()).tryStartFlow();
        if (f == null) {
            refuse(StreamError.SYSTEM_SHUTDOWN, "the edge is in maintenance", false);
            return false;
        }
        ctx.channel().closeFuture().addListener(closed -> f.close());
        return true;
    }

    private void timedOut() {
        if (state == State.RELAYING || state == State.CLOSED) {
            return;
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        String why = "negotiation did not finish within " + listener.limits().negotiationTimeout().toSeconds() + " s";
        if (tls != null && !tls.handshakeFuture().isDone()) {
            listener.refused(ctx.channel(), StreamError.CONNECTION_TIMEOUT, why + " (TLS handshake)", true);
            state = State.CLOSED;
            ctx.close();
            return;
        }
        refuse(StreamError.CONNECTION_TIMEOUT, why + " (in " + state + ")", true);
    }

    /**
     * Sends {@code condition} as a stream error (after a header when this stream has none yet),
     * logs and counts it, and closes. Only the first refusal of a connection counts.
     */
    private void refuse(StreamError condition, String cause, boolean violation) {
        if (state == State.CLOSED || state == State.RELAYING) {
            return;
        }
        state = State.CLOSED;
        if (timeout != null) {
            timeout.cancel(false);
        }
        releaseSecureBytes();
        if (stream != null) {
            stream.close();
        }
        listener.refused(ctx.channel(), condition, cause, violation);
        if (!headerSent) {
            ctx.write(StreamFragments.responseHeader(ctx.alloc(), kind.contentNamespace(), domain, newId(), dialback));
            headerSent = true;
        }
        ctx.writeAndFlush(StreamFragments.error(ctx.alloc(), condition, null)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.RELAYING) {
            state = State.CLOSED;
            if (timeout != null) {
                timeout.cancel(false);
            }
            releaseSecureBytes();
            if (stream != null) {
                stream.close();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseSecureBytes();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {} closed during negotiation: {}", kind.listenerName(), ctx.channel().remoteAddress(),
                cause.toString());
        state = State.CLOSED;
        ctx.close();
    }

    private void releaseSecureBytes() {
        if (secureBytes != null) {
            secureBytes.release();
            secureBytes = null;
        }
    }

    private static String newId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
