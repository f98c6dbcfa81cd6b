package io.mraedge.core.config;

import static io.mraedge.core.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad value, asserting the exact line an operator reads. */
class ConfigProblemsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void dummyFiles() {
        ConfigFixtures.files(dir);
    }

    /** The minimal edge with {@code extra} appended under {@code traversal:} (lines 7 on). */
    private static String edgeWithTraversal(String extra) {
        return ConfigFixtures.EDGE_MINIMAL + extra.indent(2);
    }

    @Test
    void missingKeyIsReportedAtTheEnclosingMapping() {
        assertThat(problems("""
                role: edge
                name: edge-1
                tls: {certificate: edge.crt, private-key: edge.key}
                traversal:
                  allowed-connectors: [connector-1.example.int]
                """, dir)).containsExactly("traversal.ca: required key is missing (line 4)");
    }

    @Test
    void missingTopLevelKeysAreReportedAtLineOne() {
        assertThat(problems("""
                # an edge without its name, certificate and traversal section
                role: edge
                """, dir)).containsExactly(
                "name: required key is missing (line 1)",
                "tls.certificate: required key is missing (line 1)",
                "tls.private-key: required key is missing (line 1)",
                "traversal.ca: required key is missing (line 1)",
                "traversal.allowed-connectors: required key is missing (line 1)");
    }

    @Test
    void requiredKeyWithoutValue() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("name: edge-1", "name:"), dir))
                .containsExactly("name: expected a string, got an empty value (line 2)");
    }

    @Test
    void wrongTypes() {
        assertThat(problems(edgeWithTraversal("ping-misses: three"), dir))
                .containsExactly("traversal.ping-misses: expected an integer, got \"three\" (line 7)");
        assertThat(problems(edgeWithTraversal("max-concurrent-streams: 1.5"), dir))
                .containsExactly("traversal.max-concurrent-streams: expected an integer, got \"1.5\" (line 7)");
        assertThat(problems(edgeWithTraversal("handshake-timeout: [1s]"), dir))
                .containsExactly("traversal.handshake-timeout: expected a duration, got a list (line 7)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "admin: 127.0.0.1:9090\n", dir))
                .containsExactly("admin: expected a mapping, got \"127.0.0.1:9090\" (line 7)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("[connector-1.example.int]",
                "connector-1.example.int"), dir))
                .containsExactly("traversal.allowed-connectors: expected a list, got \"connector-1.example.int\" (line 6)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("name: edge-1", "name: [edge-1]"), dir))
                .containsExactly("name: expected a string, got a list (line 2)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("[connector-1.example.int]",
                "[{san: connector-1.example.int}]"), dir))
                .containsExactly("traversal.allowed-connectors[0]: expected a string, got a mapping (line 6)");
    }

    @Test
    void aMappingOfTheWrongTypeDoesNotAlsoReportItsKeysMissing() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("tls: {certificate: edge.crt, private-key: edge.key}",
                "tls: edge.crt"), dir))
                .containsExactly("tls: expected a mapping, got \"edge.crt\" (line 3)");
    }

    @Test
    void badDurations() {
        assertThat(problems(edgeWithTraversal("ping-interval: 5 parsecs"), dir)).containsExactly(
                "traversal.ping-interval: \"5 parsecs\" is not a duration; write e.g. 500ms, 5s, 10m, 8h or PT5S (line 7)");
        assertThat(problems(edgeWithTraversal("ping-interval: 60"), dir)).containsExactly(
                "traversal.ping-interval: \"60\" is not a duration; write e.g. 500ms, 5s, 10m, 8h or PT5S (line 7)");
        assertThat(problems(edgeWithTraversal("handshake-timeout: -5s"), dir))
                .containsExactly("traversal.handshake-timeout: must not be negative, got \"-5s\" (line 7)");
        assertThat(problems(edgeWithTraversal("ping-interval: 0s"), dir))
                .containsExactly("traversal.ping-interval: must be greater than 0, got \"0s\" (line 7)");
    }

    @Test
    void badSizes() {
        assertThat(problems(edgeWithTraversal("stream-window: 1MB"), dir)).containsExactly(
                "traversal.stream-window: \"1MB\" is not a size; write plain bytes or use the binary units"
                        + " B, KiB, MiB or GiB, e.g. 65536 or 64KiB (KB, MB and GB are not accepted) (line 7)");
        assertThat(problems(edgeWithTraversal("stream-window: 1KiB"), dir)).containsExactly(
                "traversal.stream-window: must be between 65536 and 1073741823 bytes, got 1024 (line 7)");
        assertThat(problems(edgeWithTraversal("stream-window: 4MiB\nconnection-window: 2MiB"), dir))
                .containsExactly("traversal.connection-window: must be at least stream-window (4194304 bytes),"
                        + " got 2097152 (line 8)");
    }

    @Test
    void unknownKeyWithSuggestion() {
        assertThat(problems(edgeWithTraversal("ping-intervall: 5s"), dir))
                .containsExactly("traversal.ping-intervall: unknown key; did you mean ping-interval? (line 7)");
    }

    @Test
    void unknownKeyWithoutSuggestionListsTheAllowedKeys() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "shutdown: {grace: 5s}\n", dir))
                .containsExactly("shutdown.grace: unknown key; allowed here: drain-timeout (line 7)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "loglevel: debug\n", dir))
                .containsExactly("loglevel: unknown key; allowed here: role, name, public-name, outside-address,"
                        + " tls, traversal, admin, shutdown (line 7)");
    }

    @Test
    void badPath() {
        Path missing = dir.resolve("missing.crt");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("certificate: edge.crt", "certificate: missing.crt"),
                dir)).containsExactly("tls.certificate: file " + missing + " does not exist or is not readable (line 3)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("ca: ca.crt", "ca: " + dir), dir))
                .containsExactly("traversal.ca: file " + dir + " does not exist or is not readable (line 5)");
    }

    @Test
    void outOfRange() {
        assertThat(problems(edgeWithTraversal("ping-misses: 0"), dir))
                .containsExactly("traversal.ping-misses: must be between 1 and 100, got 0 (line 7)");
        assertThat(problems(ConfigFixtures.CONNECTOR_MINIMAL + "  connections-per-edge: 17\n", dir))
                .containsExactly("traversal.connections-per-edge: must be between 1 and 16, got 17 (line 8)");
    }

    @Test
    void badAddresses() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "admin: {listen: nonsense}\n", dir))
                .containsExactly("admin.listen: \"nonsense\" is not host:port (line 7)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "admin: {listen: '127.0.0.1:70000'}\n", dir))
                .containsExactly("admin.listen: port must be between 0 and 65535, got 70000 (line 7)");
        assertThat(problems(edgeWithTraversal("listen: '::1:7001'"), dir)).containsExactly("traversal.listen:"
                + " \"::1:7001\" is not host:port; write IPv6 addresses in brackets, e.g. [2001:db8::1]:7001 (line 7)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "outside-address: edge.example.com\n", dir))
                .containsExactly("outside-address: \"edge.example.com\" is not an IP address (line 7)");
        assertThat(problems(ConfigFixtures.CONNECTOR_MINIMAL.replace("edge-inside.example.int",
                "edge-inside.example.int:0"), dir))
                .containsExactly("traversal.edges[0].address: port must be between 1 and 65535, got 0 (line 6)");
    }

    @Test
    void adminMustNotListenOnTheOutside() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "admin: {listen: '0.0.0.0:9090'}\n", dir))
                .containsExactly("admin.listen: must not listen on every interface (0.0.0.0);"
                        + " bind it to loopback or the inside address (line 7)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "outside-address: 192.0.2.1\nadmin: {listen: '192.0.2.1:9090'}\n",
                dir)).containsExactly("admin.listen: must not listen on the outside address 192.0.2.1;"
                + " bind it to loopback or the inside address (line 8)");
    }

    @Test
    void adminMayShareALoopbackOutsideAddress() throws Exception {
        // A lab or test edge: everything on loopback, nothing reachable from outside.
        EdgeConfig edge = (EdgeConfig) ConfigLoader.standard().parse(ConfigFixtures.EDGE_MINIMAL
                + "outside-address: 127.0.0.1\nadmin: {listen: '127.0.0.1:0'}\n", dir);

        assertThat(edge.admin().listen().getAddress()).isEqualTo(edge.outsideAddress());
    }

    @Test
    void badNames() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("name: edge-1", "name: edge 1"), dir)).containsExactly(
                "name: \"edge 1\" is not a valid name; use 1 to 64 letters, digits, '.', '_' or '-' (line 2)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("[connector-1.example.int]",
                "[connector-1.example.int, 'bad name', CONNECTOR-1.example.int]"), dir)).containsExactly(
                "traversal.allowed-connectors: \"bad name\" is not a DNS name or IP address;"
                        + " list the SAN of each connector's certificate (line 6)",
                "traversal.allowed-connectors: \"CONNECTOR-1.example.int\" is listed twice (line 6)");
    }

    @Test
    void connectorCrossChecks() {
        assertThat(problems(ConfigFixtures.CONNECTOR_MINIMAL + "  backoff: {base: 10s, cap: 5s}\n", dir))
                .containsExactly("traversal.backoff.cap: must be at least base (10s), got 5s (line 8)");
        assertThat(problems(ConfigFixtures.CONNECTOR_MINIMAL.replace("    - address: edge-inside.example.int\n",
                "    - address: edge-inside.example.int\n    - {address: 'edge-inside.example.int:7001'}\n"), dir))
                .containsExactly("traversal.edges[1].address: the same edge as traversal.edges[0];"
                        + " list each edge once (line 7)");
        assertThat(problems(ConfigFixtures.CONNECTOR_MINIMAL.replace("    - address: edge-inside.example.int\n",
                "    - edge-inside.example.int\n"), dir))
                .containsExactly("traversal.edges[0]: expected a mapping, got \"edge-inside.example.int\" (line 6)");
        assertThat(problems(ConfigFixtures.CONNECTOR_MINIMAL.replace("    - address: edge-inside.example.int\n",
                "    []\n"), dir)).containsExactly("traversal.edges: must list at least one entry (line 5)");
    }

    @Test
    void badRole() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("role: edge", "role: x"), dir))
                .containsExactly("role: must be edge or connector, got \"x\" (line 1)");
        assertThat(problems("name: edge-1\n", dir)).containsExactly("role: required key is missing (line 1)");
    }

    @Test
    void loadingTheWrongRoleIsAProblem() throws Exception {
        Path file = ConfigFixtures.write(dir.resolve("connector.yaml"), ConfigFixtures.CONNECTOR_MINIMAL);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.standard().loadEdge(file));

        assertThat(e.source()).isEqualTo(file);
        assertThat(e.problems()).map(ConfigProblem::toString)
                .containsExactly("role: must be edge here, got \"connector\" (line 1)");
        assertThat(e.getMessage()).isEqualTo("1 problem in " + file + System.lineSeparator()
                + "  role: must be edge here, got \"connector\" (line 1)");
    }

    @Test
    void duplicateKey() {
        assertThat(problems(edgeWithTraversal("ping-interval: 5s\nping-misses: 3\nping-interval: 6s"), dir))
                .containsExactly("traversal.ping-interval: duplicate key; first given at line 7 (line 9)");
    }

    @Test
    void yamlSyntaxErrorIsOneProblemAtJacksonsLine() {
        assertThat(problems("role: edge\nname: edge-1\n  tls: x\n", dir))
                .containsExactly("YAML syntax error: mapping values are not allowed here (line 3)");
        assertThat(problems("role: edge\nname:\tedge-1\n", dir)).containsExactly("YAML syntax error: while scanning"
                + " for the next token, found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) (line 2)");
    }

    @Test
    void theFileMustBeOneMapping() {
        assertThat(problems("- role: edge\n", dir))
                .containsExactly("expected a mapping of keys at the top of the file, got a list (line 1)");
        assertThat(problems("", dir)).containsExactly("role: required key is missing (line 1)");
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL + "---\nrole: edge\n", dir))
                .containsExactly("a second YAML document starts here; a config file holds one document (line 8)");
    }

    @Test
    void aliasesAreRefused() {
        assertThat(problems(ConfigFixtures.EDGE_MINIMAL.replace("name: edge-1", "name: &n edge-1")
                + "public-name: *n\n", dir))
                .containsExactly("public-name: aliases (*n) are not supported; write the value out (line 7)");
    }

    @Test
    void everyProblemOfAFileIsReportedTogetherInLineOrder() {
        String yaml = """
                role: edge
                name: edge 1
                tls:
                  certificate: missing.crt
                  private-key: edge.key
                traversal:
                  ca: ca.crt
                  allowed-connectors: []
                  ping-interval: 5 parsecs
                  ping-misses: 0
                  stream-window: 1MB
                admin:
                  listen: nonsense
                  lissten: 127.0.0.1:9091
                shutdown: {drain-timeout: soon}
                """;

        assertThat(problems(yaml, dir)).containsExactly(
                "name: \"edge 1\" is not a valid name; use 1 to 64 letters, digits, '.', '_' or '-' (line 2)",
                "tls.certificate: file " + dir.resolve("missing.crt") + " does not exist or is not readable (line 4)",
                "traversal.allowed-connectors: must list at least one entry (line 8)",
                "traversal.ping-interval: \"5 parsecs\" is not a duration; write e.g. 500ms, 5s, 10m, 8h or PT5S (line 9)",
                "traversal.ping-misses: must be between 1 and 100, got 0 (line 10)",
                "traversal.stream-window: \"1MB\" is not a size; write plain bytes or use the binary units"
                        + " B, KiB, MiB or GiB, e.g. 65536 or 64KiB (KB, MB and GB are not accepted) (line 11)",
                "admin.listen: \"nonsense\" is not host:port (line 13)",
                "admin.lissten: unknown key; did you mean listen? (line 14)",
                "shutdown.drain-timeout: \"soon\" is not a duration; write e.g. 500ms, 5s, 10m, 8h or PT5S (line 15)");
    }
}
