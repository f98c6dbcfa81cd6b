package io.mraedge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeConfigTest {

    @TempDir
    Path dir;

    @Test
    void minimalFileGetsEveryDefault() throws Exception {
        ConfigFixtures.files(dir);

        RoleConfig config = ConfigLoader.standard().parse(ConfigFixtures.EDGE_MINIMAL, dir);

        assertThat(config).isInstanceOf(EdgeConfig.class);
        EdgeConfig edge = (EdgeConfig) config;
        assertThat(edge.role()).isEqualTo(Role.EDGE);
        assertThat(edge.source()).isEqualTo(dir.resolve("<inline>"));
        assertThat(edge.name()).isEqualTo("edge-1");
        assertThat(edge.publicName()).isEqualTo("edge-1");
        assertThat(edge.outsideAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(edge.tls()).isEqualTo(new TlsConfig(dir.resolve("edge.crt"), dir.resolve("edge.key")));

        TraversalServerConfig traversal = edge.traversal();
        assertThat(traversal.listen()).isEqualTo(new InetSocketAddress("0.0.0.0", 7001));
        assertThat(traversal.ca()).isEqualTo(dir.resolve("ca.crt"));
        assertThat(traversal.allowedConnectors()).containsExactly("connector-1.example.int");
        assertThat(traversal.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(traversal.liveness())
                .isEqualTo(new LivenessConfig(Duration.ofSeconds(5), 3, Duration.ofSeconds(20)))
                .isEqualTo(LivenessConfig.defaults());
        assertThat(traversal.flowControl())
                .isEqualTo(new FlowControlConfig(1 << 20, 64 << 20, 10_000))
                .isEqualTo(FlowControlConfig.defaults());

        assertThat(edge.admin().listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 9090));
        assertThat(edge.shutdown().drainTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(edge.sections()).isEmpty();
        assertThat(edge.section("sip", Object.class)).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ConfigFixtures.files(dir);
        String yaml = """
                role: edge
                name: edge-2
                public-name: edge.example.com
                outside-address: 192.0.2.10
                tls:
                  certificate: edge.crt
                  private-key: edge.key
                traversal:
                  listen: "[2001:db8::7]:17001"
                  ca: ca.crt
                  allowed-connectors:
                    - connector-1.example.int
                    - 10.1.2.3
                  handshake-timeout: 3s
                  ping-interval: 500ms
                  ping-misses: 5
                  tcp-user-timeout: 0s
                  stream-window: 65536
                  connection-window: 128 MiB
                  max-concurrent-streams: 50
                admin: {listen: "10.0.0.5:0"}
                shutdown: {drain-timeout: PT2M}
                """;

        EdgeConfig edge = (EdgeConfig) ConfigLoader.standard().parse(yaml, dir);

        assertThat(edge.publicName()).isEqualTo("edge.example.com");
        assertThat(edge.outsideAddress()).isEqualTo(InetAddress.getByName("192.0.2.10"));
        TraversalServerConfig traversal = edge.traversal();
        assertThat(traversal.listen()).isEqualTo(new InetSocketAddress("2001:db8::7", 17001));
        assertThat(traversal.allowedConnectors()).containsExactly("connector-1.example.int", "10.1.2.3");
        assertThat(traversal.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(traversal.liveness()).isEqualTo(new LivenessConfig(Duration.ofMillis(500), 5, Duration.ZERO));
        assertThat(traversal.liveness().silenceLimit()).isEqualTo(Duration.ofMillis(2500));
        assertThat(traversal.flowControl()).isEqualTo(new FlowControlConfig(65536, 128 << 20, 50));
        assertThat(edge.admin().listen()).isEqualTo(new InetSocketAddress("10.0.0.5", 0));
        assertThat(edge.shutdown().drainTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void loadReadsAFileAndResolvesPathsAgainstItsDirectory() throws Exception {
        Path conf = dir.resolve("conf");
        ConfigFixtures.files(conf.resolve("pki"));
        Path file = ConfigFixtures.write(conf.resolve("edge.yaml"), """
                role: edge
                name: edge-1
                tls: {certificate: pki/edge.crt, private-key: pki/edge.key}
                traversal:
                  ca: pki/ca.crt
                  allowed-connectors: [connector-1.example.int]
                """);

        EdgeConfig edge = ConfigLoader.standard().loadEdge(file);

        assertThat(edge.source()).isEqualTo(file.toAbsolutePath());
        assertThat(edge.tls().certificate()).isEqualTo(conf.resolve("pki/edge.crt"));
        assertThat(edge.traversal().ca()).isEqualTo(conf.resolve("pki/ca.crt"));
        assertThat(ConfigLoader.standard().load(file)).isEqualTo(edge);
    }

    @Test
    void recordsAreImmutable() throws Exception {
        ConfigFixtures.files(dir);
        EdgeConfig edge = (EdgeConfig) ConfigLoader.standard().parse(ConfigFixtures.EDGE_MINIMAL, dir);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> edge.traversal().allowedConnectors().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> edge.sections().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
