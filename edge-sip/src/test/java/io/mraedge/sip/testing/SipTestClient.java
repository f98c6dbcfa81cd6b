package io.mraedge.sip.testing;

import io.mraedge.sip.codec.SipDecoderConfig;
import io.mraedge.sip.codec.SipHeaderNames;
import io.mraedge.sip.codec.SipHeaders;
import io.mraedge.sip.codec.SipKeepalive;
import io.mraedge.sip.codec.SipMessage;
import io.mraedge.sip.codec.SipObjectDecoder;
import io.mraedge.sip.codec.SipObjectEncoder;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.codec.StunMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SIP/TLS client for tests (and the benchmark's load driver), on the module's own codec.
 * Messages that arrive are kept without their bodies (released at once), so nothing leaks.
 * With {@link #answerCalls()} it plays a UAS: 180 and 200 to INVITE, copying Record-Route
 * (RFC 3261 §12.1.1), 200 to BYE, nothing to ACK.
 */
public final class SipTestClient implements AutoCloseable {
    public static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final SslContext TLS;

    static {
        try {
            TLS = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Channel channel;
    private final BlockingQueue<SipMessage> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> keepalives = new LinkedBlockingQueue<>();
    private final AtomicInteger invites = new AtomicInteger();
    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicInteger byes = new AtomicInteger();
    private volatile boolean answerCalls;
    private final String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private int cseq;

    private SipTestClient(Channel channel) {
        this.channel = channel;
    }

    /** Connects over TLS and waits for the handshake. */
    public static SipTestClient connect(String host, int port) throws Exception {
        SipTestClient[] holder = new SipTestClient[1];
        Channel ch = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(TLS.newHandler(ch.alloc(), host, port))
                                .addLast(new SipObjectDecoder(SipDecoderConfig.DEFAULT))
                                .addLast(SipObjectEncoder.INSTANCE)
                                .addLast(new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        holder[0].received(msg);
                                    }
                                });
                    }
                }).connect(host, port).sync().channel();
        holder[0] = new SipTestClient(ch);
        ch.pipeline().get(io.netty.handler.ssl.SslHandler.class).handshakeFuture().sync();
        return holder[0];
    }

    private void received(Object msg) {
        if (msg instanceof SipMessage m) {
            m.body(Unpooled.EMPTY_BUFFER);
            if (answerCalls && m instanceof SipRequest r && r.decoderResult().isSuccess() && answer(r)) {
                return;
            }
            messages.add(m);
        } else if (msg instanceof StunMessage stun) {
            keepalives.add(stun.type());
            stun.release();
        } else {
            keepalives.add(msg);
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean answer(SipRequest r) {
        switch (r.method()) {
            case "INVITE" -> {
                invites.incrementAndGet();
                SipResponse ringing = SipResponse.to(r, 180, "Ringing", tag);
                ringing.headers().copy(r.headers(), SipHeaderNames.RECORD_ROUTE);
                SipResponse ok = SipResponse.to(r, 200, "OK", tag);
                ok.headers().copy(r.headers(), SipHeaderNames.RECORD_ROUTE);
                ok.headers().add(SipHeaderNames.CONTACT, "<sip:callee@127.0.0.1;transport=tls>");
                channel.write(ringing);
                channel.writeAndFlush(ok);
                return true;
            }
            case "ACK" -> {
                acks.incrementAndGet();
                return true;
            }
            case "BYE" -> {
                byes.incrementAndGet();
                channel.writeAndFlush(SipResponse.to(r, 200, "OK", tag));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    public SipTestClient answerCalls() {
        answerCalls = true;
        return this;
    }

    public int invites() {
        return invites.get();
    }

    public int acks() {
        return acks.get();
    }

    public int byes() {
        return byes.get();
    }

    public boolean isActive() {
        return channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    public void sendRaw(String text) {
        channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** The next message, or null after {@code timeout}. */
    public SipMessage next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next final response, or null after {@code timeout}. */
    public SipResponse nextFinal(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            SipMessage m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                return null;
            }
            if (m instanceof SipResponse r && r.isFinal()) {
                return r;
            }
        }
    }

    /** A REGISTER for {@code user}@example.com as Jabber sends it. */
    public SipRequest registerRequest(String user, int expires) {
        SipHeaders h = new SipHeaders()
                .add("Via", "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + ";rport")
                .add("Max-Forwards", "70")
                .add("From", "<sip:" + user + "@example.com>;tag=" + tag)
                .add("To", "<sip:" + user + "@example.com>")
                .add("Call-ID", "reg-" + user + "-" + tag)
                .add("CSeq", (++cseq) + " REGISTER")
                .add("Contact", "<sip:" + user + "@127.0.0.1:5061;transport=tls;ob>")
                .add("Expires", Integer.toString(expires));
        return new SipRequest("REGISTER", "sip:example.com", h);
    }

    /** Sends a REGISTER and returns its final response (null on timeout). */
    public SipResponse register(String user, int expires, Duration timeout) throws InterruptedException {
        channel.writeAndFlush(registerRequest(user, expires));
        return nextFinal(timeout);
    }

    /** CRLFCRLF; true when the CRLF pong came back in time. */
    public boolean ping(Duration timeout) throws InterruptedException {
        keepalives.clear();
        channel.writeAndFlush(SipKeepalive.PING);
        return keepalives.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) == SipKeepalive.PONG;
    }

    /**
     * A STUN binding request; true when a binding success came back in time. Gives up at once
     * when the flow closes meanwhile, as a client watching its socket would.
     */
    public boolean stun(Duration timeout) throws InterruptedException {
        keepalives.clear();
        byte[] txid = new byte[12];
        ThreadLocalRandom.current().nextBytes(txid);
        channel.writeAndFlush(Unpooled.buffer(20).writeShort(StunMessage.BINDING_REQUEST).writeShort(0)
                .writeInt(StunMessage.MAGIC_COOKIE).writeBytes(txid));
        long deadline = System.nanoTime() + timeout.toNanos();
        Object got = null;
        while (got == null && channel.isActive() && System.nanoTime() < deadline) {
            got = keepalives.poll(Math.min(20, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS);
        }
        return got instanceof Integer type && type == StunMessage.BINDING_SUCCESS;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
