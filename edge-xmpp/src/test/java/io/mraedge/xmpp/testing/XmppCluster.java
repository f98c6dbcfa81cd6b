package io.mraedge.xmpp.testing;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.xmpp.XmppPlugin;
import io.mraedge.xmpp.edge.XmppListenerKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An edge and a connector on loopback with the XMPP plugin, configured through the real loader
 * (so the {@code xmpp:} sections are parsed as operators write them). The edge certificate
 * ({@value #EDGE_CERT}) carries the presence domains, as MRA requires, plus localhost for the
 * traversal link. Edge XMPP listeners bind port 0.
 */
public final class XmppCluster implements AutoCloseable {
    public static final String EDGE_CERT = "xmpp-edge";
    public static final List<ProtocolPlugin> PLUGINS = List.of(new XmppPlugin());
    private static final Duration UP = Duration.ofSeconds(30);

    private final EdgeNode edge;
    private final List<ConnectorNode> connectors = new ArrayList<>();
    private final TestPki pki;

    private XmppCluster(EdgeNode edge, TestPki pki) {
        this.edge = edge;
        this.pki = pki;
    }

    /** The loader with the XMPP sections, as the distribution builds it. */
    public static ConfigLoader loader() {
        ConfigLoader loader = ConfigLoader.standard();
        for (ProtocolPlugin p : PLUGINS) {
            loader = p.extendConfig(loader);
        }
        return loader;
    }

    /** Issues the edge certificate for {@code domains} (plus localhost and 127.0.0.1). */
    public static void issueEdgeCertificate(TestPki pki, List<String> domains) throws IOException {
        List<String> sans = new ArrayList<>(domains);
        sans.add("localhost");
        sans.add("127.0.0.1");
        pki.issue(EDGE_CERT, LeafSpec.server("xmpp-edge", sans.toArray(String[]::new)));
    }

    /**
     * Starts an edge whose {@code xmpp:} section is {@code xmppYaml} (indented lines under it) and
     * whose protection block is {@code protectionYaml}.
     */
    public static XmppCluster start(TestPki pki, String xmppYaml, String protectionYaml) throws Exception {
        String yaml = "role: edge\n"
                + "name: edge-1\n"
                + "outside-address: 127.0.0.1\n"
                + "tls:\n"
                + "  certificate: " + pki.cert(EDGE_CERT) + "\n"
                + "  private-key: " + pki.key(EDGE_CERT) + "\n"
                + "traversal:\n"
                + "  listen: 127.0.0.1:0\n"
                + "  ca: " + pki.caCert() + "\n"
                + "  allowed-connectors: [connector-1.test, connector-2.test]\n"
                + "admin:\n  listen: 127.0.0.1:0\n"
                + protectionYaml
                + "xmpp:\n" + xmppYaml;
        Path file = pki.dir().resolve("xmpp-edge.yaml");
        Files.writeString(file, yaml);
        EdgeConfig config = loader().loadEdge(file);
        return new XmppCluster(EdgeNode.start(config, PLUGINS), pki);
    }

    /** The usual test edge: all three listeners on port 0, default limits but {@code limitsYaml}. */
    public static XmppCluster start(TestPki pki, String limitsYaml) throws Exception {
        return start(pki, "  client: {port: 0}\n  client-direct-tls: {port: 0}\n  server: {enabled: true, port: 0}\n"
                + "  limits:\n" + limitsYaml, DEFAULT_PROTECTION);
    }

    /** Test protection: a high connection rate (tests connect a lot from 127.0.0.1), default categories. */
    public static final String DEFAULT_PROTECTION = """
            protection:
              connection-rate: {per-second: 100000, burst: 10000}
            """;

    /**
     * Starts a connector ({@code connector-1}) whose {@code xmpp:} section is {@code xmppYaml},
     * and waits until the edge has it UP and has its XMPP report.
     */
    public ConnectorNode connector(String name, String xmppYaml) throws Exception {
        String yaml = "role: connector\n"
                + "name: " + name + "\n"
                + "tls:\n"
                + "  certificate: " + pki.cert(name) + "\n"
                + "  private-key: " + pki.key(name) + "\n"
                + "traversal:\n"
                + "  edges:\n"
                + "    - address: 127.0.0.1:" + edge.traversalAddress().getPort() + "\n"
                + "      server-name: localhost\n"
                + "  ca: " + pki.caCert() + "\n"
                + "  connections-per-edge: 1\n"
                + "  backoff: {base: 50ms, cap: 500ms, reset-after: 60s}\n"
                + "admin:\n  listen: 127.0.0.1:0\n"
                + "shutdown:\n  drain-timeout: 2s\n"
                + "xmpp:\n" + xmppYaml;
        Path file = pki.dir().resolve(name + "-xmpp.yaml");
        Files.writeString(file, yaml);
        ConnectorConfig config = loader().loadConnector(file);
        ConnectorNode node = ConnectorNode.start(config, PLUGINS);
        connectors.add(node);
        Await.until(name + " UP on the edge", UP, () -> edge.connectors().snapshot().stream()
                .anyMatch(c -> c.state() == TraversalConnection.State.UP && c.connectorName().equals(name)
                        && c.report().raw().has("xmpp")));
        return node;
    }

    /** A connector section routing {@code domains} to {@code prosody} (c2s and, if enabled, s2s), verifying its certificates. */
    public static String connectorSection(TestPki pki, ProsodyServer prosody, List<String> domains, boolean federation) {
        StringBuilder s = new StringBuilder("  domains:\n");
        for (String d : domains) {
            s.append("    - domain: ").append(d).append('\n')
                    .append("      client: [").append(prosody.address()).append(':').append(prosody.c2sPort()).append("]\n");
            if (federation) {
                s.append("      server: [").append(prosody.address()).append(':').append(prosody.s2sPort()).append("]\n");
            }
        }
        s.append("  upstream:\n    verify: true\n    ca: ").append(pki.caCert()).append('\n');
        return s.toString();
    }

    public EdgeNode edge() {
        return edge;
    }

    public InetSocketAddress address(XmppListenerKind kind) {
        return edge.listenerAddress(kind.listenerName());
    }

    public int port(XmppListenerKind kind) {
        return address(kind).getPort();
    }

    @Override
    public void close() {
        for (ConnectorNode c : connectors) {
            c.close();
        }
        edge.close();
    }
}
