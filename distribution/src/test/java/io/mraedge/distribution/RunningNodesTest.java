package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM as the lab takes it, in-process: an edge and its connector in one {@link RunningNodes},
 * one echo flow running through both, then the stop signal. Both enter maintenance at once, the
 * running flow keeps working and the stop waits for it; a drain timeout cuts it short without
 * the edge then waiting out its own, much longer, timeout.
 */
class RunningNodesTest {
    /** Failure bound, not a performance target. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theStopSignalPutsBothNodesInMaintenanceAndWaitsForTheRunningFlow() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            EdgeNode edge = cluster.edgeNode();
            ConnectorNode connector = connector(cluster, pki, "30s");
            RunningNodes nodes = new RunningNodes().add(edge).add(connector);
            List<Integer> halts = new CopyOnWriteArrayList<>();
            SignalHandlers signals = new SignalHandlers(() -> { }, halts::add);

            Socket flow = echoFlow(cluster);
            try {
                signals.onStopSignal("SIGTERM");
                CompletableFuture<Void> stopped = inBackground(() -> nodes.runUntilStopped(signals));

                Await.until("both nodes in maintenance", WAIT,
                        () -> edge.maintenance().enabled() && connector.maintenance().enabled());
                assertThat(echo(flow, "during")).as("the running flow works during the drain").isEqualTo("during");
                assertThat(stopped).as("the stop waits for the running flow").isNotDone();

                flow.close();
                stopped.get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // stops once the flow ended
            } finally {
                flow.close();
            }
            assertThat(halts).isEmpty();
            assertThat(cluster.upFrom("connector-1")).isZero();
            int adminPort = edge.adminAddress().getPort();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), adminPort).close())
                    .as("the edge is closed: its admin port too").isInstanceOf(ConnectException.class);
            assertThat(nodes.shutdown()).as("a second stop has nothing left to do").isTrue();
        }
    }

    @Test
    void aDrainTimeoutCutsTheFlowAndStopsWithoutWaitingOutTheEdgeTimeout() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            EdgeNode edge = cluster.edgeNode();
            assertThat(edge.config().shutdown().drainTimeout()).isEqualTo(Duration.ofSeconds(60));
            RunningNodes nodes = new RunningNodes().add(edge).add(connector(cluster, pki, "1s"));

            try (Socket flow = echoFlow(cluster)) {
                long started = System.nanoTime();
                boolean drained = nodes.shutdown();
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertThat(drained).as("the connector's 1 s drain timeout passed with the flow running").isFalse();
                assertThat(took).as("ms to stop: the connector's 1 s, not the edge's 60 s")
                        .isGreaterThanOrEqualTo(1_000).isLessThan(WAIT.toMillis());
                assertThat(readOrEnd(flow)).as("the cut flow is closed").isEqualTo(-1);
            }
        }
    }

    private static ConnectorNode connector(TestCluster cluster, TestPki pki, String drainTimeout) {
        try {
            ConnectorNode connector = cluster.connectorNoWait(TestConfigs.connectorWithDrain("connector-1", pki,
                    "connector-1", pki, cluster.traversalPort(), "localhost", drainTimeout, "connections-per-edge: 1"));
            Await.until("connector-1 UP", WAIT, () -> cluster.upFrom("connector-1") == 1);
            return connector;
        } catch (Exception e) {
            throw new AssertionError("connector did not start", e);
        }
    }

    /** An echo flow through edge and connector, shown to work. */
    private static Socket echoFlow(TestCluster cluster) throws IOException {
        Socket flow = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort());
        flow.setSoTimeout((int) WAIT.toMillis());
        assertThat(echo(flow, "before")).isEqualTo("before");
        return flow;
    }

    private static String echo(Socket flow, String text) throws IOException {
        OutputStream out = flow.getOutputStream();
        InputStream in = flow.getInputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(in.readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    /** The next byte, or -1 when the peer closed or reset the connection. */
    private static int readOrEnd(Socket flow) {
        try {
            return flow.getInputStream().read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the flow is still open after " + WAIT.toSeconds() + " s", e);
        } catch (IOException e) {
            return -1; // reset
        }
    }

    @FunctionalInterface
    private interface Blocking {
        void run() throws Exception;
    }

    /** Runs {@code work} on a thread of its own; the future fails with what it threw. */
    private static CompletableFuture<Void> inBackground(Blocking work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new Thread(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Exception | Error e) {
                done.completeExceptionally(e);
            }
        }, "stopper").start();
        return done;
    }
}
