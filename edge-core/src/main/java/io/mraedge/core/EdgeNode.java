package io.mraedge.core;

import io.mraedge.core.admin.AdminResponse;
import io.mraedge.core.admin.AdminServer;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.core.traversal.ConnectorRegistry;
import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.core.traversal.TraversalServer;
import io.mraedge.core.traversal.TraversalStats;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running edge: the traversal listener on the inside, the protocol plugins' listeners on the
 * outside, and the admin server. Start with {@link #start}, stop with {@link #close}.
 */
public final class EdgeNode implements EdgeContext, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeNode.class);

    private final EdgeConfig config;
    private final NetTransport transport;
    private final ConnectorRegistry registry = new ConnectorRegistry();
    private final TraversalStats traversalStats = new TraversalStats();
    private final StreamRouter router;
    private final List<ReloadableSslContext> tlsContexts = new CopyOnWriteArrayList<>();
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private final AtomicLong handshakeFailures = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final long startedAtMillis = System.currentTimeMillis();
    private TraversalServer traversal;
    private AdminServer admin;

    private EdgeNode(EdgeConfig config, NetTransport transport) {
        this.config = config;
        this.transport = transport;
        this.router = new StreamRouter(registry, config.name());
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
        ReloadableSslContext traversalTls = register(new ReloadableSslContext("traversal",
                () -> TlsContexts.mutualServer(config.tls(), config.traversal().ca(),
                        config.traversal().allowedConnectors(), TraversalProtocol.ALPN_ID)));
        traversal = new TraversalServer(config, transport, traversalTls, registry, traversalStats, (source, cause) -> {
            handshakeFailures.incrementAndGet();
        });
        traversal.start();
        for (ProtocolPlugin plugin : plugins) {
            for (EdgeListener listener : plugin.edgeListeners(this)) {
                bind(listener);
            }
        }
        admin = new AdminServer().route("GET", "/status", request -> AdminResponse.json(200, status()));
        admin.start(transport, config.admin().listen(), "edge " + config.name());
    }

    private void bind(EdgeListener listener) throws InterruptedException {
        if (listeners.containsKey(listener.name())) {
            throw new IllegalStateException("two listeners named " + listener.name());
        }
        Channel ch = transport.serverBootstrap()
                .childHandler(listener.childInitializer())
                .bind(listener.bind()).sync().channel();
        listeners.put(listener.name(), ch);
        log.info("edge {}: {} listening on {}", config.name(), listener.name(), ch.localAddress());
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

    public ConnectorRegistry connectors() {
        return registry;
    }

    public InetSocketAddress traversalAddress() {
        return traversal.localAddress();
    }

    public InetSocketAddress adminAddress() {
        return admin.localAddress();
    }

    /** Bound address of a plugin listener, by name. */
    public InetSocketAddress listenerAddress(String name) {
        Channel ch = listeners.get(name);
        return ch == null ? null : (InetSocketAddress) ch.localAddress();
    }

    /** Failed traversal handshakes since start. */
    public long traversalHandshakeFailures() {
        return handshakeFailures.get();
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

    /** The {@code /status} document. */
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("role", "edge");
        s.put("name", config.name());
        s.put("version", Version.get());
        s.put("uptimeSeconds", (System.currentTimeMillis() - startedAtMillis) / 1000);
        s.put("transport", transport.describe());
        s.put("connectors", connectorStatus());
        s.put("traversalHandshakeFailures", handshakeFailures.get());
        return s;
    }

    private List<Map<String, Object>> connectorStatus() {
        Map<String, List<TraversalConnection>> byName = new TreeMap<>();
        for (TraversalConnection c : registry.snapshot()) {
            byName.computeIfAbsent(c.connectorName(), k -> new ArrayList<>()).add(c);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byName.forEach((name, conns) -> {
            conns.sort((a, b) -> Long.compare(a.id(), b.id()));
            boolean up = conns.stream().anyMatch(TraversalConnection::acceptsStreams);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("state", up ? "UP" : "DOWN");
            entry.put("mtls", true);
            entry.put("rttMillis", millis(conns.stream().mapToLong(TraversalConnection::rttNanos).filter(r -> r >= 0)
                    .min().orElse(-1)));
            entry.put("maintenance", conns.stream().anyMatch(TraversalConnection::inMaintenance));
            var report = conns.stream().map(TraversalConnection::report).filter(r -> r != null).findFirst();
            entry.put("load", report.map(r -> r.load()).orElse(Map.of()));
            entry.put("version", report.map(r -> r.version()).orElse(null));
            List<Map<String, Object>> links = new ArrayList<>();
            for (TraversalConnection c : conns) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("id", c.id());
                link.put("state", c.state().name());
                link.put("from", StreamRouter.format(c.remoteAddress()));
                link.put("identity", c.identity());
                link.put("rttMillis", millis(c.rttNanos()));
                link.put("activeStreams", c.activeStreams());
                if (!c.reason().isEmpty()) {
                    link.put("reason", c.reason());
                }
                links.add(link);
            }
            entry.put("links", links);
            out.add(entry);
        });
        return out;
    }

    /** Nanoseconds as milliseconds with two decimals; null for "not measured yet" (negative). */
    private static Double millis(long nanos) {
        return nanos < 0 ? null : Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Stops listeners, closes traversal connections, shuts the loops down. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listeners.values().forEach(ch -> ch.close().syncUninterruptibly());
        if (admin != null) {
            admin.close();
        }
        if (traversal != null) {
            traversal.close();
        }
        registry.closeAll();
        transport.close();
        tlsContexts.forEach(ReloadableSslContext::close);
        log.info("edge {}: stopped", config.name());
    }
}
