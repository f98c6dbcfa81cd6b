package io.mraedge.media.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.mraedge.core.net.NetTransport;
import io.mraedge.media.ports.PortAllocator;
import io.mraedge.media.ports.PortsExhaustedException;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The connector's media relay (ARCHITECTURE.md, "Media (UDP)"): per stream, an inside port
 * toward the inside endpoint and a traversal leg toward the edge, opened by probing.
 *
 * <pre>
 * inside endpoint ── inside leg (bind Q, connected) ══ traversal leg (ephemeral, connected to edge T) ── edge
 *                    catch-all on Q: strays              acks open the way; keepalives keep it open
 * </pre>
 *
 * <p>Both legs of a component live on one event loop, chosen as on the edge. Requires the
 * native epoll transport.
 */
public final class ConnectorMediaRelay implements AutoCloseable {
    private static final int BIND_ATTEMPTS = 8;

    private final ConnectorMediaConfig config;
    final RelayRuntime runtime;
    private final PortAllocator ports;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ConnectorMediaRelay(ConnectorMediaConfig config, NetTransport transport, MeterRegistry registry,
                                LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.ports = new PortAllocator(config.ports());
        this.runtime = new RelayRuntime(MediaMetricNames.ROLE_CONNECTOR, transport, registry, nanoClock,
                config.idleTimeout(), config.setupTimeout(), config.maxDatagram(), config.recvBatch(), ports::free);
    }

    /**
     * Starts the relay; nothing is bound until a stream is allocated.
     *
     * @param nanoClock the time idle expiry measures, {@link System#nanoTime} outside tests
     * @throws IllegalStateException when {@code transport} is not native epoll
     */
    public static ConnectorMediaRelay start(ConnectorMediaConfig config, NetTransport transport,
                                            MeterRegistry registry, LongSupplier nanoClock) {
        return new ConnectorMediaRelay(config, transport, registry, nanoClock);
    }

    /**
     * A new stream: an inside port (an even/odd pair when {@code rtcp}) bound; call
     * {@link ConnectorStream#edge} and {@link ConnectorStream#inside} next.
     *
     * @throws PortsExhaustedException when no inside port (pair) is free
     * @throws UncheckedIOException when inside ports cannot be bound
     */
    public ConnectorStream allocate(boolean rtcp) throws PortsExhaustedException {
        if (closed.get()) {
            throw new IllegalStateException("the connector media relay is closed");
        }
        EventLoop loop = runtime.pickLoop();
        IOException failure = null;
        java.util.List<Integer> heldBack = new java.util.ArrayList<>(2);
        try {
            for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
                int port;
                try {
                    port = rtcp ? ports.allocatePair() : ports.allocateSingle();
                } catch (PortsExhaustedException e) {
                    runtime.portsExhausted();
                    throw e;
                }
                ConnectorRelayStream stream = new ConnectorRelayStream(this, loop, port, rtcp);
                try {
                    LoopCalls.call(loop, () -> {
                        stream.open();
                        return null;
                    });
                    return stream;
                } catch (IOException e) {
                    // Someone else holds the port: keep it out of the next attempts.
                    failure = e;
                    PortAllocator.holdBack(ports, port, rtcp, heldBack);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            heldBack.forEach(ports::free);
        }
        throw new UncheckedIOException("cannot bind an inside media port", failure);
    }

    public ConnectorMediaConfig config() {
        return config;
    }

    /** Counts since start and current load. */
    public MediaTotals totals() {
        return runtime.snapshot(ports.free());
    }

    void freePort(int port) {
        ports.free(port);
    }

    /** Closes every stream and removes the meters. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            runtime.close();
        }
    }
}
