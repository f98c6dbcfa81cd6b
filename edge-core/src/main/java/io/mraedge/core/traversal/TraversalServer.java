package io.mraedge.core.traversal;

import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.config.TraversalServerConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.protection.AcceptGate;
import io.mraedge.core.tls.AllowedPeerTrustManager;
import io.mraedge.core.tls.ReloadableSslContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's traversal listener (inside interface, default port 7001). It accepts only
 * connectors that pass mutual TLS, then speaks HTTP/2 as the <em>client</em> on the accepted
 * socket, opens the status stream, and PINGs.
 *
 * <p>Pipeline of an accepted connection, in order:
 * <ol>
 *   <li>(before any handler) the {@link AcceptGate}: a banned source is closed at once,
 *       before any TLS work;
 *   <li>{@value #TLS_COUNTER}: counts handshakes by outcome; removes itself;
 *   <li>{@value #BYTES}: {@link ByteCountingHandler} (wire bytes for metrics);
 *   <li>{@value #TLS}: {@link SslHandler} (client certificate required and checked against the
 *       CA and the allowed names; handshake timeout);
 *   <li>{@value #ALPN}: {@link AlpnGuard}, which removes itself once {@code mra-traversal/1} is
 *       negotiated and adds:
 *   <li>{@value #H2}: the HTTP/2 frame codec (client role);
 *   <li>{@value #H2_MUX}: the stream multiplexer (the connector may not open streams);
 *   <li>{@value #LIVENESS}: {@link EdgeLivenessHandler} (PING, GOAWAY, SETTINGS).
 * </ol>
 */
public final class TraversalServer implements AutoCloseable {
    public static final String TLS_COUNTER = "tls-handshake-counter";
    public static final String BYTES = "bytes";
    public static final String TLS = "tls";
    public static final String ALPN = "alpn";
    public static final String H2 = "h2";
    public static final String H2_MUX = "h2-mux";
    public static final String LIVENESS = "liveness";

    private static final Logger log = LoggerFactory.getLogger(TraversalServer.class);

    private final EdgeConfig config;
    private final TraversalServerConfig traversal;
    private final NetTransport transport;
    private final ReloadableSslContext tls;
    private final ConnectorRegistry registry;
    private final BiConsumer<InetSocketAddress, Throwable> handshakeFailures;
    private final Set<String> allowed;
    private final TraversalStats stats;
    private final ByteCountingHandler byteCounter;
    private final AcceptGate acceptGate;
    private final ChannelHandler handshakeCounter;
    private Channel serverChannel;

    /**
     * @param handshakeFailures told of every failed traversal handshake, with the source address
     */
    public TraversalServer(EdgeConfig config, NetTransport transport, ReloadableSslContext tls,
                           ConnectorRegistry registry, TraversalStats stats, AcceptGate acceptGate,
                           ChannelHandler handshakeCounter, BiConsumer<InetSocketAddress, Throwable> handshakeFailures) {
        this.acceptGate = acceptGate;
        this.handshakeCounter = handshakeCounter;
        this.stats = stats;
        this.byteCounter = new ByteCountingHandler(stats);
        this.config = config;
        this.traversal = config.traversal();
        this.transport = transport;
        this.tls = tls;
        this.registry = registry;
        this.handshakeFailures = handshakeFailures;
        this.allowed = traversal.allowedConnectors().stream().map(AllowedPeerTrustManager::canonical)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Binds the listener; returns the bound address. */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap b = transport.serverBootstrap()
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initConnection(ch);
                    }
                });
        if (transport.tcpUserTimeoutOption() != null) {
            b.childOption(transport.tcpUserTimeoutOption(),
                    NetTransport.tcpUserTimeoutMillis(traversal.liveness().tcpUserTimeout()));
        }
        serverChannel = b.bind(traversal.listen()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("edge {}: traversal listener on {} ({}), allowing {}", config.name(), bound, transport.describe(),
                traversal.allowedConnectors());
        return bound;
    }

    private void initConnection(Channel ch) {
        if (!acceptGate.admit(ch)) {
            return; // banned: closed before any handler, so no TLS work and no second count
        }
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        SslHandler ssl = tls.current().newHandler(ch.alloc(), remote.getHostString(), remote.getPort());
        ssl.setHandshakeTimeout(traversal.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ch.pipeline()
                .addLast(TLS_COUNTER, handshakeCounter)
                .addLast(BYTES, byteCounter)
                .addLast(TLS, ssl)
                .addLast(ALPN, new AlpnGuard("edge " + config.name(), this::onTunnel,
                        (ctx, cause) -> handshakeFailures.accept(remote, cause)));
    }

    private void onTunnel(ChannelHandlerContext ctx, SslHandler ssl) {
        Channel ch = ctx.channel();
        String identity;
        try {
            identity = identity(ssl);
        } catch (SSLPeerUnverifiedException | java.security.cert.CertificateException e) {
            // The trust manager already enforced this; refusing here too keeps one rule.
            log.warn("edge {}: traversal peer {} refused: {}", config.name(), ch.remoteAddress(), e.getMessage());
            handshakeFailures.accept((InetSocketAddress) ch.remoteAddress(), e);
            ch.close();
            return;
        }
        TraversalConnection connection = new TraversalConnection(ch, identity, stats);
        ChannelPipeline p = ch.pipeline();
        p.addLast(H2, TraversalCodecs.edge(traversal.flowControl()));
        p.addLast(H2_MUX, new Http2MultiplexHandler(new RefuseInboundStreams()));
        p.addLast(LIVENESS, new EdgeLivenessHandler(connection, traversal.liveness()));
        TraversalCodecs.openConnectionWindow(ch, traversal.flowControl());
        registry.add(connection);
        log.info("edge {}: traversal connection {} from {} ({}), {}", config.name(), connection.id(), ch.remoteAddress(),
                identity, ssl.engine().getSession().getProtocol());
        openStatusStream(connection);
    }

    private void openStatusStream(TraversalConnection connection) {
        DefaultHttp2Headers headers = new DefaultHttp2Headers();
        headers.method("GET").scheme("https").authority(config.name()).path(TraversalProtocol.STATUS_PATH);
        headers.set(TraversalProtocol.EDGE, config.name());
        connection.openStream(headers, true, new StatusStreamHandler(connection, traversal.flowControl().streamWindow()))
                .addListener(f -> {
                    if (f.isSuccess()) {
                        Channel stream = (Channel) f.getNow();
                        connection.statusStream(stream);
                        stream.read();
                    } else {
                        connection.markDown("cannot open the status stream: " + f.cause());
                        connection.close();
                    }
                });
    }

    private String identity(SslHandler ssl) throws SSLPeerUnverifiedException, java.security.cert.CertificateException {
        Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
        List<String> names = AllowedPeerTrustManager.subjectAltNames((X509Certificate) chain[0]);
        return names.stream().filter(allowed::contains).findFirst().orElseThrow(() ->
                new java.security.cert.CertificateException("certificate names " + names + " are not allowed"));
    }

    public InetSocketAddress localAddress() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /** The connector is the HTTP/2 server and must not open streams; any it tries are reset. */
    private static final class RefuseInboundStreams extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            log.warn("traversal: connector tried to open stream {}; refusing", ctx.channel());
            ctx.close();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }
}
