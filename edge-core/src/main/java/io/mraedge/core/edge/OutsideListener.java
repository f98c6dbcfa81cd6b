package io.mraedge.core.edge;

import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.maintenance.ServiceState;
import io.mraedge.core.metrics.TlsHandshakeCounter;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.protection.AcceptGate;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outside listener of the edge, as a protocol plugin described it, with the edge's shared
 * policy in front: every accepted connection is first judged by the {@link AcceptGate} (bans
 * and the per-source rate limit) before any handler is installed, then gets the TLS handshake
 * counter and the protocol's own pipeline.
 *
 * <p>Maintenance: the listener's {@link MaintainedService} is DRAINING while flows finish; when
 * it reaches STOPPED the listening socket is closed, and it is bound again when the service
 * returns to ACTIVE.
 *
 * <p>Pipeline of an admitted connection: {@value TlsHandshakeCounter#NAME} (removes itself) →
 * the protocol's handlers.
 */
public final class OutsideListener {
    private static final Logger log = LoggerFactory.getLogger(OutsideListener.class);

    private final EdgeListener definition;
    private final NetTransport transport;
    private final MaintainedService service;
    private final ChannelInitializer<Channel> initializer;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Channel channel;
    private volatile InetSocketAddress boundAddress;

    public OutsideListener(EdgeListener definition, NetTransport transport, MaintainedService service,
                           AcceptGate gate, TlsHandshakeCounter handshakes) {
        this.definition = definition;
        this.transport = transport;
        this.service = service;
        this.initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (!gate.admit(ch)) {
                    return; // banned or over the rate: closed before the protocol sees it
                }
                connections.add(ch); // removed by the group when it closes
                ch.pipeline()
                        .addLast(TlsHandshakeCounter.NAME, handshakes)
                        .addLast(definition.childInitializer());
            }
        };
        service.onStateChange((from, to) -> {
            if (to == ServiceState.STOPPED) {
                unbind();
            } else if (to == ServiceState.ACTIVE && from == ServiceState.STOPPED) {
                rebind();
            }
        });
    }

    public String name() {
        return definition.name();
    }

    public MaintainedService service() {
        return service;
    }

    /** Binds; the bound address is kept so that a rebind after maintenance uses the same port. */
    public synchronized void bind() throws InterruptedException {
        InetSocketAddress target = boundAddress != null ? boundAddress : definition.bind();
        channel = transport.serverBootstrap().childHandler(initializer).bind(target).sync().channel();
        boundAddress = (InetSocketAddress) channel.localAddress();
        log.info("{} listening on {}", definition.name(), boundAddress);
    }

    /** The bound address (also while stopped in maintenance), or null before the first bind. */
    public InetSocketAddress address() {
        return boundAddress;
    }

    /** True while the listening socket is open. */
    public boolean listening() {
        Channel ch = channel;
        return ch != null && ch.isOpen();
    }

    private synchronized void unbind() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
            log.info("{}: STOPPED in maintenance; listener on {} closed", definition.name(), boundAddress);
        }
    }

    private void rebind() {
        try {
            bind();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: cannot listen on {} again after maintenance: {}", definition.name(), boundAddress,
                    e.toString());
        }
    }

    /**
     * Closes the listening socket for good, then every connection it accepted (waiting up to
     * {@code timeout}), so that none is left for the event loops' shutdown to tear down.
     */
    public synchronized void close(java.time.Duration timeout) {
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(timeout.toMillis());
    }

    /** Accepted connections open now. */
    public int connectionCount() {
        return connections.size();
    }
}
