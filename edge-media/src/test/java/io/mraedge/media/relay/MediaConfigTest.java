package io.mraedge.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConfigProblem;
import io.mraedge.core.config.Role;
import io.mraedge.core.config.RoleConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.media.ports.PortRange;
import io.mraedge.media.sdp.CandidatePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code media:} sections of both roles: defaults, every key, and problems that name the key. */
class MediaConfigTest {
    private static final InetAddress OUTSIDE = RelayFixture.address("192.0.2.10");
    private static final ConfigLoader LOADER = ConfigLoader.standard()
            .withSection(Role.EDGE, "media", section -> EdgeMediaConfig.parse(section, OUTSIDE))
            .withSection(Role.CONNECTOR, "media", ConnectorMediaConfig::parse);
    private static final String EDGE = """
            role: edge
            name: edge-1
            tls: {certificate: edge.crt, private-key: edge.key}
            traversal:
              ca: ca.crt
              allowed-connectors: [connector-1.example.int]
            """;
    private static final String CONNECTOR = """
            role: connector
            name: connector-1
            tls: {certificate: connector.crt, private-key: connector.key}
            traversal:
              edges:
                - address: edge-inside.example.int
              ca: ca.crt
            """;

    @TempDir
    Path dir;

    private Path files() throws IOException {
        for (String name : List.of("edge.crt", "edge.key", "connector.crt", "connector.key", "ca.crt")) {
            Files.writeString(dir.resolve(name), "dummy\n");
        }
        return dir;
    }

    private EdgeMediaConfig edge(String media) throws Exception {
        RoleConfig config = LOADER.parse(EDGE + media, files());
        return config.section("media", EdgeMediaConfig.class).orElseThrow();
    }

    private ConnectorMediaConfig connector(String media) throws Exception {
        RoleConfig config = LOADER.parse(CONNECTOR + media, files());
        return config.section("media", ConnectorMediaConfig.class).orElseThrow();
    }

