package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS 8443 through the packaged lab: {@code bin/mra-edge lab} in a real process, then the
 * get_edge_config curl line it prints, run as printed by the real curl ({@link RealPeer}: skipped
 * without curl, failed in CI), then SIGTERM and exit 0 with the lab UC backend stopped. Needs
 * 127.0.0.1:7001, :9090, :8443, :18443 and :16970 free, and :15222 (the lab's Prosody, when installed).
 */
class LabHttpProcessIT {
    private static final Duration UP_BOUND = Duration.ofSeconds(60);
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);
    private static final String MARK = "get_edge_config  ";

    private final AdminProbe admin = new AdminProbe(LabConfigFiles.ADMIN_PORT);

    @TempDir
    Path dir;

    @Test
    void thePrintedGetEdgeConfigLineAnswersThroughTheLab() throws Exception {
        RealPeer.require("curl", "curl");
        for (int port : new int[] {LabConfigFiles.TRAVERSAL_PORT, LabConfigFiles.ADMIN_PORT, 8443, 18443, 16970,
                LabProsody.C2S_PORT}) {
            requireFree(port);
        }
        Path lab = dir.resolve("lab");
        try (LauncherProcess process = LauncherProcess.start("lab", "lab", "--dir", lab.toString())) {
            Await.value("a connector UP in " + admin.uri(), UP_BOUND, () -> {
                process.requireAlive("its connector came up");
                JsonNode s = admin.status();
                return s != null && "UP".equals(s.path("connectors").path(0).path("state").asText()) ? s : null;
            });
            String printed = Await.value("the printed get_edge_config line", Duration.ofSeconds(10),
                    () -> {
                        process.requireAlive("it printed what to try next");
                        return process.output().stream().filter(l -> l.contains(MARK)).findFirst().orElse(null);
                    });
            String line = printed.substring(printed.indexOf(MARK) + MARK.length());
            assertThat(line).startsWith("curl --cacert ").contains("https://localhost:8443/");

            // As printed, with -sS and the status code appended after the body.
            Process curl = new ProcessBuilder("bash", "-c",
                    line.replaceFirst("^curl ", "curl -sS -w '\\\\nHTTP %{http_code}\\\\n' ")).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).as("curl status; stderr: %s", err).isZero();
            assertThat(out).as(line).contains("<getEdgeConfigResponse").contains("<address>cucm.lab.mra-edge.test</address>")
                    .endsWith("HTTP 200\n");

            process.sigterm();
            assertThat(process.awaitExit(STOP_BOUND)).as("exit status after SIGTERM; output:%n%s",
                    process.outputText()).isZero();
            assertThat(process.output()).contains("lab: stopped", "lab: UC backend stopped");
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail("port " + port + " on 127.0.0.1 is taken (" + e.getMessage() + "); the lab needs it free."
                    + " Stop what holds it (ss -ltnp 'sport = :" + port + "') and run again");
        }
    }
}
