package io.mraedge.core.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GOAWAY drains a traversal connection: when a connector shuts down, the edge stops opening
 * streams on it, a flow already running keeps working to its end, and only then does the
 * connection close.
 */
class TraversalDrainTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void runningFlowFinishesWhileNewFlowsFindNoRoute() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            ConnectorNode connector = cluster.connectorNoWait(TestConfigs.connectorWithDrain("connector-1", pki, "connector-1",
                    pki, cluster.traversalPort(), "localhost", "30s", "connections-per-edge: 1"));
            Await.until("connector UP", WAIT, () -> cluster.upFrom("connector-1") == 1);
            TraversalConnection connection = cluster.edgeNode().connectors().snapshot().get(0);

            try (Socket running = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort())) {
                running.setSoTimeout(20_000);
                OutputStream out = running.getOutputStream();
                InputStream in = running.getInputStream();
                out.write("before".getBytes());
                assertThat(new String(in.readNBytes(6))).isEqualTo("before");

                Thread closer = new Thread(connector::close, "connector-close");
                closer.start();
                Await.until("the edge to see GOAWAY", WAIT,
                        () -> connection.state() == TraversalConnection.State.DRAINING);
                assertThat(connection.reason()).contains("GOAWAY");

                // A new flow has nowhere to go: the edge closes the client without data.
                try (Socket refused = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort())) {
                    refused.setSoTimeout(20_000);
                    assertThat(refused.getInputStream().read()).isEqualTo(-1);
                }

                // The running flow still works during the drain.
                out.write("during".getBytes());
                assertThat(new String(in.readNBytes(6))).isEqualTo("during");
                assertThat(closer.isAlive()).as("the connector waits for the running flow").isTrue();

                running.close();
                closer.join(WAIT.toMillis());
                assertThat(closer.isAlive()).isFalse();
            }
            Await.until("the drained connection to close", WAIT,
                    () -> connection.state() == TraversalConnection.State.DOWN);
        }
    }
}
