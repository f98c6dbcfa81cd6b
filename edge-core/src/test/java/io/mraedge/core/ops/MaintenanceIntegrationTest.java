package io.mraedge.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.maintenance.ServiceState;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.EchoPlugin;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.core.traversal.TraversalLink;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance mode on real sockets: an edge service drains (existing flow works, new ones are
 * refused), stops and closes its listener when the last flow ends, and listens again when
 * maintenance ends; a connector in maintenance gets no new flows, sends GOAWAY once idle and
 * comes back afterwards.
 */
class MaintenanceIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void edgeServiceDrainsStopsAndComesBack() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            cluster.connector(TestConfigs.connector(pki, cluster.traversalPort(), "connections-per-edge: 1"));
            MaintainedService echo = cluster.edgeNode().maintenance().service(EchoPlugin.LISTENER);
            int port = cluster.echoPort();

            try (Socket running = new Socket(InetAddress.getLoopbackAddress(), port)) {
                running.setSoTimeout(20_000);
                OutputStream out = running.getOutputStream();
                InputStream in = running.getInputStream();
                out.write('a');
                assertThat(in.read()).isEqualTo('a');
                Await.until("the flow to count", WAIT, () -> echo.activeFlows() == 1);

                cluster.edgeNode().maintenance().set(true);
                assertThat(echo.state()).isEqualTo(ServiceState.DRAINING);

                // A new flow is refused the echo protocol's way: closed without an answer.
                try (Socket refused = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    refused.setSoTimeout(20_000);
                    assertThat(refused.getInputStream().read()).isEqualTo(-1);
                }
                // The running flow carries on.
                out.write('c');
                assertThat(in.read()).isEqualTo('c');
                assertThat(echo.state()).isEqualTo(ServiceState.DRAINING);
            }
            Await.until("STOPPED after the last flow", WAIT, () -> echo.state() == ServiceState.STOPPED);
            Await.until("the listener closed", WAIT, () -> !cluster.edgeNode().listening(EchoPlugin.LISTENER));
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(ConnectException.class);

            cluster.edgeNode().maintenance().set(false);
            assertThat(echo.state()).isEqualTo(ServiceState.ACTIVE);
            Await.until("listening again", WAIT, () -> cluster.edgeNode().listening(EchoPlugin.LISTENER));
            assertThat(cluster.echoPort()).as("same port as before").isEqualTo(port);
            assertThat(EchoClient.roundTrip(port, 10_000, 3)).isTrue();
        }
    }

    @Test
    void connectorInMaintenanceGetsNoFlowsAndSendsGoawayOnceIdle() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            ConnectorNode connector = cluster.connector(TestConfigs.connector(pki, cluster.traversalPort(),
                    "connections-per-edge: 2"));
            try (Socket running = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort())) {
                running.setSoTimeout(20_000);
                running.getOutputStream().write('a');
                assertThat(running.getInputStream().read()).isEqualTo('a');

                connector.maintenance().set(true);
                Await.until("the edge to see the maintenance", WAIT, () -> cluster.edgeNode().connectors().snapshot()
                        .stream().allMatch(TraversalConnection::inMaintenance));
                // Its only connector is in maintenance: a new flow has no route.
                try (Socket refused = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort())) {
                    refused.setSoTimeout(20_000);
                    assertThat(refused.getInputStream().read()).isEqualTo(-1);
                }
                running.getOutputStream().write('b');
                assertThat(running.getInputStream().read()).isEqualTo('b');
                assertThat(connector.traversal().upCount()).as("links stay while a flow runs").isEqualTo(2);
            }
            Await.until("links closed by GOAWAY once idle", WAIT, () -> connector.traversal().links().stream()
                    .allMatch(l -> l.state() == TraversalLink.State.STOPPED));
            Await.until("the edge to drop them", WAIT, () -> cluster.edgeNode().connectors().snapshot().isEmpty());

            connector.maintenance().set(false);
            Await.until("links back", WAIT, () -> cluster.upFrom("connector-1") == 2);
            assertThat(EchoClient.roundTrip(cluster.echoPort(), 10_000, 4)).isTrue();
        }
    }
}
