package io.mraedge.sip;

import io.mraedge.sip.codec.SipDecoderConfig;
import io.mraedge.sip.codec.SipHeaders;
import io.mraedge.sip.codec.SipMessage;
import io.mraedge.sip.codec.SipObjectDecoder;
import io.mraedge.sip.codec.SipObjectEncoder;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.codec.StunMessage;
import io.mraedge.sip.testing.SipPeers;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds N registered SIP/TLS flows through edge → connector → Kamailio and reports what the edge
 * pays for them: flows held, edge heap per flow (heap after GC with the flows held, minus before,
 * divided by N), and the edge's CPU while the flows idle like Jabber (a REGISTER refresh every
 * {@value #REFRESH_SECONDS} s, a STUN binding every {@value #STUN_SECONDS} s). The edge and the
 * connector run in their own JVMs ({@link SipNodeProcess}); this JVM runs only the Netty TLS clients.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> io.mraedge.sip.SipFlowHoldBenchmark [flows] [hold seconds]}.
 * Bounded: the set-up stops after {@value #SETUP_LIMIT_SECONDS} s, the hold after the given time.
 * A process may open at most {@code ulimit -n} files, so flows must stay below it (each of the
 * driver, the edge, the connector and Kamailio holds one socket per flow).
 */
public final class SipFlowHoldBenchmark {
    static final int REFRESH_SECONDS = 60;
    static final int STUN_SECONDS = 30;
    static final int SETUP_LIMIT_SECONDS = 300;
    private static final int IN_FLIGHT = 200;

    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong stunAnswered = new AtomicLong();
    private final AtomicLong stunSent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private volatile boolean holding;

    public static void main(String[] args) throws Exception {
        int flows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 70;
        new SipFlowHoldBenchmark().run(flows, holdSeconds);
    }

    private void run(int flows, int holdSeconds) throws Exception {
        Path dir = Files.createTempDirectory("sip-hold");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        SslContext tls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        try (SipPeers.Kamailio kamailio = SipPeers.kamailio(dir, flows + 1000, 2048);
             SipNodes nodes = SipNodes.start(dir, kamailio.port(), "2g", "2g")) {
            Thread.sleep(2000); // the connector's traversal connections come up
            long[] before = nodes.edge.heap();
            System.out.printf("edge pid %d, connector pid %d; heap before: %.1f MiB%n", nodes.edge.pid(),
                    nodes.connector.pid(), before[0] / 1048576.0);
            List<Channel> channels = new ArrayList<>(flows);
            long setupStart = System.nanoTime();
            long setupDeadline = setupStart + TimeUnit.SECONDS.toNanos(SETUP_LIMIT_SECONDS);
            for (int i = 0; i < flows && System.nanoTime() < setupDeadline; i++) {
                if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
                    System.out.println("set-up stalled: " + registered.get() + " registered");
                    break;
                }
                channels.add(connect(group, tls, nodes.sipPort, "hold" + i));
            }
            inFlight.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS);
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            System.out.printf("set-up: %d registered, %d failed, in %.1f s (%.0f flows/s)%n", registered.get(),
                    failed.get(), setupSeconds, registered.get() / setupSeconds);

            holding = true;
            long[] held = nodes.edge.heap();
            long[] connectorHeld = nodes.connector.heap();
            long holdStart = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            long[] after = nodes.edge.heap();
            double holdWall = (System.nanoTime() - holdStart) / 1e9;
            long open = channels.stream().filter(Channel::isActive).count();
            double cpuPercent = 100.0 * (after[1] - held[1]) / 1e9 / holdWall;
            System.out.printf("RESULT flows requested=%d registered=%d open after hold=%d edge registrations.current=%d%n",
                    flows, registered.get(), open, after[2]);
            System.out.printf("RESULT edge heap: before %.1f MiB, holding %.1f MiB, after hold %.1f MiB; "
                            + "per flow %.2f KiB (holding) / %.2f KiB (after hold)%n",
                    before[0] / 1048576.0, held[0] / 1048576.0, after[0] / 1048576.0,
                    (held[0] - before[0]) / 1024.0 / Math.max(1, open), (after[0] - before[0]) / 1024.0 / Math.max(1, open));
            System.out.printf("RESULT connector heap holding: %.1f MiB%n", connectorHeld[0] / 1048576.0);
            System.out.printf("RESULT edge CPU during %.0f s hold: %.1f%% of one core; refreshes ok=%d, "
                            + "STUN sent=%d answered=%d, failures=%d, flows dropped=%d%n",
                    holdWall, cpuPercent, refreshed.get(), stunSent.get(), stunAnswered.get(), failed.get(),
                    dropped.get());
            holding = false;
            for (Channel c : channels) {
                c.close();
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private Channel connect(EventLoopGroup group, SslContext tls, int port, String user) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), "127.0.0.1", port))
                                .addLast(new SipObjectDecoder(SipDecoderConfig.DEFAULT))
                                .addLast(SipObjectEncoder.INSTANCE)
                                .addLast(new JabberLikeFlow(user));
                    }
                }).connect("127.0.0.1", port).addListener(f -> {
                    if (!f.isSuccess()) {
                        failed.incrementAndGet();
                        inFlight.release();
                    }
                }).channel();
    }

    /** One client flow: registers, then refreshes and sends STUN bindings like Jabber. */
    private final class JabberLikeFlow extends ChannelInboundHandlerAdapter {
        private final String user;
        private final String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        private int cseq;
        private boolean first = true;

        JabberLikeFlow(String user) {
            this.user = user;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    ctx.writeAndFlush(register());
                    long jitter = ThreadLocalRandom.current().nextLong(STUN_SECONDS * 1000L);
                    ctx.executor().scheduleAtFixedRate(() -> stun(ctx), jitter, STUN_SECONDS * 1000L, TimeUnit.MILLISECONDS);
                    ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(register()),
                            REFRESH_SECONDS * 1000L + jitter, REFRESH_SECONDS * 1000L, TimeUnit.MILLISECONDS);
                } else {
                    failed.incrementAndGet();
                    inFlight.release();
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        private void stun(ChannelHandlerContext ctx) {
            if (!holding || !ctx.channel().isActive()) {
                return;
            }
            byte[] txid = new byte[12];
            ThreadLocalRandom.current().nextBytes(txid);
            stunSent.incrementAndGet();
            ctx.writeAndFlush(Unpooled.buffer(20).writeShort(StunMessage.BINDING_REQUEST).writeShort(0)
                    .writeInt(StunMessage.MAGIC_COOKIE).writeBytes(txid));
        }

        private SipRequest register() {
            SipHeaders h = new SipHeaders()
                    .add("Via", "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK" + tag + "." + cseq + ";rport")
                    .add("Max-Forwards", "70")
                    .add("From", "<sip:" + user + "@example.com>;tag=" + tag)
                    .add("To", "<sip:" + user + "@example.com>")
                    .add("Call-ID", "hold-" + user + "-" + tag)
                    .add("CSeq", (++cseq) + " REGISTER")
                    .add("Contact", "<sip:" + user + "@127.0.0.1:5061;transport=tls;ob>")
                    .add("Expires", Integer.toString(2 * REFRESH_SECONDS));
            return new SipRequest("REGISTER", "sip:example.com", h);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof SipResponse r && r.decoderResult().isSuccess() && r.isFinal()) {
                    boolean ok = r.status() == 200;
                    if (first) {
                        first = false;
                        (ok ? registered : failed).incrementAndGet();
                        inFlight.release();
                    } else {
                        (ok ? refreshed : failed).incrementAndGet();
                    }
                } else if (msg instanceof StunMessage) {
                    stunAnswered.incrementAndGet();
                } else if (msg instanceof SipMessage m && m.decoderResult().isFailure()) {
                    failed.incrementAndGet();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (first) {
                first = false;
                failed.incrementAndGet();
                inFlight.release();
            } else if (holding) {
                dropped.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
