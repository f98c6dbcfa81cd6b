package io.mraedge.xmpp;

import io.mraedge.core.net.NetTransport;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of the multi-process sessions benchmark ({@code benchmarks/scripts/xmpp-sessions.sh}),
 * each a process of its own so that the edge process holds only its client sockets (one per
 * session; traversal is multiplexed over a few links) under the sandbox's 20,000-descriptor
 * limit per process:
 * <ul>
 *   <li>{@code setup DIR CONNECTORS EDGE_XMPP_PORT EDGE_TRAVERSAL_PORT EDGE_ADMIN_PORT IMP_BASE_PORT}:
 *       a CA, the edge's, connectors' and stand-in IM&P's certificates, {@code edge.yaml} and
 *       {@code connector-K.yaml} (connector K routes {@code example.com} to the stand-in on
 *       IMP_BASE_PORT+K), for the packaged {@code mra-edge edge|connector --config};</li>
 *   <li>{@code imp DIR PORT MAX_SECONDS}: a stand-in IM&P on 127.0.0.1:PORT (STARTTLS, then
 *       SASL features for the replayed header; holds the stream), as in
 *       {@link XmppSessionsDriver};</li>
 *   <li>{@code load HOST:PORT SESSIONS CONCURRENCY SOURCE_OCTET MAX_SECONDS}: SESSIONS clients
 *       from source addresses 127.SOURCE_OCTET.x.y, each negotiated through the edge until
 *       IM&P's SASL features come back through the relay; prints {@code HELD n FAILED m}, then
 *       holds them until killed or MAX_SECONDS.</li>
 * </ul>
 * Every part exits by itself after MAX_SECONDS, so nothing outlives a broken run for long.
 */
public final class XmppSessionsParts {
    static final String DOMAIN = "example.com";

    private XmppSessionsParts() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "setup" -> setup(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "imp" -> imp(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "load" -> load(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> {
                System.err.println("usage: setup|imp|load ... (see the class comment)");
                System.exit(2);
            }
        }
    }

    static void setup(Path dir, int connectors, int xmppPort, int traversalPort, int adminPort, int impBasePort)
            throws Exception {
        Files.createDirectories(dir);
        PrivatePki ca = PrivatePki.create("xmpp sessions CA");
        Path caCert = dir.resolve("ca.crt");
        ca.writeCa(caCert, dir.resolve("ca.key"));
        ca.issue(LeafSpec.server("edge", DOMAIN, "localhost", "127.0.0.1")).writePem(dir.resolve("edge.crt"),
                dir.resolve("edge.key"));
        ca.issue(LeafSpec.server(DOMAIN, DOMAIN)).writePem(dir.resolve("imp.crt"), dir.resolve("imp.key"));
        StringBuilder allowed = new StringBuilder();
        for (int k = 1; k <= connectors; k++) {
            ca.issue(LeafSpec.client("connector-" + k, "connector-" + k + ".test"))
                    .writePem(dir.resolve("c" + k + ".crt"), dir.resolve("c" + k + ".key"));
            allowed.append(k == 1 ? "" : ", ").append("connector-").append(k).append(".test");
        }
        Files.writeString(dir.resolve("edge.yaml"), "role: edge\nname: bench-edge\noutside-address: 127.0.0.1\n"
                + "tls: {certificate: edge.crt, private-key: edge.key}\n"
                + "traversal: {listen: '127.0.0.1:" + traversalPort + "', ca: ca.crt, allowed-connectors: [" + allowed
                + "]}\n"
                + "admin: {listen: '127.0.0.1:" + adminPort + "'}\n"
                + "protection: {max-tracked-sources: 100000, connection-rate: {per-second: 1000000, burst: 100000}}\n"
                + "shutdown: {drain-timeout: 1s}\n"
                + "xmpp: {client: {port: " + xmppPort + "}, client-direct-tls: {enabled: false},"
                + " limits: {idle-timeout: 1h}}\n");
        for (int k = 1; k <= connectors; k++) {
            Files.writeString(dir.resolve("connector-" + k + ".yaml"), "role: connector\nname: connector-" + k + "\n"
                    + "tls: {certificate: c" + k + ".crt, private-key: c" + k + ".key}\n"
                    + "traversal:\n  edges: [{address: '127.0.0.1:" + traversalPort + "', server-name: localhost}]\n"
                    + "  ca: ca.crt\n  connections-per-edge: 2\n"
                    + "admin: {listen: '127.0.0.1:" + (adminPort + k) + "'}\n"
                    + "shutdown: {drain-timeout: 1s}\n"
                    + "xmpp:\n  domains: [{domain: " + DOMAIN + ", client: ['127.0.0.1:" + (impBasePort + k) + "']}]\n"
                    + "  upstream: {ca: ca.crt}\n");
        }
        System.out.println("setup: " + dir);
    }

    static void imp(Path dir, int port, int maxSeconds) throws Exception {
        SslContext tls = SslContextBuilder.forServer(dir.resolve("imp.crt").toFile(), dir.resolve("imp.key").toFile())
                .sslProvider(SslProvider.OPENSSL).build();
        try (NetTransport transport = NetTransport.create("imp", 1, true)) {
            Channel server = transport.serverBootstrap().childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new XmppSessionsDriver.FakeImp(tls));
                }
            }).bind("127.0.0.1", port).sync().channel();
            System.out.println("imp: listening on 127.0.0.1:" + port);
            server.closeFuture().await(maxSeconds, TimeUnit.SECONDS);
            server.close();
        }
        System.exit(0);
    }

    static void load(String target, int sessions, int concurrency, int sourceOctet, int maxSeconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        int colon = target.lastIndexOf(':');
        InetSocketAddress edge = new InetSocketAddress(target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)));
        SslContext tls = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null).build();
        try (NetTransport transport = NetTransport.create("clients", 1, true)) {
            AtomicInteger held = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Semaphore inFlight = new Semaphore(concurrency);
            CountDownLatch done = new CountDownLatch(sessions);
            long start = System.nanoTime();
            for (int i = 0; i < sessions && System.nanoTime() < end; i++) {
                if (!inFlight.tryAcquire(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                String source = "127." + sourceOctet + "." + (1 + (i / 250) % 250) + "." + (1 + i % 250);
                new Bootstrap().group(transport.workers()).channel(transport.socketChannel())
                        .option(ChannelOption.ALLOCATOR, NetTransport.ALLOCATOR)
                        .handler(new XmppSessionsDriver.BenchClient(tls, ok -> {
                            (ok ? held : failed).incrementAndGet();
                            inFlight.release();
                            done.countDown();
                        }))
                        .connect(edge, new InetSocketAddress(source, 0))
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                // BenchClient never saw the channel: count it here.
                                failed.incrementAndGet();
                                inFlight.release();
                                done.countDown();
                            }
                        });
                if (i % 2000 == 1999) {
                    System.out.printf("load: %d started, %d held, %d failed%n", i + 1, held.get(), failed.get());
                }
            }
            done.await(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("HELD %d FAILED %d in %.1f s%n", held.get(), failed.get(), seconds);
            System.out.flush();
            long left = end - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left); // hold until killed (the script) or MAX_SECONDS
            }
        }
        System.exit(0);
    }
}
