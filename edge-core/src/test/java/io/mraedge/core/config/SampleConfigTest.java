package io.mraedge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample configs shipped in the distribution parse, and the values they show as defaults
 * are the defaults. Their /etc/mra-edge/ paths are moved into a temp dir with dummy files.
 */
class SampleConfigTest {

    // Surefire runs in the module directory.
    private static final Path CONF = Path.of("..", "distribution", "src", "dist", "conf");
    private static final Pattern ETC_FILE = Pattern.compile("/etc/mra-edge/([\\w.-]+)");

    @TempDir
    Path dir;

    @Test
    void edgeSampleParses() throws Exception {
        EdgeConfig edge = (EdgeConfig) ConfigLoader.standard().parse(sample("edge.yaml"), dir);

        assertThat(edge.name()).isEqualTo("edge-1");
        assertThat(edge.publicName()).isEqualTo("edge.example.com");
        assertThat(edge.outsideAddress()).isEqualTo(EdgeConfig.DEFAULT_OUTSIDE_ADDRESS);
        assertThat(edge.tls().certificate()).isEqualTo(dir.resolve("edge.crt"));
        assertThat(edge.traversal().listen()).isEqualTo(TraversalServerConfig.DEFAULT_LISTEN);
        assertThat(edge.traversal().ca()).isEqualTo(dir.resolve("traversal-ca.crt"));
        assertThat(edge.traversal().allowedConnectors())
                .containsExactly("connector-1.example.int", "connector-2.example.int");
        assertThat(edge.traversal().handshakeTimeout()).isEqualTo(TraversalServerConfig.DEFAULT_HANDSHAKE_TIMEOUT);
        assertThat(edge.traversal().liveness()).isEqualTo(LivenessConfig.defaults());
        assertThat(edge.traversal().flowControl()).isEqualTo(FlowControlConfig.defaults());
        assertThat(edge.admin()).isEqualTo(AdminConfig.defaults());
        assertThat(edge.shutdown()).isEqualTo(ShutdownConfig.defaults());
    }

    @Test
    void connectorSampleParses() throws Exception {
        ConnectorConfig connector = (ConnectorConfig) ConfigLoader.standard().parse(sample("connector.yaml"), dir);

        assertThat(connector.name()).isEqualTo("connector-1");
        assertThat(connector.tls().privateKey()).isEqualTo(dir.resolve("connector.key"));
        TraversalClientConfig traversal = connector.traversal();
        assertThat(traversal.edges()).containsExactly(
                new EdgeTarget("edge-1-inside.example.int", 7001, "edge.example.com"),
                new EdgeTarget("edge-2-inside.example.int", 7001, "edge.example.com"));
        assertThat(traversal.ca()).isEqualTo(dir.resolve("edge-ca.crt"));
        assertThat(traversal.connectionsPerEdge()).isEqualTo(TraversalClientConfig.DEFAULT_CONNECTIONS_PER_EDGE);
        assertThat(traversal.backoff()).isEqualTo(BackoffConfig.defaults());
        assertThat(traversal.connectTimeout()).isEqualTo(TraversalClientConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(traversal.statusInterval()).isEqualTo(TraversalClientConfig.DEFAULT_STATUS_INTERVAL);
        assertThat(traversal.liveness()).isEqualTo(LivenessConfig.defaults());
        assertThat(traversal.flowControl()).isEqualTo(FlowControlConfig.defaults());
        assertThat(connector.shutdown()).isEqualTo(ShutdownConfig.defaults());
    }

    @Test
    void defaultsUsedByTheSamplesAreWhatTheRecordsSay() {
        assertThat(AdminConfig.DEFAULT_LISTEN).isEqualTo(new InetSocketAddress("127.0.0.1", 9090));
        assertThat(ShutdownConfig.DEFAULT_DRAIN_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
    }

    /** The sample's text with each /etc/mra-edge/ file created as a dummy in the temp dir. */
    private String sample(String name) throws IOException {
        String text = Files.readString(CONF.resolve(name));
        Matcher files = ETC_FILE.matcher(text);
        while (files.find()) {
            ConfigFixtures.write(dir.resolve(files.group(1)), "dummy\n");
        }
        return text.replace("/etc/mra-edge/", dir + "/");
    }
}
