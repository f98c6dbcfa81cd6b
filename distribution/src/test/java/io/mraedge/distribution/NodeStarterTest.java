package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures as the operator reads them: a port held by another process is named. */
class NodeStarterTest {

    @TempDir
    Path dir;

    @Test
    void anAdminPortInUseIsNamedWithItsKeyAndFile() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path file = Files.writeString(dir.resolve("edge.yaml"), """
                    role: edge
                    name: edge-1
                    outside-address: 127.0.0.1
                    tls: {certificate: edge.crt, private-key: edge.key}
                    traversal:
                      listen: 127.0.0.1:0
                      ca: ca.crt
                      allowed-connectors: [connector-1.test]
                    admin:
                      listen: 127.0.0.1:%d
                    """.formatted(port));
            assertThat(pki.cert("edge")).exists();
            InstalledPlugins plugins = InstalledPlugins.discover();
            EdgeConfig config = plugins.configLoader().loadEdge(file);

            assertThatThrownBy(() -> NodeStarter.edge(config, plugins))
                    .isInstanceOf(StartFailedException.class)
                    .hasMessageStartingWith("cannot listen on port " + port + " (admin.listen 127.0.0.1:" + port + " in "
                            + file.toAbsolutePath() + "): ")
                    .hasMessageEndingWith("or change admin.listen")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void theProbeFindsOnlyPortsThatCannotBeBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress busy = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

            Optional<ListenPorts.Refusal> refused = ListenPorts.firstRefused(List.of(
                    new ListenPorts.Listener("traversal.listen", any),
                    new ListenPorts.Listener("admin.listen", busy)));

            assertThat(refused).hasValueSatisfying(r -> {
                assertThat(r.listener().key()).isEqualTo("admin.listen");
                assertThat(r.reason()).isNotBlank();
            });
        }
        assertThat(ListenPorts.firstRefused(List.of(new ListenPorts.Listener("admin.listen",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))))).isEmpty();
    }
}
