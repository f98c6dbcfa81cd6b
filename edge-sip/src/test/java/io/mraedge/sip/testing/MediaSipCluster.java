package io.mraedge.sip.testing;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.config.Role;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.sip.SipPlugin;
import io.mraedge.sip.connector.SipConnectorService;
import io.mraedge.sip.edge.SipEdgeService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * As {@link SipCluster} (an edge with SIP on a free port, connectors whose {@code sip:} target is
 * a given port), with the two things media needs and {@code SipCluster} does not take: extra
 * top-level YAML for each role's file (the {@code media:} sections) and the {@link SipPlugin}
 * each node runs (one built with the media relay). The config loader is the edge plugin's, so a
 * plugin that registers a {@code media:} section makes the files with one load.
 *
 * <pre>{@code
 * MediaSipCluster cluster = MediaSipCluster.builder(dir)
 *         .plugins(role -> new SipPlugin(...))
 *         .edgeYaml("media:\n  inside-address: 127.0.0.3\n  ...")
 *         .start();
 * cluster.connector("connector-1", kamailioPort, "media:\n  address: 127.0.0.2\n  ...");
 * }</pre>
 */
public final class MediaSipCluster implements AutoCloseable {
    private final TestPki pki;
    private final EdgeNode edge;
    private final Function<Role, SipPlugin> plugins;
    private final ConfigLoader loader;
    private final List<ConnectorNode> connectors = new ArrayList<>();
    private final Map<String, ConnectorNode> byName = new ConcurrentHashMap<>();
    private final Map<String, SipConnectorService> services = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MediaSipCluster(TestPki pki, EdgeNode edge, Function<Role, SipPlugin> plugins, ConfigLoader loader) {
        this.pki = pki;
        this.edge = edge;
        this.plugins = plugins;
        this.loader = loader;
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** What the cluster is started with; every part has the same default as {@link SipCluster}. */
    public static final class Builder {
        private final Path dir;
        private Function<Role, SipPlugin> plugins = role -> new SipPlugin();
        private String edgeSipYaml = "";
        private String edgeYaml = "";

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** The plugin each node runs, one new instance per node (default: {@code new SipPlugin()}, SDP untouched). */
        public Builder plugins(Function<Role, SipPlugin> plugins) {
            this.plugins = plugins;
            return this;
        }

        /** Extra lines under the edge's {@code sip:} section, each indented by two spaces. */
        public Builder edgeSipYaml(String yaml) {
            this.edgeSipYaml = yaml;
            return this;
        }

        /** Extra top-level YAML for the edge's file (e.g. a whole {@code media:} section). */
        public Builder edgeYaml(String yaml) {
            this.edgeYaml = yaml;
            return this;
        }

        public MediaSipCluster start() throws Exception {
            TestPki pki = TestPki.create(dir);
            String yaml = "role: edge\nname: edge-1\npublic-name: edge.example.com\noutside-address: 127.0.0.1\n"
                    + "tls:\n  certificate: " + pki.cert("edge") + "\n  private-key: " + pki.key("edge") + "\n"
                    + "traversal:\n  listen: 127.0.0.1:0\n  ca: " + pki.caCert() + "\n"
                    + "  allowed-connectors: [connector-1.test, connector-2.test]\n"
                    + "admin:\n  listen: 127.0.0.1:0\n"
                    + "protection:\n  connection-rate: {per-second: 100000, burst: 10000}\n"
                    + "  categories:\n    sip-registration-failure: {exemptions: [127.0.0.1/32]}\n"
                    + "    sip-auth-failure: {exemptions: [127.0.0.1/32]}\n"
                    + "sip:\n  listen-port: 0\n" + edgeSipYaml + edgeYaml;
            Path file = dir.resolve("edge-1.yaml");
            Files.writeString(file, yaml);
            SipPlugin plugin = plugins.apply(Role.EDGE);
            ConfigLoader loader = plugin.extendConfig(ConfigLoader.standard());
            EdgeConfig config = (EdgeConfig) loader.load(file);
            return new MediaSipCluster(pki, EdgeNode.start(config, List.of(plugin)), plugins, loader);
        }
    }

    /**
     * Starts connector {@code name} (connector-1 or connector-2) with SIP toward 127.0.0.1:{@code
     * targetPort} and {@code extraYaml} at the top level of its file (e.g. its {@code media:}
     * section); waits until it is UP.
     */
    public ConnectorNode connector(String name, int targetPort, String extraYaml) throws Exception {
        String yaml = "role: connector\nname: " + name + "\n"
                + "tls:\n  certificate: " + pki.cert(name) + "\n  private-key: " + pki.key(name) + "\n"
                + "traversal:\n  edges:\n    - address: 127.0.0.1:" + traversalPort() + "\n"
                + "      server-name: localhost\n  ca: " + pki.caCert() + "\n"
                + "  backoff: {base: 50ms, cap: 500ms, reset-after: 60s}\n"
                + "admin:\n  listen: 127.0.0.1:0\nshutdown:\n  drain-timeout: 1s\n"
                + "sip:\n  target: 127.0.0.1:" + targetPort + "\n  inside-listen: 127.0.0.1:0\n" + extraYaml;
        Path file = pki.dir().resolve(name + ".yaml");
        Files.writeString(file, yaml);
        SipPlugin plugin = plugins.apply(Role.CONNECTOR);
        ConnectorNode node = ConnectorNode.start((ConnectorConfig) loader.load(file), List.of(plugin));
        connectors.add(node);
        byName.put(name, node);
        services.put(name, plugin.startedServices().get(0));
        Await.until(name + " UP", Duration.ofSeconds(30), () -> edge.connectors().snapshot().stream()
                .anyMatch(c -> c.state() == TraversalConnection.State.UP && c.connectorName().equals(name)));
        return node;
    }

    public EdgeNode edge() {
        return edge;
    }

    public ConnectorNode connectorNode(String name) {
        return byName.get(name);
    }

    /** The SIP service of connector {@code name}. */
    public SipConnectorService service(String name) {
        return services.get(name);
    }

    public int traversalPort() {
        return edge.traversalAddress().getPort();
    }

    public int sipPort() {
        return edge.listenerAddress(SipEdgeService.LISTENER).getPort();
    }

    /** The edge's {@code GET /metrics} (Prometheus text), over HTTP as a scraper reads it. */
    public String edgeMetrics() throws IOException, InterruptedException {
        return metrics(edge.adminAddress());
    }

    /** Connector {@code name}'s {@code GET /metrics}. */
    public String connectorMetrics(String name) throws IOException, InterruptedException {
        return metrics(byName.get(name).adminAddress());
    }

    private String metrics(InetSocketAddress admin) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + admin.getPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /metrics on " + admin + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    @Override
    public void close() {
        connectors.forEach(ConnectorNode::close);
        edge.close();
    }
}
