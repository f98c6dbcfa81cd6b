package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM as systemd sends it, to the packaged launcher running an edge and a connector as two
 * processes ({@link LauncherProcess}): maintenance, a drain of up to
 * {@code shutdown.drain-timeout} (20 s here), exit 0. There is no outside protocol listener in
 * the distribution yet, so no flow can be held open across the drain; the drain is shown from
 * the edge's side instead: the connector that gets SIGTERM says GOAWAY, the edge marks its
 * links DRAINING and then drops them in order, and the connector exits 0 well before its drain
 * timeout. Ports are picked free at the start (traversal, edge admin, connector admin).
 */
class ShutdownProcessIT {
    private static final String EDGE = "it-edge";
    private static final String CONNECTOR = "it-connector";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    /** Failure bounds, not performance targets: a busy CI machine may be slow. */
    private static final Duration UP_BOUND = Duration.ofSeconds(60);
    private static final Duration STOP_BOUND = DRAIN_TIMEOUT.plusSeconds(15);
    private static final Duration IMPATIENT_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void connectorThenEdgeDrainAndExitZeroOnSigterm() throws Exception {
        TestPki pki = TestPki.create(dir);
        int[] ports = freePorts(3);
        Path edgeFile = writeEdge(pki, ports[0], ports[1]);
        Path connectorFile = writeConnector(pki, ports[0], ports[2]);
        AdminProbe edgeAdmin = new AdminProbe(ports[1]);

        try (LauncherProcess edge = LauncherProcess.start("edge", "edge", "--config", edgeFile.toString());
             LauncherProcess connector = LauncherProcess.start("connector", "connector", "--config",
                     connectorFile.toString())) {
            Await.until(CONNECTOR + " UP in " + edgeAdmin.uri(), UP_BOUND, () -> {
                edge.requireAlive("the connector came up");
                connector.requireAlive("it came up");
                JsonNode entry = AdminProbe.connector(edgeAdmin.status(), CONNECTOR);
                return entry != null && "UP".equals(entry.path("state").asText());
            });

            EdgeView view = EdgeView.watch(edgeAdmin, CONNECTOR);
            long signalled = System.nanoTime();
            connector.sigterm();
            int connectorExit = connector.awaitExit(STOP_BOUND);
            long connectorMillis = millisSince(signalled);
            Await.until("the edge to drop " + CONNECTOR, UP_BOUND, () -> view.seen().contains(EdgeView.GONE));
            view.stop();

            assertThat(connectorExit).as("the connector's exit status after SIGTERM").isZero();
            System.out.println("shutdown: connector drained and exited 0 after " + connectorMillis + " ms");
            System.out.println("shutdown: the edge's view of " + CONNECTOR + " meanwhile: " + view.seen());
            assertThat(connectorMillis).as("ms to exit: drained, not cut short by the %s s timeout",
                    DRAIN_TIMEOUT.toSeconds()).isLessThan(DRAIN_TIMEOUT.toMillis());
            assertThat(connector.outputText()).contains(
                    "connector " + CONNECTOR + ": maintenance on; draining for up to 20 s",
                    "maintenance mode ON",
                    "connector " + CONNECTOR + ": drained and stopped").doesNotContain("cut the drain short");
            // The edge's side: GOAWAY on every link, each link DRAINING, then closed in order, not DOWN.
            assertThat(edge.output()).anySatisfy(line -> assertThat(line)
                    .contains("to connector " + CONNECTOR + " is DRAINING: "));
            assertThat(edge.output()).anySatisfy(line -> assertThat(line)
                    .contains("drained connection").contains("to connector " + CONNECTOR + " closed"));
            assertThat(edge.output()).noneSatisfy(line -> assertThat(line)
                    .contains("to connector " + CONNECTOR + " is DOWN"));
            // /status follows: the connector leaves UP (in maintenance, or DRAINING/DOWN links) and
            // is dropped; it never shows UP again once it has left UP.
            List<String> seen = view.seen();
            int left = seen.indexOf(seen.stream().filter(v -> !v.startsWith("UP ")).findFirst().orElseThrow());
            assertThat(seen.subList(left, seen.size())).allSatisfy(v -> assertThat(v)
                    .matches("gone|DOWN .*|UP maintenance .*"));
            assertThat(seen.get(seen.size() - 1)).isEqualTo(EdgeView.GONE);

            signalled = System.nanoTime();
            edge.sigterm();
            int edgeExit = edge.awaitExit(STOP_BOUND);
            long edgeMillis = millisSince(signalled);

            assertThat(edgeExit).as("the edge's exit status after SIGTERM").isZero();
            System.out.println("shutdown: edge drained and exited 0 after " + edgeMillis + " ms");
            assertThat(edge.outputText()).contains("edge " + EDGE + ": maintenance on; draining for up to 20 s",
                    "edge " + EDGE + ": drained and stopped").doesNotContain("cut the drain short");
        }
    }

