package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.Version;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line in-process: what each command prints, where, and with which exit status. */
class MainTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = run("--version");

        run.exitedWith(Main.OK);
        assertThat(run.out()).isEqualTo("mra-edge " + Version.get() + System.lineSeparator());
        assertThat(Version.get()).isNotEqualTo("unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge", "connector", "check-config", "lab", "status", "maintenance", "bans"})
    void everyCommandHasHelp(String command) {
        CliRun run = run(command, "--help");

        run.exitedWith(Main.OK);
        assertThat(run.out()).startsWith("Usage: mra-edge " + command).contains("--help", "--version");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = run();

        run.exitedWith(Main.BAD_CONFIG);
        assertThat(run.err()).contains("name a command", "check-config", "lab");
    }

    @Test
    void edgeWithoutConfigIsAUsageError() {
        CliRun run = run("edge");

        run.exitedWith(Main.BAD_CONFIG);
        assertThat(run.err()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void checkConfigAcceptsAValidEdgeFile() throws IOException {
        Path file = writeEdgeFile("""
                traversal:
                  listen: 127.0.0.1:7001
                  ca: ca.crt
                  allowed-connectors: [connector-1.example.int]
                """);

        CliRun run = run("check-config", file.toString());

        run.exitedWith(Main.OK);
        assertThat(run.out()).isEqualTo(file + ": valid edge configuration" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkConfigPrintsEveryProblemOnItsOwnLine() throws IOException {
        Path file = writeEdgeFile("""
                traversal:
                  ca: ca.crt
                  allowed-connectors: [connector-1.example.int]
                  ping-intervall: 5s
                shutdown:
                  drain-timeout: soon
                """);

        CliRun run = run("check-config", file.toString());

        run.exitedWith(Main.BAD_CONFIG);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(
                file + ": not a valid configuration, 2 problems:",
                "traversal.ping-intervall: unknown key; did you mean ping-interval? (line 11)",
                "shutdown.drain-timeout: \"soon\" is not a duration; write e.g. 500ms, 5s, 10m, 8h or PT5S (line 13)");
    }

    @Test
    void checkConfigOfAMissingFileSaysSo() {
        Path missing = dir.resolve("nowhere.yaml");

        CliRun run = run("check-config", missing.toString());

        run.exitedWith(Main.BAD_CONFIG);
        assertThat(run.errLines()).containsExactly(missing + ": cannot read the configuration: no such file");
    }

    @Test
    void labFilesAreCreatedThenReused() throws Exception {
        Path lab = dir.resolve("lab");

        LabFiles first = LabFiles.prepare(lab, Clock.systemUTC());
        BigInteger caSerial = caSerial(lab);

        assertThat(first.actions()).extracting(LabFileAction::outcome).containsOnly(LabFileAction.Outcome.CREATED);
        assertThat(first.actions()).flatExtracting(LabFileAction::files).containsExactly("ca.crt", "ca.key",
                "edge.crt", "edge.key", "connector.crt", "connector.key", "uc.crt", "uc.key", "token.key", "users.txt",
                "edge.yaml", "connector.yaml");
        for (String name : List.of("ca.crt", "ca.key", "edge.crt", "edge.key", "connector.crt", "connector.key",
                "uc.crt", "uc.key", "token.key", "users.txt")) {
            assertThat(lab.resolve(name)).isNotEmptyFile();
        }
        assertThat(Files.readString(first.edgeConfig())).contains("lab");
        EdgeConfig edge = InstalledPlugins.discover().configLoader().loadEdge(first.edgeConfig());
        assertThat(edge.name()).isEqualTo("lab-edge");
        assertThat(edge.traversal().listen().getPort()).isEqualTo(7001);
        assertThat(edge.admin().listen().getPort()).isEqualTo(9090);
        assertThat(edge.traversal().allowedConnectors()).containsExactly("connector-1.lab.mra-edge.test");
        assertThat(edge.tls().certificate()).isEqualTo(lab.toAbsolutePath().resolve("edge.crt"));
        ConnectorConfig connector = InstalledPlugins.discover().configLoader().loadConnector(first.connectorConfig());
        assertThat(connector.name()).isEqualTo("lab-connector");
        assertThat(connector.traversal().connectionsPerEdge()).isEqualTo(2);
        assertThat(connector.traversal().edges()).singleElement()
                .satisfies(e -> assertThat(e.toString()).isEqualTo("127.0.0.1:7001 (localhost)"));
        assertThat(edge.sections()).containsKey("http");
        assertThat(connector.sections()).containsKey("http");
        assertThat(Files.readString(first.connectorConfig())).contains("port: 18443", "http-port: 16970",
                "credentials-file: users.txt", "trust-store: ca.crt");

        Files.writeString(first.edgeConfig(), Files.readString(first.edgeConfig()) + "# an operator's note\n");
        LabFiles second = LabFiles.prepare(lab, Clock.systemUTC());

        assertThat(second.actions()).extracting(LabFileAction::outcome).containsOnly(LabFileAction.Outcome.REUSED);
        assertThat(caSerial(lab)).isEqualTo(caSerial);
        assertThat(Files.readString(second.edgeConfig())).endsWith("# an operator's note\n");
    }

    @Test
    void aLabCertificateFromAnotherCaIsReplaced() throws IOException {
        Path lab = dir.resolve("lab");
        LabFiles.prepare(lab, Clock.systemUTC());
        PrivatePki stranger = PrivatePki.create("not the lab CA");
        stranger.issue(LeafSpec.server("edge", "localhost")).writePem(lab.resolve("edge.crt"), lab.resolve("edge.key"));

        LabFiles again = LabFiles.prepare(lab, Clock.systemUTC());

        assertThat(again.actions()).filteredOn(a -> a.files().contains("edge.crt")).singleElement()
                .satisfies(a -> {
                    assertThat(a.outcome()).isEqualTo(LabFileAction.Outcome.REPLACED);
                    assertThat(a.toString()).contains("not issued by this lab CA");
                });
        assertThat(again.actions()).filteredOn(a -> a.files().contains("connector.crt"))
                .extracting(LabFileAction::outcome).containsExactly(LabFileAction.Outcome.REUSED);
    }

    /** An edge file with a real certificate and CA beside it; {@code traversal} and later keys from the caller. */
    private Path writeEdgeFile(String rest) throws IOException {
        PrivatePki ca = PrivatePki.create("MainTest CA");
        ca.writeCa(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        ca.issue(LeafSpec.server("edge", "localhost", "127.0.0.1")).writePem(dir.resolve("edge.crt"),
                dir.resolve("edge.key"));
        String head = """
                role: edge
                name: edge-1
                public-name: localhost
                outside-address: 127.0.0.1
                tls:
                  certificate: edge.crt
                  private-key: edge.key
                """;
        return Files.writeString(dir.resolve("edge.yaml"), head + rest);
    }

    private static BigInteger caSerial(Path lab) throws IOException {
        return PrivatePki.load(lab.resolve("ca.crt"), lab.resolve("ca.key")).certificate().getSerialNumber();
    }
}
