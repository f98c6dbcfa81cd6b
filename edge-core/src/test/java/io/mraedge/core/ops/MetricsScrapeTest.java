package io.mraedge.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} on both roles carries the project's meters with live values. */
class MetricsScrapeTest {
    @TempDir
    Path dir;

    @Test
    void bothRolesExposeTheirMeters() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            ConnectorNode connector = cluster.connector(TestConfigs.connector(pki, cluster.traversalPort()));
            assertThat(EchoClient.roundTrip(cluster.echoPort(), 100_000, 9)).isTrue();

            var response = new AdminHttp(cluster.edgeNode().adminAddress()).send("GET", "/metrics", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            String edge = response.body();
            assertThat(edge)
                    .containsPattern("mra_traversal_connections\\{.*state=\"UP\".*\\} 2\\.0")
                    .containsPattern("mra_traversal_streams_opened_total\\{.*\\} [1-9]")
                    .containsPattern("mra_traversal_bytes_total\\{.*direction=\"in\".*\\} [1-9]")
                    .containsPattern("mra_flows_opened_total\\{.*protocol=\"echo\".*\\} 1\\.0")
                    .containsPattern("mra_tls_handshakes_total\\{.*listener=\"traversal\".*result=\"success\".*\\} 2\\.0")
                    .contains("mra_traversal_ping_rtt_seconds_count")
                    .contains("mra_refusals_total{category=\"traversal-auth-failure\"")
                    .contains("mra_bans_active")
                    .contains("mra_maintenance")
                    .contains("mra_netty_allocator_used")
                    .contains("jvm_memory_used_bytes");

            String conn = new AdminHttp(connector.adminAddress()).send("GET", "/metrics", null).body();
            assertThat(conn)
                    .containsPattern("mra_traversal_links\\{.*state=\"UP\".*\\} 2\\.0")
                    .containsPattern("mra_traversal_streams_opened_total\\{.*role=\"connector\".*\\} [1-9]")
                    .contains("mra_maintenance");
            assertThat(new AdminHttp(connector.adminAddress()).json("/status").path("role").asText())
                    .isEqualTo("connector");
        }
    }
}
