package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.testing.TestPki;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin commands against an edge whose {@code admin.token-file} is set: changes need the
 * token, reads do not, and a missing or wrong token is one line that says what to pass.
 */
class AdminTokenTest {
    private static final String TOKEN = "7f3c9a1e-admin-token";
    private static final String TOKEN_HINT = "the admin API wants a token: pass --token-file FILE";

    @TempDir
    Path dir;

    private EdgeNode edge;
    private String admin;
    private Path tokenFile;

    @BeforeEach
    void startEdgeWithToken() throws Exception {
        TestPki pki = TestPki.create(dir);
        // As an operator writes it, with a final newline, which the node and the CLI both ignore.
        tokenFile = Files.writeString(dir.resolve("admin.token"), TOKEN + "\n");
        edge = EdgeNode.start(edgeConfig(pki, tokenFile), List.of());
        admin = "http://127.0.0.1:" + edge.adminAddress().getPort();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void maintenanceWithoutTheTokenSaysToPassIt() {
        CliRun run = CliRun.of("maintenance", "on", "--admin", admin);

        run.exitedWith(Main.RUNTIME_FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("mra-edge maintenance: " + TOKEN_HINT);
        assertThat(edge.maintenance().enabled()).isFalse();
    }

    @Test
    void maintenanceWithTheTokenSwitches() {
        CliRun run = CliRun.of("maintenance", "on", "--admin", admin, "--token-file", tokenFile.toString());

        run.exitedWith(Main.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactly("maintenance on: new flows are refused, running ones finish",
                "  no services");
        assertThat(edge.maintenance().enabled()).isTrue();
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.token"), "not-" + TOKEN);

        CliRun run = CliRun.of("maintenance", "on", "--admin", admin, "--token-file", wrong.toString());

        run.exitedWith(Main.RUNTIME_FAILURE);
        assertThat(run.errLines()).containsExactly("mra-edge maintenance: the admin API refused the token in " + wrong
                + ": pass --token-file with the file the node's admin.token-file names");
        assertThat(edge.maintenance().enabled()).isFalse();
    }

    @Test
    void liftingABanNeedsTheTokenToo() throws Exception {
        InetAddress source = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < ProtectionCategory.SIP_AUTH_FAILURE.defaultPolicy().triggerLevel(); i++) {
            edge.protection().orElseThrow().record(ProtectionCategory.SIP_AUTH_FAILURE, source, 5061);
        }

        CliRun without = CliRun.of("bans", "--admin", admin, "--remove", "192.0.2.7");

        without.exitedWith(Main.RUNTIME_FAILURE);
        assertThat(without.errLines()).singleElement().asString().startsWith("mra-edge bans: " + TOKEN_HINT);
        assertThat(edge.protection().orElseThrow().isBanned(source, 5061)).isTrue();

        CliRun with = CliRun.of("bans", "--admin", admin, "--remove", "192.0.2.7",
                "--token-file", tokenFile.toString());

        with.exitedWith(Main.OK);
        assertThat(edge.protection().orElseThrow().isBanned(source, 5061)).isFalse();
    }

    @Test
    void readingNeedsNoToken() {
        CliRun.of("status", "--admin", admin).exitedWith(Main.OK);
        assertThat(CliRun.of("bans", "--admin", admin).outLines()).containsExactly("no bans");
    }

    @Test
    void aTokenFileThatCannotBeReadIsAUsageError() throws Exception {
        Path missing = dir.resolve("nowhere.token");
        Path empty = Files.writeString(dir.resolve("empty.token"), "\n");

        CliRun absent = CliRun.of("maintenance", "on", "--admin", admin, "--token-file", missing.toString());
        CliRun blank = CliRun.of("maintenance", "on", "--admin", admin, "--token-file", empty.toString());

        absent.exitedWith(Main.BAD_CONFIG);
        assertThat(absent.errLines()).containsExactly(
                "mra-edge maintenance: cannot read the token file " + missing + ": no such file");
        blank.exitedWith(Main.BAD_CONFIG);
        assertThat(blank.errLines()).containsExactly("mra-edge maintenance: the token file " + empty + " is empty");
        assertThat(edge.maintenance().enabled()).isFalse();
    }

    /** An edge on loopback (ports chosen by the system) whose admin API wants the token in {@code tokenFile}. */
    private static EdgeConfig edgeConfig(TestPki pki, Path tokenFile) throws Exception {
        String yaml = """
                role: edge
                name: edge-token
                outside-address: 127.0.0.1
                tls:
                  certificate: %s
                  private-key: %s
                traversal:
                  listen: 127.0.0.1:0
                  ca: %s
                  allowed-connectors: [connector-1.test]
                admin:
                  listen: 127.0.0.1:0
                  token-file: %s
                """.formatted(pki.cert("edge"), pki.key("edge"), pki.caCert(), tokenFile);
        Path file = Files.writeString(pki.dir().resolve("edge-token.yaml"), yaml);
        return ConfigLoader.standard().loadEdge(file);
    }
}
