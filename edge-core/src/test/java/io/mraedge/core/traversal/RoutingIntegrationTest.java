package io.mraedge.core.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.EchoPlugin;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing with two real connectors reporting their load over their status streams: new flows
 * go to the less loaded one, and a connector in maintenance gets none.
 */
class RoutingIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void newFlowsGoToTheLessLoadedConnectorAndNeverToOneInMaintenance() throws Exception {
        TestPki pki = TestPki.create(dir);
        List<Socket> held = new ArrayList<>();
        try (TestCluster cluster = TestCluster.edge(pki)) {
            ConnectorNode one = cluster.connector(TestConfigs.connector("connector-1", pki, "connector-1", pki,
                    cluster.traversalPort(), "localhost", "connections-per-edge: 1"));
            // Load connector-1 with three open flows before connector-2 exists.
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort());
                OutputStream out = s.getOutputStream();
                out.write('x');
                out.flush();
                s.getInputStream().read();
                held.add(s);
            }
            Await.until("connector-1 to report load 3", WAIT, () -> reported(cluster, "connector-1") == 3);

            ConnectorNode two = cluster.connector(TestConfigs.connector("connector-2", pki, "connector-2", pki,
                    cluster.traversalPort(), "localhost", "connections-per-edge: 1"));
            assertThat(cluster.edgeNode().streams().choose(EchoPlugin.PROTOCOL).orElseThrow().connectorName())
                    .as("the idle connector is chosen").isEqualTo("connector-2");

            // Hold a flow on connector-2 and check where it landed.
            Socket onTwo = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort());
            held.add(onTwo);
            onTwo.getOutputStream().write('y');
            onTwo.getInputStream().read();
            assertThat(two.status().load(EchoPlugin.PROTOCOL)).isEqualTo(1);
            assertThat(one.status().load(EchoPlugin.PROTOCOL)).isEqualTo(3);

            // Maintenance: connector-2 is less loaded but must get nothing.
            two.status().maintenance(true);
            Await.until("the edge to see connector-2 in maintenance", WAIT, () -> cluster.edgeNode().connectors()
                    .snapshot().stream().anyMatch(c -> c.connectorName().equals("connector-2") && c.inMaintenance()));
            for (int i = 0; i < 5; i++) {
                assertThat(EchoClient.roundTrip(cluster.echoPort(), 1000, 10 + i)).isTrue();
            }
            assertThat(two.status().load(EchoPlugin.PROTOCOL)).isEqualTo(1);

            // Both in maintenance: no route, and the edge says so.
            one.status().maintenance(true);
            Await.until("the edge to see connector-1 in maintenance", WAIT, () -> cluster.edgeNode().connectors()
                    .snapshot().stream().allMatch(TraversalConnection::inMaintenance));
            var attempt = cluster.edgeNode().streams().openFlow(EchoPlugin.PROTOCOL, "echo.test", null,
                    new ChannelInboundHandlerAdapter());
            assertThat(attempt.await(5_000)).isTrue();
            assertThat(attempt.cause()).isInstanceOf(NoConnectorAvailableException.class);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static long reported(TestCluster cluster, String name) {
        return cluster.edgeNode().connectors().snapshot().stream()
                .filter(c -> c.connectorName().equals(name) && c.report() != null)
                .mapToLong(c -> c.report().load(EchoPlugin.PROTOCOL)).max().orElse(-1);
    }
}
