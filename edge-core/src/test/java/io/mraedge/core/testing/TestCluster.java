package io.mraedge.core.testing;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.traversal.TraversalConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An edge and its connectors on loopback, with the echo protocol plugged in; closes them all.
 */
public final class TestCluster implements AutoCloseable {
    public static final Duration UP_TIMEOUT = Duration.ofSeconds(30);
    public static final List<ProtocolPlugin> PLUGINS = List.of(new EchoPlugin());

    private final EdgeNode edge;
    private final List<ConnectorNode> connectors = new ArrayList<>();

    private TestCluster(EdgeNode edge) {
        this.edge = edge;
    }

    /** Starts an edge allowing {@code connector-1.test} and {@code connector-2.test}. */
    public static TestCluster edge(TestPki pki, String... traversalExtra) throws Exception {
        EdgeConfig config = TestConfigs.edge(pki, "edge-1", List.of("connector-1.test", "connector-2.test"), traversalExtra);
        return new TestCluster(EdgeNode.start(config, PLUGINS));
    }

    /** Starts an edge with its own {@code protection:} block (see {@link TestConfigs#DEFAULT_PROTECTION}). */
    public static TestCluster edgeWithProtection(TestPki pki, String protectionYaml, java.nio.file.Path adminToken,
                                                 String... traversalExtra) throws Exception {
        EdgeConfig config = TestConfigs.edgeWithProtection(pki, "edge-1", List.of("connector-1.test", "connector-2.test"),
                protectionYaml, adminToken, traversalExtra);
        return new TestCluster(EdgeNode.start(config, PLUGINS));
    }

    /** Starts a connector and waits until the edge has {@code links} UP connections from it. */
    public ConnectorNode connector(ConnectorConfig config) throws Exception {
        ConnectorNode node = ConnectorNode.start(config, PLUGINS);
        connectors.add(node);
        int links = config.traversal().connectionsPerEdge();
        Await.until(config.name() + " UP on the edge", UP_TIMEOUT, () -> upFrom(config.name()) >= links);
        return node;
    }

    /** Starts a connector without waiting (for refusal tests). */
    public ConnectorNode connectorNoWait(ConnectorConfig config) throws Exception {
        ConnectorNode node = ConnectorNode.start(config, PLUGINS);
        connectors.add(node);
        return node;
    }

    public long upFrom(String connectorName) {
        return edge.connectors().snapshot().stream()
                .filter(c -> c.state() == TraversalConnection.State.UP && c.connectorName().equals(connectorName))
                .count();
    }

    public EdgeNode edgeNode() {
        return edge;
    }

    public int echoPort() {
        return edge.listenerAddress(EchoPlugin.LISTENER).getPort();
    }

    public int traversalPort() {
        return edge.traversalAddress().getPort();
    }

    @Override
    public void close() {
        for (ConnectorNode c : connectors) {
            c.close();
        }
        edge.close();
    }
}