    private List<String> problems(String yaml) throws IOException {
        Path base = files();
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> LOADER.parse(yaml, base));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void edgeDefaults() throws Exception {
        EdgeMediaConfig c = edge("media: {inside-address: 10.0.0.5}\n");
        assertThat(c.bindAddress()).isEqualTo(OUTSIDE);
        assertThat(c.publicAddress()).isEqualTo(OUTSIDE);
        assertThat(c.insideAddress()).isEqualTo(RelayFixture.address("10.0.0.5"));
        assertThat(c.outsidePorts()).isEqualTo(PortRange.of(36002, 59999));
        assertThat(c.traversalPorts()).isEqualTo(PortRange.of(36000, 36011));
        assertThat(c.latch()).isEqualTo(LatchPolicy.SIGNALLED_IP);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxDatagram()).isEqualTo(2048);
        assertThat(c.recvBatch()).isEqualTo(16);
        assertThat(c.candidates()).isEqualTo(CandidatePolicy.STRIP);
    }

    @Test
    void edgeEveryKey() throws Exception {
        EdgeMediaConfig c = edge("""
                media:
                  public-address: 203.0.113.10
                  inside-address: 10.0.0.5
                  outside-ports: 40000-40999
                  traversal-ports: 36000-36003
                  latch: any-source
                  idle-timeout: 90s
                  max-datagram: 1500
                  recv-batch: 32
                  candidates: rewrite
                """);
        assertThat(c.publicAddress()).isEqualTo(RelayFixture.address("203.0.113.10"));
        assertThat(c.outsidePorts()).isEqualTo(PortRange.of(40000, 40999));
        assertThat(c.traversalPorts().pairs()).isEqualTo(2);
        assertThat(c.latch()).isEqualTo(LatchPolicy.ANY_SOURCE);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.maxDatagram()).isEqualTo(1500);
        assertThat(c.recvBatch()).isEqualTo(32);
        assertThat(c.candidates()).isEqualTo(CandidatePolicy.REWRITE);
        assertThat(edge("media: {inside-address: 10.0.0.5, latch: signalled-address}\n").latch())
                .isEqualTo(LatchPolicy.SIGNALLED_ADDRESS);
    }

    @Test
    void edgeProblemsNameTheKey() throws Exception {
        assertThat(problems(EDGE + "media: {}\n")).anyMatch(p -> p.contains("media.inside-address")
                && p.contains("required"));
        assertThat(problems(EDGE + """
                media:
                  inside-address: 10.0.0.5
                  outside-ports: 50000-40000
                  latch: sometimes
                  max-datagram: 10
                  candidates: keep
                  idle-timeout: 0s
                  colour: blue
                """)).anySatisfy(p -> assertThat(p).contains("media.outside-ports").contains("must not be above"))
                .anySatisfy(p -> assertThat(p).contains("media.latch").contains("signalled-ip"))
                .anySatisfy(p -> assertThat(p).contains("media.max-datagram"))
                .anySatisfy(p -> assertThat(p).contains("media.candidates"))
                .anySatisfy(p -> assertThat(p).contains("media.idle-timeout"))
                .anySatisfy(p -> assertThat(p).contains("media.colour").contains("unknown key"));
        // Overlapping ranges are fine (the defaults overlap): on one address the outside skips the
        // traversal ports; only an outside range wholly inside the traversal range is refused.
        assertThat(edge("media: {inside-address: 192.0.2.10, traversal-ports: 36000-36011, "
                + "outside-ports: 36010-40000}\n").outsidePorts()).isEqualTo(PortRange.of(36010, 40000));
        assertThat(problems(EDGE + "media: {inside-address: 192.0.2.10, traversal-ports: 36000-36011, "
                + "outside-ports: 36002-36009}\n")).anyMatch(p -> p.contains("media.outside-ports")
                && p.contains("traversal-ports"));
        assertThat(problems(EDGE + "media: {inside-address: 10.0.0.5, traversal-ports: 36001-36002}\n"))
                .anyMatch(p -> p.contains("media.traversal-ports") && p.contains("pair"));
        assertThat(problems(EDGE + "media: {inside-address: 0.0.0.0}\n"))
                .anyMatch(p -> p.contains("media.inside-address") && p.contains("concrete"));
        assertThat(problems(EDGE + "media: {inside-address: 10.0.0.5, max-datagram: 65507, recv-batch: 1024}\n"))
                .anyMatch(p -> p.contains("media.recv-batch"));
    }

    @Test
    void aWildcardOutsideAddressNeedsAPublicAddress() throws Exception {
        ConfigLoader loader = ConfigLoader.standard().withSection(Role.EDGE, "media",
                section -> EdgeMediaConfig.parse(section, RelayFixture.address("0.0.0.0")));
        Path base = files();
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.parse(EDGE + "media: {inside-address: 10.0.0.5}\n", base));
        assertThat(e.problems()).anyMatch(p -> p.path().equals("media.public-address"));
        RoleConfig ok = loader.parse(EDGE + "media: {inside-address: 10.0.0.5, public-address: 203.0.113.10}\n", base);
        EdgeMediaConfig c = ok.section("media", EdgeMediaConfig.class).orElseThrow();
        assertThat(c.bindAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void connectorDefaultsAndKeys() throws Exception {
        ConnectorMediaConfig c = connector("media: {address: 10.0.0.10}\n");
        assertThat(c.address()).isEqualTo(RelayFixture.address("10.0.0.10"));
        assertThat(c.ports()).isEqualTo(PortRange.of(36002, 59999));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.probeInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.keepalive()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxDatagram()).isEqualTo(2048);
        assertThat(c.recvBatch()).isEqualTo(16);
        ConnectorMediaConfig all = connector("""
                media:
                  address: 10.0.0.10
                  ports: 20000-20999
                  idle-timeout: 2m
                  probe-interval: 50ms
                  keepalive: 5s
                  max-datagram: 1200
                  recv-batch: 8
                """);
        assertThat(all.ports()).isEqualTo(PortRange.of(20000, 20999));
        assertThat(all.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(all.probeInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(all.keepalive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(all.maxDatagram()).isEqualTo(1200);
        assertThat(all.recvBatch()).isEqualTo(8);
    }

    @Test
    void connectorProblemsNameTheKey() throws Exception {
        assertThat(problems(CONNECTOR + "media: {}\n")).anyMatch(p -> p.contains("media.address")
                && p.contains("required"));
        assertThat(problems(CONNECTOR + "media: {address: not-an-ip, ports: 1-x, keepalive: soon}\n"))
                .anySatisfy(p -> assertThat(p).contains("media.address"))
                .anySatisfy(p -> assertThat(p).contains("media.ports"))
                .anySatisfy(p -> assertThat(p).contains("media.keepalive"));
    }

    @Test
    void recordsRefuseWhatTheParsersRefuse() {
        InetAddress any = RelayFixture.address("0.0.0.0");
        assertThatThrownBy(() -> new ConnectorMediaConfig(any, PortRange.of(1000, 2000), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 2048, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EdgeMediaConfig(OUTSIDE, OUTSIDE, OUTSIDE, PortRange.of(1000, 2000),
                PortRange.of(900, 2003), LatchPolicy.ANY_SOURCE, Duration.ofSeconds(1), 2048, 16,
                CandidatePolicy.STRIP)).hasMessageContaining("within");
        assertThatThrownBy(() -> new EdgeMediaConfig(OUTSIDE, OUTSIDE, OUTSIDE, PortRange.of(1000, 2000),
                PortRange.of(3000, 3003), LatchPolicy.ANY_SOURCE, Duration.ofSeconds(1), 10, 16,
                CandidatePolicy.STRIP)).hasMessageContaining("maxDatagram");
    }

    @Test
    void theRelaysRefuseATransportWithoutEpoll() {
        ConnectorMediaConfig c = new ConnectorMediaConfig(RelayFixture.LOOPBACK, PortRange.of(61000, 61010),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 2048, 16);
        try (NetTransport nio = NetTransport.create("media-nio", 1, false)) {
            assertThatThrownBy(() -> ConnectorMediaRelay.start(c, nio, new SimpleMeterRegistry(), System::nanoTime))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("epoll");
            EdgeMediaConfig e = new EdgeMediaConfig(RelayFixture.LOOPBACK, RelayFixture.LOOPBACK, RelayFixture.LOOPBACK,
                    PortRange.of(61100, 61110), PortRange.of(61000, 61003), LatchPolicy.ANY_SOURCE,
                    Duration.ofSeconds(1), 2048, 16, CandidatePolicy.STRIP);
            assertThatThrownBy(() -> EdgeMediaRelay.start(e, nio, new SimpleMeterRegistry(), System::nanoTime))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("epoll");
        }
    }
}
