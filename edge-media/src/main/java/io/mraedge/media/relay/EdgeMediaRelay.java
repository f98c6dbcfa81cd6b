package io.mraedge.media.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.mraedge.core.net.NetTransport;
import io.mraedge.media.ports.PortAllocator;
import io.mraedge.media.ports.PortsExhaustedException;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The edge's media relay (ARCHITECTURE.md, "Media (UDP)"): per-stream outside ports that latch
 * onto the client, and shared traversal ports where connectors attach by probing.
 *
 * <pre>
 * client ── outside leg (bind P, connected to client) ══ inside leg (bind T, connected to connector) ── connector
 *           catch-all on P: latching, strays              catch-all on T (one per port, shared): probes
 * </pre>
 *
 * <p>Both legs of a component, and every socket of a stream, live on one event loop: the
 * allocating thread's own when it is one of the transport's workers, else the next. The
 * traversal catch-alls are spread over the loops at start and hand probes to the stream's loop.
 * Streams are found by token in a concurrent map (probes only); media never looks anything up,
 * since the kernel demultiplexes it to the connected socket of its 4-tuple.
 *
 * <p>Requires the native epoll transport.
 */
public final class EdgeMediaRelay implements AutoCloseable {
    /** Attempts to bind a fresh outside port when one is taken by another process. */
    private static final int BIND_ATTEMPTS = 8;

    private final EdgeMediaConfig config;
    final RelayRuntime runtime;
    private final PortAllocator outsidePorts;
    private final Map<RelayToken, EdgeRelayStream> byToken = new ConcurrentHashMap<>();
    private final List<Channel> traversalCatchAlls = new ArrayList<>();
    private final AtomicInteger nextPair = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean closed = new AtomicBoolean();

    private EdgeMediaRelay(EdgeMediaConfig config, NetTransport transport, MeterRegistry registry,
                           LongSupplier nanoClock) {
        this.config = config;
        this.outsidePorts = new PortAllocator(config.outsidePorts());
        if (EdgeMediaConfig.sharesTraversalAddress(config.bindAddress(), config.insideAddress())) {
            // Outside and traversal sockets would share the port, and SO_REUSEPORT would let them.
            outsidePorts.reserve(config.traversalPorts());
        }
        this.runtime = new RelayRuntime(MediaMetricNames.ROLE_EDGE, transport, registry, nanoClock,
                config.idleTimeout(), config.setupTimeout(), config.maxDatagram(), config.recvBatch(), outsidePorts::free);
    }

    /**
     * Starts the relay: binds a catch-all on every traversal port.
     *
     * @param nanoClock the time idle expiry measures, {@link System#nanoTime} outside tests
     * @throws IllegalStateException when {@code transport} is not native epoll
     * @throws IOException when a traversal port cannot be bound
     */
    public static EdgeMediaRelay start(EdgeMediaConfig config, NetTransport transport, MeterRegistry registry,
                                       LongSupplier nanoClock) throws IOException {
        EdgeMediaRelay relay = new EdgeMediaRelay(java.util.Objects.requireNonNull(config, "config"), transport,
                registry, nanoClock);
        try {
            relay.bindTraversal();
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    private void bindTraversal() throws IOException {
        for (int port = config.traversalPorts().first(); port <= config.traversalPorts().last(); port++) {
            EventLoop loop = runtime.workers.next();
            InetSocketAddress local = new InetSocketAddress(config.insideAddress(), port);
            TraversalProbeHandler handler = new TraversalProbeHandler(this, port, runtime.totals(loop).toOutside);
            try {
                traversalCatchAlls.add(LoopCalls.call(loop, () -> runtime.sockets.bind(loop, local, handler)));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot bind traversal port " + local, e);
            }
        }
    }

    /**
     * A new stream: an outside port (an even/odd pair when {@code rtcp}) bound and waiting to
     * latch, the next traversal pair round robin, and a fresh token.
     *
     * @param signalledRtp the client's address from its SDP, or {@code null} when not known yet
     * @param rtcp         whether the stream has an RTCP component (no rtcp-mux, or not yet negotiated)
     * @throws PortsExhaustedException when no outside port (pair) is free
     * @throws UncheckedIOException when outside ports cannot be bound
     */
    public EdgeStream allocate(InetSocketAddress signalledRtp, boolean rtcp) throws PortsExhaustedException {
        if (closed.get()) {
            throw new IllegalStateException("the edge media relay is closed");
        }
        EventLoop loop = runtime.pickLoop();
        int pairs = config.traversalPorts().pairs();
        int firstEven = (config.traversalPorts().first() + 1) & ~1;
        int traversalPort = firstEven + 2 * Math.floorMod(nextPair.getAndIncrement(), pairs);
        IOException failure = null;
        java.util.List<Integer> heldBack = new java.util.ArrayList<>(2);
        try {
            for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
                int port = allocatePort(rtcp);
                RelayToken token = RelayToken.random(random);
                EdgeRelayStream stream = new EdgeRelayStream(this, loop, token, port, rtcp, traversalPort,
                        signalledRtp);
                byToken.put(token, stream);
                try {
                    LoopCalls.call(loop, () -> {
                        stream.open();
                        return null;
                    });
                    return stream;
                } catch (IOException e) {
                    // open() closed what it had opened, which freed the ports; someone else holds
                    // one of them, so keep them out of the next attempts.
                    byToken.remove(token);
                    failure = e;
                    PortAllocator.holdBack(outsidePorts, port, rtcp, heldBack);
                } catch (RuntimeException e) {
                    byToken.remove(token);
                    throw e;
                } catch (Exception e) {
                    byToken.remove(token);
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            heldBack.forEach(outsidePorts::free);
        }
        throw new UncheckedIOException("cannot bind an outside media port", failure);
    }

    private int allocatePort(boolean pair) throws PortsExhaustedException {
        try {
            return pair ? outsidePorts.allocatePair() : outsidePorts.allocateSingle();
        } catch (PortsExhaustedException e) {
            runtime.portsExhausted();
            throw e;
        }
    }

    public EdgeMediaConfig config() {
        return config;
    }

    /** Counts since start and current load. */
    public MediaTotals totals() {
        return runtime.snapshot(outsidePorts.free());
    }

    EdgeRelayStream stream(RelayToken token) {
        return byToken.get(token);
    }

    void forget(EdgeRelayStream stream) {
        byToken.remove(stream.token, stream);
    }

    void freePort(int port) {
        outsidePorts.free(port);
    }

    /** Closes every stream and the traversal catch-alls, and removes the meters. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        runtime.close();
        boolean mayWait = !LoopCalls.onAnyLoop();
        for (Channel channel : traversalCatchAlls) {
            io.netty.channel.ChannelFuture closing = channel.close();
            if (mayWait) {
                closing.awaitUninterruptibly(5_000);
            }
        }
    }
}
