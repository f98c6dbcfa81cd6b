package io.mraedge.core;

import io.mraedge.core.admin.AdminApi;
import io.mraedge.core.admin.AdminServer;
import io.mraedge.core.admin.AdminTarget;
import io.mraedge.core.admin.AdminToken;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.maintenance.MaintenanceMode;
import io.mraedge.core.maintenance.ServiceState;
import io.mraedge.core.metrics.NodeMetrics;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.PluginResources;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.protection.IntrusionProtection;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.core.traversal.ConnectorStatus;
import io.mraedge.core.traversal.TraversalClient;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.core.traversal.TraversalStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running connector: its links to every edge, the stream services of the protocol plugins,
 * and its admin server.
 *
 * <p>Maintenance: the connector reports it to every edge, which then route new flows to other
 * connectors; streams that still arrive get 503; once the last flow ends the
 * {@value #TRAVERSAL_SERVICE} service is STOPPED and every link sends GOAWAY and stays down
 * until maintenance ends.
 */
public final class ConnectorNode implements ConnectorContext, AdminTarget, AutoCloseable {
    /** The connector's one maintained service: the flows it carries for the edges. */
    public static final String TRAVERSAL_SERVICE = "traversal";

    private static final Logger log = LoggerFactory.getLogger(ConnectorNode.class);

    private final ConnectorConfig config;
    private final NetTransport transport;
    private final ConnectorStatus status;
    private final TraversalStats traversalStats = new TraversalStats();
    private final NodeMetrics metrics;
    private final MaintenanceMode maintenance;
    private final MaintainedService flows;
    private final long startedAtMillis = System.currentTimeMillis();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PluginResources resources = new PluginResources();
    private ReloadableSslContext tls;
    private TraversalClient client;
    private AdminServer admin;
    private AdminToken adminToken;

    private ConnectorNode(ConnectorConfig config, NetTransport transport) {
        this.config = config;
        this.transport = transport;
        this.status = new ConnectorStatus(config.name(), Version.get());
        this.metrics = new NodeMetrics("connector", config.name());
        this.maintenance = new MaintenanceMode("connector " + config.name());
        this.flows = maintenance.register(new MaintainedService(TRAVERSAL_SERVICE));
    }

    /** Starts the links (they come up in the background) and the admin server. */
    public static ConnectorNode start(ConnectorConfig config, List<ProtocolPlugin> plugins) throws Exception {
        ConnectorNode node = new ConnectorNode(config, NetTransport.create("connector"));
        try {
            node.startParts(plugins);
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startParts(List<ProtocolPlugin> plugins) throws Exception {
        adminToken = AdminToken.from(config.admin().tokenFile());
        tls = new ReloadableSslContext("traversal",
                () -> TlsContexts.mutualClient(config.tls(), config.traversal().ca(), TraversalProtocol.ALPN_ID));
        List<StreamService> services = new ArrayList<>();
        for (ProtocolPlugin plugin : plugins) {
            services.addAll(plugin.connectorServices(this));
        }
        client = new TraversalClient(config, transport, tls, status, services, traversalStats, flows);
        ConnectorMetrics.bind(metrics.registry(), client, traversalStats, status, maintenance);
        maintenance.onChange(status::maintenance);
        flows.onStateChange((from, to) -> {
            if (to == ServiceState.STOPPED) {
                log.info("connector {}: idle in maintenance; GOAWAY to every edge", config.name());
                client.pause();
            } else if (to == ServiceState.ACTIVE && from == ServiceState.STOPPED) {
                client.resume();
            }
        });
        client.start();
        admin = AdminApi.server(this, adminToken);
        admin.start(transport, config.admin().listen(), "connector " + config.name());
        log.info("connector {}: dialling {} edge(s), {} link(s) each", config.name(),
                config.traversal().edges().size(), config.traversal().connectionsPerEdge());
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

    @Override
    public void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    @Override
    public MaintenanceMode maintenance() {
        return maintenance;
    }

    @Override
    public NodeMetrics metrics() {
        return metrics;
    }

    @Override
    public Optional<IntrusionProtection> protection() {
        return Optional.empty();
    }

    public TraversalClient traversal() {
        return client;
    }

    /** The admin server's bound address, or null before it is bound. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.localAddress();
    }

    @Override
    public Map<String, Object> statusDocument() {
        return ConnectorStatusDocument.build(this, startedAtMillis, adminToken.configured());
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

    /**
     * Orderly stop (SIGTERM): maintenance on, so that edges route new flows elsewhere; wait up
     * to {@code shutdown.drain-timeout} for running flows to end; then close. Returns whether
     * the drain finished in time.
     */
    public boolean shutdown() throws InterruptedException {
        boolean drained = maintenance.drain(config.shutdown().drainTimeout());
        close();
        return drained;
    }

    /** GOAWAY on every link, drain, stop the loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (admin != null) {
            admin.close();
        }
        if (client != null) {
            client.close();
        }
        resources.closeAll();
        transport.close();
        if (tls != null) {
            tls.close();
        }
        metrics.close();
        log.info("connector {}: stopped", config.name());
    }
}