    @Test
    void aSecondSigtermExitsAtOnce() throws Exception {
        TestPki pki = TestPki.create(dir);
        int[] ports = freePorts(2);
        Path edgeFile = writeEdge(pki, ports[0], ports[1]);
        AdminProbe edgeAdmin = new AdminProbe(ports[1]);

        try (LauncherProcess edge = LauncherProcess.start("edge", "edge", "--config", edgeFile.toString())) {
            // The admin API answers once the edge runs; its signal handlers were installed before.
            Await.until(edgeAdmin.uri() + " answering", UP_BOUND, () -> {
                edge.requireAlive("its admin API answered");
                return edgeAdmin.status() != null;
            });

            long signalled = System.nanoTime();
            edge.sigterm();
            edge.sigterm();
            int exit = edge.awaitExit(IMPATIENT_BOUND);
            long millis = millisSince(signalled);

            // 0 when the (empty) drain finished before the second signal was handled, 1 otherwise.
            System.out.println("shutdown: edge exited " + exit + " " + millis + " ms after two SIGTERMs");
            assertThat(exit).as("exit status after two SIGTERMs").isIn(Main.OK, SignalHandlers.IMPATIENT_EXIT_STATUS);
        }
    }

    private Path writeEdge(TestPki pki, int traversalPort, int adminPort) throws IOException {
        return Files.writeString(dir.resolve("edge.yaml"), """
                role: edge
                name: %s
                outside-address: 127.0.0.1
                tls:
                  certificate: %s
                  private-key: %s
                traversal:
                  listen: 127.0.0.1:%d
                  ca: %s
                  allowed-connectors: [connector-1.test]
                admin:
                  listen: 127.0.0.1:%d
                shutdown:
                  drain-timeout: %ds
                """.formatted(EDGE, pki.cert("edge"), pki.key("edge"), traversalPort, pki.caCert(), adminPort,
                DRAIN_TIMEOUT.toSeconds()));
    }

    private Path writeConnector(TestPki pki, int traversalPort, int adminPort) throws IOException {
        return Files.writeString(dir.resolve("connector.yaml"), """
                role: connector
                name: %s
                tls:
                  certificate: %s
                  private-key: %s
                traversal:
                  edges:
                    - address: 127.0.0.1:%d
                      server-name: localhost
                  ca: %s
                  connections-per-edge: 2
                  backoff: {base: 50ms, cap: 500ms, reset-after: 60s}
                admin:
                  listen: 127.0.0.1:%d
                shutdown:
                  drain-timeout: %ds
                """.formatted(CONNECTOR, pki.cert("connector-1"), pki.key("connector-1"), traversalPort,
                pki.caCert(), adminPort, DRAIN_TIMEOUT.toSeconds()));
    }

    /** {@code n} distinct loopback ports free right now: bound together (so distinct), then released. */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /**
     * The edge's {@code /status} entry for one connector, polled every few milliseconds on a
     * thread of its own and kept as a list of the distinct views in the order seen, e.g.
     * {@code UP links [UP, UP]}, {@code DOWN links [DRAINING, DRAINING]}, {@code gone}.
     */
    private static final class EdgeView {
        static final String GONE = "gone";

        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final Thread poller;
        private volatile boolean stopped;

        private EdgeView(AdminProbe admin, String connector) {
            poller = new Thread(() -> {
                while (!stopped) {
                    JsonNode status = admin.status();
                    if (status != null) {
                        record(describe(AdminProbe.connector(status, connector)));
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "edge-view");
            poller.setDaemon(true);
        }

        static EdgeView watch(AdminProbe admin, String connector) {
            EdgeView view = new EdgeView(admin, connector);
            view.poller.start();
            // The first view, so that the list starts from UP.
            Await.until("a first view of " + connector, Duration.ofSeconds(10), () -> !view.seen.isEmpty());
            return view;
        }

        List<String> seen() {
            return List.copyOf(seen);
        }

        void stop() throws InterruptedException {
            stopped = true;
            poller.join(TimeUnit.SECONDS.toMillis(5));
        }

        private void record(String view) {
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(view)) {
                seen.add(view);
            }
        }

        private static String describe(JsonNode entry) {
            if (entry == null) {
                return GONE;
            }
            List<String> links = StreamSupport.stream(entry.path("links").spliterator(), false)
                    .map(link -> link.path("state").asText()).toList();
            return entry.path("state").asText() + (entry.path("maintenance").asBoolean() ? " maintenance" : "")
                    + " links " + links;
        }
    }
}
