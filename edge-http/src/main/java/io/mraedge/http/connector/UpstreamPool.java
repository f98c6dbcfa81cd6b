package io.mraedge.http.connector;

import io.mraedge.core.net.NetTransport;
import io.mraedge.http.allowlist.HostSyntax;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The connector's pooled HTTP/1.1 client connections to inside servers. A connection lives on
 * the event loop of the traversal stream that needs it (ENGINEERING.md, practice 7: a proxy pair
 * shares a loop), so each loop has its own idle connections per {@link Origin} and no lock is
 * taken. Idle connections are closed after the idle timeout, and at most
 * {@code max-idle-per-origin} are kept per origin and loop.
 *
 * <p>Pipeline of an upstream connection: {@value #TLS} (https only; SNI and, when verifying,
 * the host name of the origin) → {@value #CODEC} → the exchange's handler, added per request
 * and removed before the connection returns to the pool. Auto-read starts off (TLS reads for
 * itself during the handshake); it is on while the connection idles in the pool and while its
 * exchange keeps up.
 * A connection returned to the pool is stamped with the time; a sweeper per loop closes the
 * ones idle past the timeout, so a request costs no timer of its own.
 *
 * <p>Names are resolved on {@code resolver} (a blocking call), never on an event loop; a host
 * with a configured {@code address} dials that instead.
 */
public final class UpstreamPool {
    public static final String TLS = "tls";
    public static final String CODEC = "http-codec";

    /** When a pooled connection was returned, in {@link System#nanoTime()} terms. */
    private static final AttributeKey<Long> IDLE_SINCE = AttributeKey.valueOf(UpstreamPool.class, "idle-since");

    private final NetTransport transport;
    private final UpstreamSettings settings;
    private final Map<String, String> connectAddresses;
    private final SslContext tls;
    private final Executor resolver;
    private final Map<EventLoop, LoopPool> idle = new ConcurrentHashMap<>();

    /**
     * One event loop's idle connections per origin, and the sweeper that closes those idle for
     * longer than the idle timeout (one periodic task per loop, not a timer per connection).
     */
    private final class LoopPool {
        final Map<Origin, ArrayDeque<Channel>> byOrigin = new HashMap<>();

        LoopPool(EventLoop loop) {
            long period = Math.max(1_000_000L, settings.idleTimeout().toNanos() / 2);
            loop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
        }

        private void sweep() {
            long now = System.nanoTime();
            long limit = settings.idleTimeout().toNanos();
            for (ArrayDeque<Channel> queue : byOrigin.values()) {
                // Oldest first: the queue is used as a stack (most recent last).
                while (!queue.isEmpty()) {
                    Channel oldest = queue.peekFirst();
                    Long since = oldest.attr(IDLE_SINCE).get();
                    if (since != null && now - since < limit && oldest.isActive()) {
                        break;
                    }
                    queue.pollFirst();
                    oldest.close();
                }
            }
        }
    }

    public UpstreamPool(NetTransport transport, UpstreamSettings settings, Map<String, String> connectAddresses,
                        SslContext tls, Executor resolver) {
        this.transport = transport;
        this.settings = settings;
        this.connectAddresses = Map.copyOf(connectAddresses);
        this.tls = tls;
        this.resolver = resolver;
    }

    public UpstreamSettings settings() {
        return settings;
    }

    /** A connection acquired from the pool, and whether it was used before (it may be stale). */
    public record Lease(Channel channel, Origin origin, boolean reused) {
    }

    /**
     * A connection to {@code origin} on {@code loop}: an idle pooled one, or a new one once
     * connected (and TLS handshaken). Must be called on {@code loop}; completes on it.
     *
     * @param fresh never reuse an idle connection (a retry after a stale one)
     */
    public Future<Lease> acquire(EventLoop loop, Origin origin, boolean fresh) {
        Promise<Lease> promise = loop.newPromise();
        if (!fresh) {
            ArrayDeque<Channel> queue = queue(loop, origin, false);
            while (queue != null && !queue.isEmpty()) {
                Channel ch = queue.pollLast();
                if (ch.isActive()) {
                    return promise.setSuccess(new Lease(ch, origin, true));
                }
            }
        }
        String host = connectAddresses.getOrDefault(origin.host(), origin.host());
        if (HostSyntax.isIpv4(host)) {
            connect(loop, origin, new InetSocketAddress(literal(host), origin.port()), promise);
            return promise;
        }
        try {
            resolver.execute(() -> {
                try {
                    InetAddress address = InetAddress.getByName(host);
                    loop.execute(() -> connect(loop, origin, new InetSocketAddress(address, origin.port()), promise));
                } catch (UnknownHostException e) {
                    promise.tryFailure(new UpstreamException(UpstreamException.Kind.CONNECT, "cannot resolve " + host));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(new UpstreamException(UpstreamException.Kind.CONNECT, "resolver overloaded"));
        }
        return promise;
    }

    private void connect(EventLoop loop, Origin origin, InetSocketAddress address, Promise<Lease> promise) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.ALLOCATOR, NetTransport.ALLOCATOR)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        settings.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (origin.tls()) {
                            ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc(), origin.host(), origin.port()));
                        }
                        ch.pipeline().addLast(CODEC, new HttpClientCodec(8192, settings.maxResponseHeaderSize(),
                                16 * 1024));
                    }
                });
        ChannelFuture connect = bootstrap.connect(address);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(new UpstreamException(UpstreamException.Kind.CONNECT,
                        "cannot connect to " + origin + " at " + address + ": " + f.cause().getMessage()));
                return;
            }
            Channel ch = connect.channel();
            // Once per connection: a pooled connection the server closes leaves the pool.
            ch.closeFuture().addListener(closed -> {
                ArrayDeque<Channel> queue = queue(loop, origin, false);
                if (queue != null) {
                    queue.remove(ch);
                }
            });
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                promise.trySuccess(new Lease(ch, origin, false));
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    promise.trySuccess(new Lease(ch, origin, false));
                } else {
                    ch.close();
                    promise.tryFailure(new UpstreamException(UpstreamException.Kind.CONNECT,
                            "TLS with " + origin + " failed: " + h.cause().getMessage()));
                }
            });
        });
    }

    /**
     * Returns a connection after a complete exchange, or closes it when it cannot be reused or
     * the pool for its origin is full. Called on the connection's loop, with no exchange handler
     * left in its pipeline.
     */
    public void release(Lease lease) {
        Channel ch = lease.channel();
        if (!ch.isActive() || settings.maxIdlePerOrigin() == 0) {
            ch.close();
            return;
        }
        EventLoop loop = ch.eventLoop();
        ArrayDeque<Channel> queue = queue(loop, lease.origin(), true);
        if (queue.size() >= settings.maxIdlePerOrigin()) {
            ch.close();
            return;
        }
        ch.attr(IDLE_SINCE).set(System.nanoTime());
        // Reading while idle notices at once when the server closes a pooled connection.
        ch.config().setAutoRead(true);
        queue.addLast(ch);
    }

    /** Idle connections on every loop (tests). */
    public int idleCount() {
        return idle.values().stream().flatMap(m -> m.byOrigin.values().stream()).mapToInt(ArrayDeque::size).sum();
    }

    private ArrayDeque<Channel> queue(EventLoop loop, Origin origin, boolean create) {
        LoopPool perLoop = create ? idle.computeIfAbsent(loop, LoopPool::new) : idle.get(loop);
        if (perLoop == null) {
            return null;
        }
        return create ? perLoop.byOrigin.computeIfAbsent(origin, o -> new ArrayDeque<>()) : perLoop.byOrigin.get(origin);
    }

    private static InetAddress literal(String ipv4) {
        String[] parts = ipv4.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
