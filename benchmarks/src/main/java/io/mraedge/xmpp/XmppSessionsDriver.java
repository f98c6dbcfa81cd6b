package io.mraedge.xmpp;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import io.mraedge.xmpp.codec.StreamFragments;
import io.mraedge.xmpp.codec.XmppNamespaces;
import io.mraedge.xmpp.codec.XmppStreamDecoder;
import io.mraedge.xmpp.codec.XmppStreamEvent;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions held through the edge and heap per session. One JVM runs the edge, a connector, a
 * stand-in IM&P (STARTTLS, then it answers the replayed header with SASL features and holds the
 * stream) and N clients, each negotiated up to the point where IM&P's features have come back
 * through the relay; the sessions are then held. Heap is measured after full GCs with 0 and N
 * sessions; the difference per session covers every part in this JVM (client, edge, connector,
 * IM&P stand-in), so it is an upper bound of the edge's own share.
 *
 * <p>Each session costs this JVM four sockets; the sandbox allows 20,000 descriptors per
 * process, so one JVM holds about 4,800 sessions. 20,000 needs the roles in separate processes
 * (at least two edges, since an edge also needs one descriptor per session).
 *
 * <p>{@code java -Xmx4g -cp ... io.mraedge.xmpp.XmppSessionsDriver [sessions] [concurrency]}. For the
 * edge alone in its own process (up to ~19,800 sessions under that limit), see
 * {@code benchmarks/scripts/xmpp-sessions.sh} and {@link XmppSessionsParts}.
 */
public final class XmppSessionsDriver {
    private static final String DOMAIN = "example.com";

