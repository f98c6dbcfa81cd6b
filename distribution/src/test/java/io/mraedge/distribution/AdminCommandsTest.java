package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.Version;
import io.mraedge.core.protection.IntrusionProtection;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code status}, {@code maintenance} and {@code bans} in-process against a real edge (with the
 * echo test plugin's listener as its one service) and a real connector: what they print, their
 * exit status, and that what they switch really switched on the node.
 */
class AdminCommandsTest {
    /** A source from the documentation range (RFC 5737), banned on a SIP TLS port. */
    private static final String BANNED = "192.0.2.7";
    private static final int SIP_TLS_PORT = 5061;

    @TempDir
    Path dir;

    private TestCluster cluster;
    private ConnectorNode connector;
    private String edgeAdmin;
    private String connectorAdmin;

    @BeforeEach
    void startEdgeAndConnector() throws Exception {
        TestPki pki = TestPki.create(dir);
        cluster = TestCluster.edge(pki);
        connector = cluster.connector(TestConfigs.connector(pki, cluster.traversalPort()));
        edgeAdmin = "http://127.0.0.1:" + cluster.edgeNode().adminAddress().getPort();
        connectorAdmin = "http://127.0.0.1:" + connector.adminAddress().getPort();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void statusSummarisesTheEdge() {
        CliRun run = CliRun.of("status", "--admin", edgeAdmin);

        run.exitedWith(Main.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines().get(0)).matches("edge edge-1, mra-edge " + Version.get() + ", up \\d+s");
        assertThat(run.outLines()).contains(
                "maintenance    off",
                "services       echo  ACTIVE  0 flows",
                "registrations  0 now, peak 0",
                "bans           0 active");
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
                .matches("connectors     connector-1  UP  rtt (\\d+\\.\\d\\d ms|-)  links: \\d+ UP"));
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
                .startsWith("warnings       ").contains("admin.token-file is not set"));
    }

    @Test
    void statusJsonIsTheDocumentItself() throws Exception {
        CliRun run = CliRun.of("status", "--admin", edgeAdmin, "--json");

        run.exitedWith(Main.OK);
        assertThat(run.err()).isEmpty();
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertThat(status.path("role").asText()).isEqualTo("edge");
        assertThat(status.path("name").asText()).isEqualTo("edge-1");
        assertThat(status.path("maintenance").asBoolean()).isFalse();
        assertThat(status.path("services").path("echo").path("state").asText()).isEqualTo("ACTIVE");
        assertThat(status.path("connectors").path(0).path("name").asText()).isEqualTo("connector-1");
        assertThat(status.path("connectors").path(0).path("state").asText()).isEqualTo("UP");
    }

    @Test
    void statusSummarisesTheConnector() {
        CliRun run = CliRun.of("status", "--admin", connectorAdmin);

        run.exitedWith(Main.OK);
        assertThat(run.outLines().get(0)).startsWith("connector connector-1, mra-edge " + Version.get() + ", up ");
        assertThat(run.outLines()).contains("maintenance    off", "services       traversal  ACTIVE  0 flows");
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
                .matches("edges          127\\.0\\.0\\.1:" + cluster.traversalPort()
                        + " \\(localhost\\)  UP  links: \\d+ UP"));
        assertThat(run.out()).doesNotContain("bans", "registrations", "connectors");
    }

    @Test
    void maintenanceOnAndOffSwitchTheEdge() {
        EdgeNode edge = cluster.edgeNode();

        CliRun on = CliRun.of("maintenance", "on", "--admin", edgeAdmin);

        on.exitedWith(Main.OK);
        assertThat(on.err()).isEmpty();
        assertThat(edge.maintenance().enabled()).isTrue();
        assertThat(on.outLines().get(0)).isEqualTo("maintenance on: new flows are refused, running ones finish");
        // No flow is running, so the echo service drains at once.
        assertThat(on.outLines().get(1)).matches("  echo  (DRAINING|STOPPED)  0 flows");
        assertThat(CliRun.of("status", "--admin", edgeAdmin).outLines())
                .contains("maintenance    on: new flows are refused, running ones finish");

        CliRun off = CliRun.of("maintenance", "off", "--admin", edgeAdmin);

        off.exitedWith(Main.OK);
        assertThat(edge.maintenance().enabled()).isFalse();
        assertThat(off.outLines()).containsExactly("maintenance off", "  echo  ACTIVE  0 flows");
    }

    @Test
    void maintenanceSwitchesTheConnectorToo() {
        CliRun on = CliRun.of("maintenance", "on", "--admin", connectorAdmin);

        on.exitedWith(Main.OK);
        assertThat(connector.maintenance().enabled()).isTrue();
        assertThat(cluster.edgeNode().maintenance().enabled()).isFalse();
        assertThat(on.outLines().get(1)).matches("  traversal  (DRAINING|STOPPED)  0 flows");
    }

    @Test
    void maintenanceTakesOnlyOnOrOff() {
        CliRun run = CliRun.of("maintenance", "yes", "--admin", edgeAdmin);

        run.exitedWith(Main.BAD_CONFIG);
        assertThat(run.err()).contains("say on or off, not 'yes'");
        assertThat(cluster.edgeNode().maintenance().enabled()).isFalse();
    }

    @Test
    void bansAreListedAndLifted() throws Exception {
        IntrusionProtection protection = cluster.edgeNode().protection().orElseThrow();
        InetAddress source = InetAddress.getByName(BANNED);
        assertThat(CliRun.of("bans", "--admin", edgeAdmin).outLines()).containsExactly("no bans");

        // SIP authentication failures ban at the fifth within a minute (ProtectionCategory's default).
        for (int i = 0; i < ProtectionCategory.SIP_AUTH_FAILURE.defaultPolicy().triggerLevel(); i++) {
            protection.record(ProtectionCategory.SIP_AUTH_FAILURE, source, SIP_TLS_PORT);
        }
        assertThat(protection.isBanned(source, SIP_TLS_PORT)).isTrue();

        CliRun list = CliRun.of("bans", "--admin", edgeAdmin);

        list.exitedWith(Main.OK);
        assertThat(list.outLines()).hasSize(2);
        assertThat(list.outLines().get(0)).matches("ADDRESS +PORT +CATEGORY +SINCE +UNTIL");
        assertThat(list.outLines().get(1)).matches(BANNED.replace(".", "\\.") + "  5061  sip-auth-failure  "
                + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(CliRun.of("status", "--admin", edgeAdmin).outLines())
                .contains("bans           1 active (mra-edge bans lists them)");

        CliRun lift = CliRun.of("bans", "--admin", edgeAdmin, "--remove", BANNED);

        lift.exitedWith(Main.OK);
        assertThat(lift.outLines()).containsExactly("lifted 1 ban of " + BANNED);
        assertThat(protection.isBanned(source, SIP_TLS_PORT)).isFalse();

        CliRun again = CliRun.of("bans", "--admin", edgeAdmin, "--remove", BANNED);

        again.exitedWith(Main.RUNTIME_FAILURE);
        assertThat(again.errLines()).containsExactly("mra-edge bans: " + BANNED + " has no ban to lift");
    }

    @Test
    void liftingSomethingThatIsNotAnAddressIsAUsageError() {
        CliRun run = CliRun.of("bans", "--admin", edgeAdmin, "--remove", "example.com");

        run.exitedWith(Main.BAD_CONFIG);
        assertThat(run.errLines()).containsExactly("mra-edge bans: 'example.com' is not an IP address");
    }

    @Test
    void aConnectorKeepsNoBans() {
        CliRun run = CliRun.of("bans", "--admin", connectorAdmin);

        run.exitedWith(Main.RUNTIME_FAILURE);
        assertThat(run.errLines()).containsExactly("mra-edge bans: the node at " + connectorAdmin
                + " keeps no bans (a connector?); bans are on the edge's admin API");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "maintenance on", "bans", "bans --remove 192.0.2.7"})
    void anUnreachableAdminUrlIsOneLineAndStatusOne(String command) throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        String[] words = (command + " --admin " + url).split(" ");

        CliRun run = CliRun.of(words);

        run.exitedWith(Main.RUNTIME_FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("mra-edge " + words[0] + ": cannot reach the admin API at " + url + ": ")
                .endsWith("; is the node running, and is --admin its admin.listen?");
    }

    @Test
    void anAdminUrlMustBeHttp() {
        CliRun run = CliRun.of("status", "--admin", "127.0.0.1:9090");

        run.exitedWith(Main.BAD_CONFIG);
        assertThat(run.err()).contains("'127.0.0.1:9090' is not an http URL of an admin API; write e.g. "
                + AdminClientOptions.DEFAULT_ADMIN);
    }
}
