package io.mraedge.core.traversal;

import io.mraedge.core.config.EdgeTarget;
import io.mraedge.core.config.TraversalClientConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.tls.ReloadableSslContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the connector's N connections to one edge: dials out, verifies the edge, serves the
 * streams the edge opens, and redials with {@link Backoff} when the connection fails or closes.
 *
 * <p>Pipeline, in order:
 * <ol>
 *   <li>{@value #BYTES}: {@link ByteCountingHandler} (wire bytes for metrics);
 *   <li>{@value #TLS}: {@link SslHandler} with the connector certificate; checks the edge's
 *       chain and host name ({@code server-name});
 *   <li>{@value #ALPN}: {@link AlpnGuard}, replaced once {@code mra-traversal/1} is agreed by:
 *   <li>{@value #H2}: the HTTP/2 frame codec (server role, extended CONNECT enabled);
 *   <li>{@value #H2_MUX}: the multiplexer, whose streams start with the {@link StreamDispatcher};
 *   <li>{@value #IDLE} and {@value #LIVENESS}: close the link when the edge has sent nothing
 *       (not even a PING) for {@code ping-interval x ping-misses}.
 * </ol>
 * All state lives on the link's event loop.
 */
public final class TraversalLink {
    public static final String BYTES = "bytes";
    public static final String TLS = "tls";
    public static final String ALPN = "alpn";
    public static final String H2 = "h2";
    public static final String H2_MUX = "h2-mux";
    public static final String IDLE = "idle";
    public static final String LIVENESS = "liveness";

    /** Where a link stands. */
    public enum State { CONNECTING, UP, BACKING_OFF, STOPPED }

    private static final Logger log = LoggerFactory.getLogger(TraversalLink.class);

    private final String connectorName;
    private final EdgeTarget target;
    private final int index;
    private final TraversalClientConfig config;
    private final NetTransport transport;
    private final ReloadableSslContext tls;
    private final StreamDispatcher dispatcher;
    private final EventLoop loop;
    private final Backoff backoff;
    private final Duration drainTimeout;
    private final ByteCountingHandler byteCounter;
    private volatile State state = State.CONNECTING;
    private volatile Channel channel;
    private volatile boolean stopping;
    private volatile String lastError = "";
    private volatile long upSinceMillis;
    private String tlsProtocol = "";
    private int connects;

    TraversalLink(String connectorName, EdgeTarget target, int index, TraversalClientConfig config,
                  NetTransport transport, ReloadableSslContext tls, StreamDispatcher dispatcher, Duration drainTimeout,
                  TraversalStats stats) {
        this.byteCounter = new ByteCountingHandler(stats);
        this.connectorName = connectorName;
        this.target = target;
        this.index = index;
        this.config = config;
        this.transport = transport;
        this.tls = tls;
        this.dispatcher = dispatcher;
        this.loop = transport.workers().next();
        this.backoff = new Backoff(config.backoff(), System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
        this.drainTimeout = drainTimeout;
    }

    /** Starts dialling. */
    void start() {
        loop.execute(this::connect);
    }

    private void connect() {
        if (stopping) {
            return;
        }
        state = State.CONNECTING;
        connects++;
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.ALLOCATOR, NetTransport.ALLOCATOR)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = tls.current().newHandler(ch.alloc(), target.serverName(), target.port());
                        ssl.setHandshakeTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                        ch.pipeline()
                                .addLast(BYTES, byteCounter)
                                .addLast(TLS, ssl)
                                .addLast(ALPN, new AlpnGuard("connector " + connectorName, TraversalLink.this::onTunnel,
                                        (ctx, cause) -> lastError = AlpnGuard.rootMessage(cause)));
                    }
                });
        if (transport.tcpUserTimeoutOption() != null) {
            b.option(transport.tcpUserTimeoutOption(), NetTransport.tcpUserTimeoutMillis(config.liveness().tcpUserTimeout()));
        }
        ChannelFuture f = b.connect(target.host(), target.port());
        channel = f.channel();
        f.addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                lastError = AlpnGuard.rootMessage(done.cause());
                log.warn("connector {}: cannot reach edge {}: {}", connectorName, describe(), lastError);
            }
        });
        f.channel().closeFuture().addListener(closed -> onClosed());
    }

    private void onTunnel(ChannelHandlerContext ctx, SslHandler ssl) {
        ChannelPipeline p = ctx.pipeline();
        p.addLast(H2, TraversalCodecs.connector(config.flowControl(), drainTimeout));
        p.addLast(H2_MUX, new Http2MultiplexHandler(dispatcher));
        long silence = config.liveness().pingInterval().toNanos() * config.liveness().pingMisses();
        p.addLast(IDLE, new IdleStateHandler(silence, 0, 0, TimeUnit.NANOSECONDS));
        p.addLast(LIVENESS, new SilenceHandler());
        TraversalCodecs.openConnectionWindow(ctx.channel(), config.flowControl());
        tlsProtocol = ssl.engine().getSession().getProtocol();
    }

    /**
     * The edge's SETTINGS arrived. Only now is the link UP: with TLS 1.3 the client finishes its
     * handshake before the server has judged the client certificate, and the edge starts
     * HTTP/2 only after accepting it.
     */
    private void onEdgeSettings() {
        if (state == State.UP) {
            return;
        }
        backoff.connected();
        upSinceMillis = System.currentTimeMillis();
        state = State.UP;
        lastError = "";
        log.info("connector {}: link {} to edge {} is UP ({})", connectorName, index, describe(), tlsProtocol);
    }

    private void onClosed() {
        boolean wasUp = state == State.UP;
        backoff.disconnected();
        if (stopping) {
            state = State.STOPPED;
            return;
        }
        state = State.BACKING_OFF;
        Duration delay = backoff.nextDelay();
        if (wasUp) {
            log.warn("connector {}: link {} to edge {} closed; reconnecting in {} ms", connectorName, index, describe(),
                    delay.toMillis());
        } else {
            log.debug("connector {}: link {} to edge {}: retry {} in {} ms", connectorName, index, describe(),
                    backoff.attempts(), delay.toMillis());
        }
        loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the link: GOAWAY to the edge, running streams may finish within the drain timeout
     * (the codec's graceful shutdown), then the socket closes and is not redialled.
     */
    ChannelFuture stop() {
        stopping = true;
        Channel ch = channel;
        return ch == null ? null : ch.close();
    }

    /** Dials again after {@link #stop()} (maintenance ended). */
    void resume() {
        loop.execute(() -> {
            stopping = false;
            if (state == State.STOPPED) {
                connect();
            }
            // Otherwise the closing connection's close handler redials, now that stopping is off.
        });
    }

    /** Closes the socket under the link without a GOAWAY, as a failure would; the link redials. */
    public void abort() {
        Channel ch = channel;
        if (ch != null) {
            // Below the pipeline, so the HTTP/2 codec sends no GOAWAY: the edge just sees the socket go.
            ch.eventLoop().execute(() -> ch.unsafe().close(ch.voidPromise()));
        }
    }

    public State state() {
        return state;
    }

    public EdgeTarget target() {
        return target;
    }

    public int index() {
        return index;
    }

    /** How many times this link has dialled. */
    public int connects() {
        return connects;
    }

    public String lastError() {
        return lastError;
    }

    public long upSinceMillis() {
        return state == State.UP ? upSinceMillis : 0;
    }

    /** The socket of the current attempt (tests use it to cut the link). */
    public Channel channel() {
        return channel;
    }

    private String describe() {
        return target.host() + ":" + target.port() + (target.serverName().equals(target.host()) ? "" : " (" + target.serverName() + ")");
    }

    /** Closes the link when the idle handler reports that the edge went silent. */
    private final class SilenceHandler extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                lastError = "edge silent for " + config.liveness().pingMisses() + " PING intervals";
                log.warn("connector {}: link {} to edge {}: {}; closing", connectorName, index, describe(), lastError);
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.handler.codec.http2.Http2SettingsFrame) {
                onEdgeSettings();
            }
            io.netty.util.ReferenceCountUtil.release(msg); // connection-level frames: SETTINGS, PING, GOAWAY
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // E.g. the edge's TLS alert arriving after our side of a TLS 1.3 handshake finished.
            lastError = AlpnGuard.rootMessage(cause);
            log.warn("connector {}: link {} to edge {}: {}; closing", connectorName, index, describe(), lastError);
            ctx.close();
        }
    }
}
