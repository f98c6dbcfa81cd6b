package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mraedge.core.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher as an operator runs it: {@code target/mra-edge/bin/mra-edge lab} in a
 * real process (so the launcher script, the lib/ class path, logback and the signal handling are
 * all the shipped ones), watched through the admin {@code /status} JSON, then stopped with
 * SIGTERM. Needs 127.0.0.1:7001 and :9090 free, as the lab's ports are fixed.
 */
class LabProcessIT {
    private static final Path LAUNCHER = Path.of("target", "mra-edge", "bin", "mra-edge");
    private static final URI STATUS = URI.create("http://127.0.0.1:" + LabConfigFiles.ADMIN_PORT + "/status");
    /** Failure bounds, not performance targets: a busy CI machine may be slow. */
    private static final Duration UP_BOUND = Duration.ofSeconds(60);
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> output = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @Test
    void labComesUpAndStopsWithStatusZeroOnSigterm() throws Exception {
        assertThat(LAUNCHER).as("run `mvn package` first: the launcher").isExecutable();
        requireFree(LabConfigFiles.TRAVERSAL_PORT);
        requireFree(LabConfigFiles.ADMIN_PORT);
        Path lab = dir.resolve("lab");

        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "lab", "--dir", lab.toString())
                .redirectErrorStream(true);
        // Netty's paranoid leak detector in the lab JVM too: its LEAK: lines reach this test's
        // output below, where the build's leak gate finds them.
        builder.environment().put("MRA_EDGE_JAVA_OPTS", "-Dio.netty.leakDetection.level=paranoid");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            Thread pump = pumpOutput(process);

            JsonNode status;
            try {
                status = Await.value("a connector UP in " + STATUS, UP_BOUND, () -> connectorUp(process));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; lab output:\n" + outputText(), e);
            }
            long upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("lab: connector UP after " + upMillis + " ms");

            assertThat(status.path("role").asText()).isEqualTo("edge");
            assertThat(status.path("name").asText()).isEqualTo("lab-edge");
            JsonNode connector = status.path("connectors").path(0);
            assertThat(connector.path("state").asText()).isEqualTo("UP");
            assertThat(connector.path("mtls").asBoolean()).isTrue();
            assertThat(connector.path("name").asText()).isEqualTo("lab-connector");

            Await.until("the lab's what-to-try-next block", Duration.ofSeconds(10),
                    () -> output.stream().anyMatch(l -> l.contains("curl -s " + STATUS)));
            assertThat(outputText()).contains("created  ca.crt, ca.key", "Ctrl-C stops the lab", "check-config ",
                    "edge.yaml");
            assertThat(lab.resolve("edge.yaml")).isRegularFile();

            // SIGTERM, as process.destroy() sends on Linux; but Process.destroy() also closes the
            // output pipe, and the lab's last lines ("lab: stopped") would be lost.
            assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
            assertThat(process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS))
                    .as("lab stops within %s s of SIGTERM; output:%n%s", STOP_BOUND.toSeconds(), outputText())
                    .isTrue();
            assertThat(process.exitValue()).as("exit status after SIGTERM; output:%n%s", outputText()).isZero();
            pump.join(TimeUnit.SECONDS.toMillis(10)); // the last lines, written just before exit
            assertThat(output).contains("lab: stopped");
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The status JSON once it lists a connector whose state is UP; null until then. */
    private JsonNode connectorUp(Process process) {
        if (!process.isAlive()) {
            fail("the lab exited with status " + process.exitValue() + " before its connector came up; output:\n"
                    + outputText());
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(STATUS).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode status = json.readTree(response.body());
            return "UP".equals(status.path("connectors").path(0).path("state").asText()) ? status : null;
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Copies the lab's output to this test's output (prefixed) and keeps it for assertions. */
    private Thread pumpOutput(Process process) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                    System.out.println("[lab] " + line);
                }
            } catch (IOException e) {
                output.add("(output stream: " + e + ")");
            }
        }, "lab-output");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private String outputText() {
        return String.join("\n", output);
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
