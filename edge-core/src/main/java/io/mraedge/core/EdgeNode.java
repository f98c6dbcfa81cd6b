package io.mraedge.core;

import io.mraedge.core.admin.AdminApi;
import io.mraedge.core.admin.AdminServer;
import io.mraedge.core.admin.AdminTarget;
import io.mraedge.core.admin.AdminToken;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.edge.AdminGuard;
import io.mraedge.core.edge.EdgeStatus;
import io.mraedge.core.edge.OutsideListener;
import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.maintenance.MaintenanceMode;
import io.mraedge.core.metrics.MetricNames;
import io.mraedge.core.metrics.NodeMetrics;
import io.mraedge.core.metrics.TlsHandshakeCounter;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.plugin.PluginResources;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.protection.AcceptGate;
import io.mraedge.core.protection.ConnectionRateLimiter;
import io.mraedge.core.protection.IntrusionProtection;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.core.traversal.ConnectorRegistry;
import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.core.traversal.TraversalServer;
import io.mraedge.core.traversal.TraversalStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running edge: the traversal listener on the inside, the protocol plugins' listeners on the
 * outside (behind bans, the connection rate limit and maintenance), and the admin server.
 * Start with {@link #start}; stop with {@link #shutdown} (drain) or {@link #close} (at once).
 */
public final class EdgeNode implements EdgeContext, AdminTarget, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeNode.class);
    private static final String TRAVERSAL_LISTENER = "traversal";
    /** How long close() waits for connections to close before it stops the event loops. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final EdgeConfig config;
    private final NetTransport transport;
    private final ConnectorRegistry registry = new ConnectorRegistry();
    private final TraversalStats traversalStats = new TraversalStats();
    private final StreamRouter router;
    private final NodeMetrics metrics;
    private final IntrusionProtection protection;
    private final ConnectionRateLimiter rateLimiter;
    private final MaintenanceMode maintenance;
    private final List<ReloadableSslContext> tlsContexts = new CopyOnWriteArrayList<>();
    private final Map<String, OutsideListener> listeners = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> statusSections = new LinkedHashMap<>();
    private final long startedAtMillis = System.currentTimeMillis();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PluginResources resources = new PluginResources();
    private TraversalServer traversal;
    private AdminServer admin;
    private AdminToken adminToken;

    private EdgeNode(EdgeConfig config, NetTransport transport) {
        this.config = config;
        this.transport = transport;
        this.router = new StreamRouter(registry, config.name());
        this.metrics = new NodeMetrics("edge", config.name());
        this.protection = new IntrusionProtection(config.protection());
        this.rateLimiter = new ConnectionRateLimiter(config.protection());
        this.maintenance = new MaintenanceMode("edge " + config.name());
    }

    /** Starts every part of the edge; on failure, whatever started is stopped again. */
    public static EdgeNode start(EdgeConfig config, List<ProtocolPlugin> plugins) throws Exception {
        EdgeNode node = new EdgeNode(config, NetTransport.create("edge"));
        try {
            node.startParts(plugins);
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startParts(List<ProtocolPlugin> plugins) throws Exception {
        AdminGuard.refuseOutsideInterface(config);
        adminToken = AdminToken.from(config.admin().tokenFile());
        EdgeMetrics.bindTraversal(metrics.registry(), registry, traversalStats);
        EdgeMetrics.bindProtection(metrics.registry(), protection);
        EdgeMetrics.bindMaintenance(metrics.registry(), maintenance);
        for (ProtectionCategory category : ProtectionCategory.values()) {
            // Registered up front so that every category shows, at zero, from the first scrape.
            metrics.counter(MetricNames.REFUSALS, MetricNames.TAG_CATEGORY, category.yamlKey());
        }
        router.onFlowOpened(protocol -> metrics.counter(MetricNames.FLOWS_OPENED, MetricNames.TAG_PROTOCOL, protocol)
                .increment());

        ReloadableSslContext traversalTls = register(new ReloadableSslContext(TRAVERSAL_LISTENER,
                () -> TlsContexts.mutualServer(config.tls(), config.traversal().ca(),
                        config.traversal().allowedConnectors(), TraversalProtocol.ALPN_ID)));
        AcceptGate traversalGate = new AcceptGate(protection, null, TRAVERSAL_LISTENER);
        EdgeMetrics.bindGate(metrics.registry(), traversalGate);
        traversal = new TraversalServer(config, transport, traversalTls, registry, traversalStats, traversalGate,
                new TlsHandshakeCounter(metrics.registry(), TRAVERSAL_LISTENER),
                (source, cause) -> refused(ProtectionCategory.TRAVERSAL_AUTH_FAILURE, source,
                        traversal.localAddress().getPort()));
        traversal.start();

        for (ProtocolPlugin plugin : plugins) {
            for (EdgeListener listener : plugin.edgeListeners(this)) {
                bind(listener);
            }
        }
        admin = AdminApi.server(this, adminToken);
        admin.start(transport, config.admin().listen(), "edge " + config.name());
    }

    private void bind(EdgeListener definition) throws InterruptedException {
        if (listeners.containsKey(definition.name())) {
            throw new IllegalStateException("two listeners named " + definition.name());
        }
        MaintainedService service = maintenance.register(new MaintainedService(definition.name()));
        AcceptGate gate = new AcceptGate(protection, rateLimiter, definition.name());
        EdgeMetrics.bindGate(metrics.registry(), gate);
        EdgeMetrics.bindService(metrics.registry(), service);
        OutsideListener listener = new OutsideListener(definition, transport, service, gate,
                new TlsHandshakeCounter(metrics.registry(), definition.name()));
        listener.bind();
        listeners.put(definition.name(), listener);
    }

    private ReloadableSslContext register(ReloadableSslContext context) {
        tlsContexts.add(context);
        return context;
    }

    @Override
    public EdgeConfig config() {
        return config;
    }

    @Override
    public NetTransport transport() {
        return transport;
    }

    @Override
    public StreamRouter streams() {
        return router;
    }

    @Override
    public ReloadableSslContext outsideTls(String listenerName, List<String> alpn) throws IOException {
        return register(new ReloadableSslContext(listenerName, () -> TlsContexts.server(config.tls(), alpn)));
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
        return Optional.of(protection);
    }

    @Override
    public void refused(ProtectionCategory category, InetSocketAddress source, int listenerPort) {
        metrics.counter(MetricNames.REFUSALS, MetricNames.TAG_CATEGORY, category.yamlKey()).increment();
        if (source != null && source.getAddress() != null) {
            protection.record(category, source.getAddress(), listenerPort);
        }
    }

    @Override
    public void statusSection(String key, Supplier<Object> section) {
        statusSections.put(key, section);
    }

    @Override
    public void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    public ConnectorRegistry connectors() {
        return registry;
    }

    public InetSocketAddress traversalAddress() {
        return traversal.localAddress();
    }

    /** The admin server's bound address, or null before it is bound. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.localAddress();
    }

    /** Bound address of a plugin listener, by name (kept while it is stopped in maintenance). */
    public InetSocketAddress listenerAddress(String name) {
        OutsideListener l = listeners.get(name);
        return l == null ? null : l.address();
    }

    /** True while the named outside listener's socket is open. */
    public boolean listening(String name) {
        OutsideListener l = listeners.get(name);
        return l != null && l.listening();
    }

    /** Failed traversal handshakes since start. */
    public long traversalHandshakeFailures() {
        return (long) metrics.registry().get(MetricNames.REFUSALS)
                .tag(MetricNames.TAG_CATEGORY, ProtectionCategory.TRAVERSAL_AUTH_FAILURE.yamlKey()).counter().count();
    }

    /**
     * Rebuilds every TLS context from its files (SIGHUP). New connections get the new
     * certificates; established ones are untouched. Returns the errors; contexts whose files
     * fail keep their old material.
     */
    public List<String> reloadTls() {
        List<String> errors = new ArrayList<>();
        for (ReloadableSslContext c : tlsContexts) {
            try {
                c.reload();
            } catch (IOException | RuntimeException e) {
                errors.add(c.name() + ": " + e.getMessage());
                log.error("edge {}: TLS reload of {} failed, keeping the old certificates: {}", config.name(), c.name(),
                        e.getMessage());
            }
        }
        return errors;
    }

    @Override
    public Map<String, Object> statusDocument() {
        Map<String, Object> s = EdgeStatus.document(this, startedAtMillis, adminToken.configured());
        statusSections.forEach((key, section) -> s.put(key, section.get()));
        return s;
    }

    /**
     * Orderly stop (SIGTERM): maintenance on, wait up to {@code shutdown.drain-timeout} for every
     * service to reach STOPPED, then close. Returns whether the drain finished in time.
     */
    public boolean shutdown() throws InterruptedException {
        boolean drained = maintenance.drain(config.shutdown().drainTimeout());
        close();
        return drained;
    }

    /** Stops listeners, closes traversal connections, shuts the loops down. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listeners.values().forEach(l -> l.close(CLOSE_TIMEOUT));
        if (admin != null) {
            admin.close();
        }
        if (traversal != null) {
            traversal.close();
        }
        registry.closeAll(CLOSE_TIMEOUT);
        resources.closeAll();
        transport.close();
        tlsContexts.forEach(ReloadableSslContext::close);
        metrics.close();
        log.info("edge {}: stopped", config.name());
    }

    /** Listener names, in bind order. */
    public List<String> listenerNames() {
        return List.copyOf(listeners.keySet());
    }
}
