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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP through the packaged lab: {@code target/mra-edge/bin/mra-edge lab} with Kamailio
 * installed starts Kamailio behind its connector; the REGISTER line the lab prints under
 * "What to try next" is run as printed ({@code sh -c}) and prints {@code SIP/2.0 200 OK}, and
 * Kamailio holds alice's binding. Then SIGTERM: exit 0 and no Kamailio PID is left.
 *
 * <p>Needs kamailio, kamcmd and openssl (missing: fails in CI, skipped elsewhere, as
 * {@link RealPeer}) and 127.0.0.1:7001, 9090, 5061 and 15060 free.
 */
class LabSipProcessIT {
    private static final Duration UP_BOUND = Duration.ofSeconds(90);
    private static final Duration STOP_BOUND = Duration.ofSeconds(40);

    private final AdminProbe admin = new AdminProbe(LabConfigFiles.ADMIN_PORT);

    @TempDir
    Path dir;

    @Test
    void aliceRegistersThroughTheLabAndKamailioStopsWithIt() throws Exception {
        RealPeer.require("kamailio", "kamailio");
        RealPeer.require("kamcmd", "kamailio");
        RealPeer.require("openssl", "openssl");
        for (int port : List.of(LabConfigFiles.TRAVERSAL_PORT, LabConfigFiles.ADMIN_PORT, LabConfigFiles.SIP_PORT,
                LabKamailio.PORT)) {
            requireFree(port);
        }
        Path lab = dir.resolve("lab");

        try (LauncherProcess process = LauncherProcess.start("lab", "lab", "--dir", lab.toString())) {
            Await.value("a connector UP in " + admin.uri(), UP_BOUND, () -> {
                process.requireAlive("its connector came up");
                JsonNode s = admin.status();
                return s != null && "UP".equals(s.path("connectors").path(0).path("state").asText()) ? s : null;
            });
            String register = Await.value("the lab's register line", Duration.ofSeconds(10),
                    () -> printed(process, "register").orElse(null));
            String bindings = printed(process, "bindings").orElseThrow();
            assertThat(register).contains("REGISTER sip:example.com", "127.0.0.1:5061",
                    "-CAfile " + lab.resolve("ca.crt"));
            long kamailioPid = Long.parseLong(Files.readString(lab.resolve(LabKamailio.PID_FILE)).strip());
            assertThat(process.outputText()).contains("lab: Kamailio PID ");

            assertThat(run(register)).as("the printed REGISTER line's output").startsWith("SIP/2.0 200");
            assertThat(run(bindings)).as("kamcmd ul.dump brief").contains("AoR: alice");

            List<ProcessHandle> kamailio = ProcessHandle.allProcesses()
                    .filter(h -> h.info().commandLine().orElse("").contains(lab.resolve(LabKamailio.CONFIG).toString()))
                    .toList();
            assertThat(kamailio).as("Kamailio processes of the lab").isNotEmpty();

            process.sigterm();
            assertThat(process.awaitExit(STOP_BOUND)).as("exit status after SIGTERM; output:%n%s",
                    process.outputText()).isZero();
            assertThat(process.output()).contains("lab: stopped");
            assertThat(process.outputText()).contains("Kamailio PID", "stopped");
            assertThat(ProcessHandle.of(kamailioPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("Kamailio PID %s is gone after the lab stopped", kamailioPid).isFalse();
            for (ProcessHandle h : kamailio) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
            assertThat(kamailio).as("no Kamailio process of the lab is left").noneMatch(ProcessHandle::isAlive);
        }
    }

    /** The command after a label of the lab's SIP block, e.g. {@code "    register      CMD"}. */
    private static Optional<String> printed(LauncherProcess process, String label) {
        return process.output().stream().map(String::strip).filter(l -> l.startsWith(label + " "))
                .map(l -> l.substring(label.length()).strip()).findFirst();
    }

    /** Runs {@code sh -c LINE} to its end (30 s at most) and returns its output. */
    private String run(String line) throws Exception {
        Path out = Files.createTempFile(dir, "sh", ".out");
        Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("did not end within 30 s: " + line + "; output: " + Files.readString(out));
        }
        return Files.readString(out);
    }

    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail("port " + port + " on 127.0.0.1 is taken (" + e.getMessage() + "); the SIP lab needs 7001, 9090,"
                    + " 5061 and 15060 free. Stop what holds it (ss -ltnp 'sport = :" + port + "')");
        }
    }
}
