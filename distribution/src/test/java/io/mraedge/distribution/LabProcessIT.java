package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.mraedge.core.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher as an operator runs it: {@code target/mra-edge/bin/mra-edge lab} in a
 * real process ({@link LauncherProcess}), watched through the admin {@code /status} JSON, then
 * stopped with SIGTERM. Needs 127.0.0.1:7001 and :9090 free, as the lab's ports are fixed.
 */
class LabProcessIT {
    /** Failure bounds, not performance targets: a busy CI machine may be slow. */
    private static final Duration UP_BOUND = Duration.ofSeconds(60);
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    private final AdminProbe admin = new AdminProbe(LabConfigFiles.ADMIN_PORT);

    @TempDir
    Path dir;

    @Test
    void labComesUpAndStopsWithStatusZeroOnSigterm() throws Exception {
        requireFree(LabConfigFiles.TRAVERSAL_PORT);
        requireFree(LabConfigFiles.ADMIN_PORT);
        Path lab = dir.resolve("lab");

        long started = System.nanoTime();
        try (LauncherProcess process = LauncherProcess.start("lab", "lab", "--dir", lab.toString())) {
            JsonNode status = Await.value("a connector UP in " + admin.uri(), UP_BOUND, () -> {
                process.requireAlive("its connector came up");
                JsonNode s = admin.status();
                return s != null && "UP".equals(s.path("connectors").path(0).path("state").asText()) ? s : null;
            });
            long upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("lab: connector UP after " + upMillis + " ms");

            assertThat(status.path("role").asText()).isEqualTo("edge");
            assertThat(status.path("name").asText()).isEqualTo("lab-edge");
            JsonNode connector = status.path("connectors").path(0);
            assertThat(connector.path("state").asText()).isEqualTo("UP");
            assertThat(connector.path("mtls").asBoolean()).isTrue();
            assertThat(connector.path("name").asText()).isEqualTo("lab-connector");

            // The block's last line: the lines arrive one by one.
            Await.until("the lab's what-to-try-next block", Duration.ofSeconds(10),
                    () -> process.output().stream().anyMatch(l -> l.contains("Ctrl-C stops the lab")));
            assertThat(process.outputText()).contains("curl -s " + admin.uri());
            assertThat(process.outputText()).contains("created  ca.crt, ca.key", "Ctrl-C stops the lab",
                    "check-config ", "edge.yaml");
            assertThat(lab.resolve("edge.yaml")).isRegularFile();

            process.sigterm();
            assertThat(process.awaitExit(STOP_BOUND)).as("exit status after SIGTERM; output:%n%s",
                    process.outputText()).isZero();
            assertThat(process.output()).contains("lab: stopped");
            assertThat(process.outputText()).contains("connector lab-connector: drained and stopped",
                    "edge lab-edge: drained and stopped");
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail("port " + port + " on 127.0.0.1 is taken (" + e.getMessage() + "); the lab needs 7001 and 9090 free."
                    + " Stop what holds it (ss -ltnp 'sport = :" + port + "') and run again");
        }
    }
}
