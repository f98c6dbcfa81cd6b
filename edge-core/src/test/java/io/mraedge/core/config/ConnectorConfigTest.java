package io.mraedge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorConfigTest {

    @TempDir
    Path dir;

    @Test
    void minimalFileGetsEveryDefault() throws Exception {
        ConfigFixtures.files(dir);

        RoleConfig config = ConfigLoader.standard().parse(ConfigFixtures.CONNECTOR_MINIMAL, dir);

        assertThat(config).isInstanceOf(ConnectorConfig.class);
        ConnectorConfig connector = (ConnectorConfig) config;
        assertThat(connector.role()).isEqualTo(Role.CONNECTOR);
        assertThat(connector.name()).isEqualTo("connector-1");
        assertThat(connector.tls())
                .isEqualTo(new TlsConfig(dir.resolve("connector.crt"), dir.resolve("connector.key")));

        TraversalClientConfig traversal = connector.traversal();
        assertThat(traversal.edges())
                .containsExactly(new EdgeTarget("edge-inside.example.int", 7001, "edge-inside.example.int"));
        assertThat(traversal.ca()).isEqualTo(dir.resolve("ca.crt"));
        assertThat(traversal.connectionsPerEdge()).isEqualTo(2);
        assertThat(traversal.backoff())
                .isEqualTo(new BackoffConfig(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60)))
                .isEqualTo(BackoffConfig.defaults());
        assertThat(traversal.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(traversal.statusInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(traversal.liveness()).isEqualTo(LivenessConfig.defaults());
        assertThat(traversal.flowControl()).isEqualTo(FlowControlConfig.defaults());
        assertThat(connector.shutdown()).isEqualTo(ShutdownConfig.defaults());
        assertThat(connector.sections()).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ConfigFixtures.files(dir);
        String yaml = """
                role: connector
                name: connector-2
                tls: {certificate: connector.crt, private-key: connector.key}
                traversal:
                  edges:
                    - address: edge-1-inside.example.int:7101
                      server-name: edge.example.com
                    - address: "[2001:db8::1]:7001"
                      server-name: edge.example.com
                    - address: 10.0.0.3
                  ca: ca.crt
                  connections-per-edge: 4
                  backoff: {base: 250ms, cap: 1m, reset-after: 2m}
                  connect-timeout: 2s
                  status-interval: 1s
                  ping-interval: 2s
                  ping-misses: 2
                  tcp-user-timeout: 8s
                  stream-window: 256KiB
                  connection-window: 1GiB
                  max-concurrent-streams: 100
                shutdown: {drain-timeout: 0s}
                """;

        ConnectorConfig connector = ConfigLoader.standard().loadConnector(ConfigFixtures.write(dir.resolve("c.yaml"), yaml));

        TraversalClientConfig traversal = connector.traversal();
        assertThat(traversal.edges()).containsExactly(
                new EdgeTarget("edge-1-inside.example.int", 7101, "edge.example.com"),
                new EdgeTarget("2001:db8::1", 7001, "edge.example.com"),
                new EdgeTarget("10.0.0.3", 7001, "10.0.0.3"));
        assertThat(traversal.connectionsPerEdge()).isEqualTo(4);
        assertThat(traversal.backoff())
                .isEqualTo(new BackoffConfig(Duration.ofMillis(250), Duration.ofMinutes(1), Duration.ofMinutes(2)));
        assertThat(traversal.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(traversal.statusInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(traversal.liveness()).isEqualTo(new LivenessConfig(Duration.ofSeconds(2), 2, Duration.ofSeconds(8)));
        assertThat(traversal.flowControl()).isEqualTo(new FlowControlConfig(256 << 10, 1 << 30, 100));
        assertThat(connector.shutdown().drainTimeout()).isEqualTo(Duration.ZERO);
    }
}