    private XmppSessionsDriver() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 4_500;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("xmpp-sessions-bench");
        PrivatePki ca = PrivatePki.create("xmpp sessions CA");
        Path caCert = dir.resolve("ca.crt");
        ca.writeCa(caCert, dir.resolve("ca.key"));
        ca.issue(LeafSpec.server("edge", DOMAIN, "localhost", "127.0.0.1")).writePem(dir.resolve("edge.crt"), dir.resolve("edge.key"));
        ca.issue(LeafSpec.client("connector-1", "connector-1.test")).writePem(dir.resolve("c1.crt"), dir.resolve("c1.key"));
        ca.issue(LeafSpec.server(DOMAIN, DOMAIN)).writePem(dir.resolve("imp.crt"), dir.resolve("imp.key"));
        SslContext impTls = SslContextBuilder.forServer(dir.resolve("imp.crt").toFile(), dir.resolve("imp.key").toFile())
                .sslProvider(SslProvider.OPENSSL).build();
        SslContext clientTls = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null).build();

        try (NetTransport impTransport = NetTransport.create("imp", 1, true);
             NetTransport clientTransport = NetTransport.create("clients", 1, true)) {
            Channel imp = impTransport.serverBootstrap().childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new FakeImp(impTls));
                }
            }).bind("127.0.0.1", 0).sync().channel();
            int impPort = ((InetSocketAddress) imp.localAddress()).getPort();
            ConfigLoader loader = new XmppPlugin().extendConfig(ConfigLoader.standard());
            Files.writeString(dir.resolve("edge.yaml"), "role: edge\nname: bench-edge\noutside-address: 127.0.0.1\n"
                    + "tls: {certificate: " + dir.resolve("edge.crt") + ", private-key: " + dir.resolve("edge.key") + "}\n"
                    + "traversal: {listen: 127.0.0.1:0, ca: " + caCert + ", allowed-connectors: [connector-1.test]}\n"
                    + "admin: {listen: 127.0.0.1:0}\n"
                    + "protection: {connection-rate: {per-second: 1000000, burst: 100000}}\n"
                    + "xmpp: {client: {port: 0}, client-direct-tls: {enabled: false}, limits: {idle-timeout: 1h}}\n");
            try (EdgeNode edge = EdgeNode.start(loader.loadEdge(dir.resolve("edge.yaml")), List.of(new XmppPlugin()))) {
                Files.writeString(dir.resolve("connector.yaml"), "role: connector\nname: connector-1\n"
                        + "tls: {certificate: " + dir.resolve("c1.crt") + ", private-key: " + dir.resolve("c1.key") + "}\n"
                        + "traversal:\n  edges: [{address: '127.0.0.1:" + edge.traversalAddress().getPort()
                        + "', server-name: localhost}]\n  ca: " + caCert + "\n  connections-per-edge: 2\n"
                        + "admin: {listen: 127.0.0.1:0}\n"
                        + "xmpp:\n  domains: [{domain: " + DOMAIN + ", client: ['127.0.0.1:" + impPort + "']}]\n"
                        + "  upstream: {ca: " + caCert + "}\n");
                try (ConnectorNode connector = ConnectorNode.start(loader.loadConnector(dir.resolve("connector.yaml")),
                        List.of(new XmppPlugin()))) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (edge.connectors().upCount() < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(500);
                    long before = usedHeapAfterGc();
                    InetSocketAddress target = edge.listenerAddress("xmpp-client");
                    AtomicInteger held = new AtomicInteger();
                    AtomicInteger failed = new AtomicInteger();
                    Semaphore inFlight = new Semaphore(concurrency);
                    CountDownLatch done = new CountDownLatch(sessions);
                    long start = System.nanoTime();
                    for (int i = 0; i < sessions; i++) {
                        inFlight.acquire();
                        String source = "127.0." + (1 + i / 20_000) + "." + (1 + (i / 250) % 250);
                        new Bootstrap().group(clientTransport.workers()).channel(clientTransport.socketChannel())
                                .option(ChannelOption.ALLOCATOR, NetTransport.ALLOCATOR)
                                .handler(new BenchClient(clientTls, ok -> {
                                    (ok ? held : failed).incrementAndGet();
                                    inFlight.release();
                                    done.countDown();
                                }))
                                .connect(target, new InetSocketAddress(source, 0));
                    }
                    done.await(10, TimeUnit.MINUTES);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Thread.sleep(1000);
                    long after = usedHeapAfterGc();
                    System.out.printf("sessions held: %d (failed %d) in %.1f s (%.0f/s)%n", held.get(), failed.get(),
                            seconds, held.get() / seconds);
                    System.out.printf("edge flows active: %d%n",
                            edge.maintenance().service("xmpp-client").activeFlows());
                    System.out.printf("heap used: %.1f MiB before, %.1f MiB with the sessions: %.1f KiB per session "
                                    + "(client + edge + connector + IM&P stand-in, all in this JVM)%n",
                            before / 1048576.0, after / 1048576.0, (after - before) / 1024.0 / Math.max(1, held.get()));
                }
            }
            imp.close();
        }
        System.exit(0);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** IM&P stand-in: STARTTLS, then SASL features for the replayed header; holds the stream. */
    static final class FakeImp extends ChannelInboundHandlerAdapter {
        private final SslContext tls;
        private XmppStreamDecoder decoder = new XmppStreamDecoder(65536, 65536);
        private boolean secure;

        FakeImp(SslContext tls) {
            this.tls = tls;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                decoder.feed(buf);
                for (XmppStreamEvent e = decoder.next(); !(e instanceof XmppStreamEvent.NeedInput)
                        && !(e instanceof XmppStreamEvent.Malformed); e = decoder.next()) {
                    if (e instanceof XmppStreamEvent.StreamOpened) {
                        ctx.write(StreamFragments.responseHeader(ctx.alloc(), XmppNamespaces.CLIENT, DOMAIN, "imp", false));
                        ctx.writeAndFlush(secure
                                ? ByteBufUtil.writeAscii(ctx.alloc(), "<stream:features><mechanisms xmlns='"
                                        + XmppNamespaces.SASL + "'><mechanism>PLAIN</mechanism></mechanisms></stream:features>")
                                : StreamFragments.startTlsRequired(ctx.alloc()));
                    } else if (e instanceof XmppStreamEvent.Element el && el.is(XmppNamespaces.TLS, "starttls")) {
                        ctx.writeAndFlush(StreamFragments.proceed(ctx.alloc()));
                        ctx.pipeline().addFirst(tls.newHandler(ctx.alloc()));
                        decoder = new XmppStreamDecoder(65536, 65536);
                        secure = true;
                        return;
                    }
                }
            } finally {
                ReferenceCountUtil.release(buf);
            }
        }
    }

    /** One client session: header, STARTTLS, TLS, restarted header, then IM&P's features: held. */
    static final class BenchClient extends ChannelInboundHandlerAdapter {
        private final SslContext tls;
        private final java.util.function.Consumer<Boolean> result;
        private XmppStreamDecoder decoder = new XmppStreamDecoder(65536, 65536);
        private boolean secure;
        private boolean reported;

        BenchClient(SslContext tls, java.util.function.Consumer<Boolean> result) {
            this.tls = tls;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(header(ctx));
        }

        private static ByteBuf header(ChannelHandlerContext ctx) {
            return ByteBufUtil.writeAscii(ctx.alloc(), "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams' to='" + DOMAIN + "' version='1.0'>");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (reported) {
                    return;
                }
                decoder.feed(buf);
                for (XmppStreamEvent e = decoder.next(); !(e instanceof XmppStreamEvent.NeedInput); e = decoder.next()) {
                    if (e instanceof XmppStreamEvent.Malformed || e instanceof XmppStreamEvent.StreamClosed) {
                        report(false);
                        ctx.close();
                        return;
                    }
                    if (e instanceof XmppStreamEvent.Element el && el.is(XmppNamespaces.STREAMS, "features")) {
                        if (secure) {
                            report(el.hasChild(XmppNamespaces.SASL, "mechanisms"));
                            return;
                        }
                        ctx.writeAndFlush(StreamFragments.startTls(ctx.alloc()));
                    } else if (e instanceof XmppStreamEvent.Element el && el.is(XmppNamespaces.TLS, "proceed")) {
                        SslHandler ssl = tls.newHandler(ctx.alloc(), DOMAIN, 5222);
                        ctx.pipeline().addFirst(ssl);
                        secure = true;
                        decoder = new XmppStreamDecoder(65536, 65536);
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                ctx.writeAndFlush(header(ctx));
                            } else {
                                report(false);
                            }
                        });
                        return;
                    } else if (e instanceof XmppStreamEvent.Element el && el.is(XmppNamespaces.STREAMS, "error")) {
                        report(false);
                        return;
                    }
                }
            } finally {
                ReferenceCountUtil.release(buf);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            report(false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            report(false);
            ctx.close();
        }

        private void report(boolean ok) {
            if (!reported) {
                reported = true;
                result.accept(ok);
            }
        }
    }
}
