package io.mraedge.core;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.core.traversal.ConnectorStatus;
import io.mraedge.core.traversal.TraversalClient;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.core.traversal.TraversalStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running connector: its links to every edge and the stream services of the protocol
 * plugins. Start with {@link #start}; {@link #close} sends GOAWAY and lets running streams
 * finish within {@code shutdown.drain-timeout}.
 */
public final class ConnectorNode implements ConnectorContext, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectorNode.class);

    private final ConnectorConfig config;
    private final NetTransport transport;
    private final ConnectorStatus status;
    private final TraversalStats traversalStats = new TraversalStats();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private ReloadableSslContext tls;
    private TraversalClient client;

    private ConnectorNode(ConnectorConfig config, NetTransport transport) {
        this.config = config;
        this.transport = transport;
        this.status = new ConnectorStatus(config.name(), Version.get());
    }

    /** Starts the links; they come up in the background. */
    public static ConnectorNode start(ConnectorConfig config, List<ProtocolPlugin> plugins) throws Exception {
        ConnectorNode node = new ConnectorNode(config, NetTransport.create("connector"));
        try {
            node.tls = new ReloadableSslContext("traversal",
                    () -> TlsContexts.mutualClient(config.tls(), config.traversal().ca(), TraversalProtocol.ALPN_ID));
            List<StreamService> services = new ArrayList<>();
            for (ProtocolPlugin plugin : plugins) {
                services.addAll(plugin.connectorServices(node));
            }
            node.client = new TraversalClient(config, node.transport, node.tls, node.status, services, node.traversalStats);
            node.client.start();
            log.info("connector {}: dialling {} edge(s), {} link(s) each", config.name(),
                    config.traversal().edges().size(), config.traversal().connectionsPerEdge());
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public NetTransport transport() {
        return transport;
    }

    @Override
    public ConnectorStatus status() {
        return status;
    }

    public TraversalClient traversal() {
        return client;
    }

    /** Rebuilds the client TLS context from its files (SIGHUP); returns the errors. */
    public List<String> reloadTls() {
        try {
            tls.reload();
            return List.of();
        } catch (IOException | RuntimeException e) {
            log.error("connector {}: TLS reload failed, keeping the old certificates: {}", config.name(), e.getMessage());
            return List.of("traversal: " + e.getMessage());
        }
    }

    /** GOAWAY on every link, drain, stop the loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (client != null) {
            client.close();
        }
        transport.close();
        if (tls != null) {
            tls.close();
        }
        log.info("connector {}: stopped", config.name());
    }
}
