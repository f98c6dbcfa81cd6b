package io.mraedge.core.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.CuttableTcpProxy;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A traversal connection fails under a running system; the edge notices, the connector redials,
 * and new flows work again. PINGs every 300 ms here, so that the PING timeout is short.
 */
class TraversalRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] FAST_LIVENESS = {"ping-interval: 300ms", "ping-misses: 3"};

    @TempDir
    Path dir;

    @Test
    void deadPathIsMarkedDownByPingTimeoutAndTheConnectorReconnects() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki, FAST_LIVENESS);
             CuttableTcpProxy proxy = new CuttableTcpProxy(cluster.edgeNode().traversalAddress())) {
            ConnectorNode connector = cluster.connector(TestConfigs.connector(pki, proxy.port(),
                    "connections-per-edge: 1", "ping-interval: 300ms", "ping-misses: 3"));
            assertThat(EchoClient.roundTrip(cluster.echoPort(), 50_000, 1)).isTrue();
            TraversalConnection first = cluster.edgeNode().connectors().snapshot().get(0);

            // The path goes dead without a FIN or RST: only the PINGs can tell.
            proxy.blackhole();
            Await.until("the edge to mark the connection DOWN", WAIT,
                    () -> first.state() == TraversalConnection.State.DOWN);
            assertThat(first.reason()).contains("PINGs unanswered");

            // The connector hears no PINGs either, closes its side and redials through the proxy.
            Await.until("a new connection UP", WAIT, () -> cluster.upFrom("connector-1") == 1
                    && cluster.edgeNode().connectors().snapshot().stream().noneMatch(c -> c == first && c.acceptsStreams()));
            assertThat(proxy.connections()).isGreaterThanOrEqualTo(2);
            assertThat(connector.traversal().links().get(0).connects()).isGreaterThanOrEqualTo(2);
            assertThat(EchoClient.roundTrip(cluster.echoPort(), 50_000, 2)).isTrue();
        }
    }

    @Test
    void socketClosedUnderTheLinkIsNoticedAndRedialled() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki, FAST_LIVENESS)) {
            ConnectorNode connector = cluster.connector(TestConfigs.connector(pki, cluster.traversalPort(),
                    "connections-per-edge: 2"));
            TraversalLink link = connector.traversal().links().get(0);
            TraversalConnection before = cluster.edgeNode().connectors().snapshot().stream()
                    .filter(c -> StreamRouter.format(c.remoteAddress()).endsWith(":" + ((java.net.InetSocketAddress)
                            link.channel().localAddress()).getPort()))
                    .findFirst().orElseThrow();

            link.abort();
            Await.until("the edge to mark it DOWN", WAIT, () -> before.state() == TraversalConnection.State.DOWN);
            Await.until("two connections UP again", WAIT, () -> cluster.upFrom("connector-1") == 2);
            assertThat(link.connects()).isEqualTo(2);
            assertThat(EchoClient.roundTrip(cluster.echoPort(), 50_000, 3)).isTrue();
        }
    }
}
