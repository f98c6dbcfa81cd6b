package io.mraedge.sip.testing;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.sip.SipPlugin;
import io.mraedge.sip.edge.SipEdgeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An edge with SIP on a free port and connectors whose {@code sip:} target is {@code targetPort}. */
public final class SipCluster implements AutoCloseable {
    public static final ConfigLoader LOADER = new SipPlugin().extendConfig(ConfigLoader.standard());

    private final TestPki pki;
    private final EdgeNode edge;
    private final List<ConnectorNode> connectors = new ArrayList<>();
    private final Map<String, io.mraedge.sip.connector.SipConnectorService> services = new java.util.concurrent.ConcurrentHashMap<>();

    /** The SIP service of connector {@code name}. */
    public io.mraedge.sip.connector.SipConnectorService service(String name) {
        return services.get(name);
    }

    private SipCluster(TestPki pki, EdgeNode edge) {
        this.pki = pki;
        this.edge = edge;
    }

    public static SipCluster start(Path dir, String edgeSipYaml) throws Exception {
        TestPki pki = TestPki.create(dir);
        String yaml = "role: edge\nname: edge-1\npublic-name: edge.example.com\noutside-address: 127.0.0.1\n"
                + "tls:\n  certificate: " + pki.cert("edge") + "\n  private-key: " + pki.key("edge") + "\n"
                + "traversal:\n  listen: 127.0.0.1:0\n  ca: " + pki.caCert() + "\n"
                + "  allowed-connectors: [connector-1.test, connector-2.test]\n"
                + "admin:\n  listen: 127.0.0.1:0\n"
                + "protection:\n  connection-rate: {per-second: 100000, burst: 10000}\n"
                + "  categories:\n    sip-registration-failure: {exemptions: [127.0.0.1/32]}\n"
                + "    sip-auth-failure: {exemptions: [127.0.0.1/32]}\n"
                + "sip:\n  listen-port: 0\n" + edgeSipYaml;
        Path file = dir.resolve("edge-1.yaml");
        Files.writeString(file, yaml);
        EdgeConfig config = (EdgeConfig) LOADER.load(file);
        return new SipCluster(pki, EdgeNode.start(config, List.of(new SipPlugin())));
    }

    /** Starts connector {@code name} (connector-1 or connector-2) and waits until it is UP. */
    public ConnectorNode connector(String name, int targetPort, String extraSipYaml) throws Exception {
        return connector(name, targetPort, extraSipYaml, traversalPort());
    }

    /** The edge's traversal port. */
    public int traversalPort() {
        return edge.traversalAddress().getPort();
    }

    /**
     * As {@link #connector(String, int, String)}, dialling the edge at {@code edgePort} on loopback
     * (a proxy in front of {@link #traversalPort()}, so that a test can cut the connector off).
     */
    public ConnectorNode connector(String name, int targetPort, String extraSipYaml, int edgePort) throws Exception {
        String yaml = "role: connector\nname: " + name + "\n"
                + "tls:\n  certificate: " + pki.cert(name) + "\n  private-key: " + pki.key(name) + "\n"
                + "traversal:\n  edges:\n    - address: 127.0.0.1:" + edgePort + "\n"
                + "      server-name: localhost\n  ca: " + pki.caCert() + "\n"
                + "  backoff: {base: 50ms, cap: 500ms, reset-after: 60s}\n"
                + "admin:\n  listen: 127.0.0.1:0\nshutdown:\n  drain-timeout: 1s\n"
                + "sip:\n  target: 127.0.0.1:" + targetPort + "\n  inside-listen: 127.0.0.1:0\n" + extraSipYaml;
        Path file = pki.dir().resolve(name + ".yaml");
        Files.writeString(file, yaml);
        SipPlugin plugin = new SipPlugin();
        ConnectorNode node = ConnectorNode.start((ConnectorConfig) LOADER.load(file), List.of(plugin));
        services.put(name, plugin.startedServices().get(0));
        connectors.add(node);
        Await.until(name + " UP", Duration.ofSeconds(30), () -> edge.connectors().snapshot().stream()
                .anyMatch(c -> c.state() == TraversalConnection.State.UP && c.connectorName().equals(name)));
        return node;
    }

    public EdgeNode edge() {
        return edge;
    }

    public int sipPort() {
        return edge.listenerAddress(SipEdgeService.LISTENER).getPort();
    }

    /** {@code registrations.current} from the edge's status document. */
    public long current() {
        return (Long) registrations().get("current");
    }

    public long peak() {
        return (Long) registrations().get("peak");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> registrations() {
        return (Map<String, Object>) edge.statusDocument().get("registrations");
    }

    @Override
    public void close() {
        connectors.forEach(ConnectorNode::close);
        edge.close();
    }
}
