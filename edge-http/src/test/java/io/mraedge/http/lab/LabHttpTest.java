package io.mraedge.http.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import io.mraedge.http.HttpPlugin;
import io.mraedge.http.edge.HttpsListener;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's HTTPS pieces as {@code mra-edge lab} uses them: files made once, both config
 * sections, the sample UC backend, and the printed curl lines, run as printed with the real
 * curl: get_edge_config and one UDS resource through the edge.
 */
class LabHttpTest {
    @TempDir
    Path dir;

    @Test
    void thePrintedCurlLinesWork() throws Exception {
        RealPeer.require("curl", "curl");
        PrivatePki ca = PrivatePki.create("lab test CA");
        ca.writeCa(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        ca.issue(LeafSpec.server("edge", "localhost", "127.0.0.1")).writePem(dir.resolve("edge.crt"), dir.resolve("edge.key"));
        ca.issue(LeafSpec.client("connector", "connector-1.lab.mra-edge.test"))
                .writePem(dir.resolve("connector.crt"), dir.resolve("connector.key"));
        LabUcBackend.issueCertificate(ca, dir.resolve("uc.crt"), dir.resolve("uc.key"));
        assertThat(LabHttp.prepareFiles(dir)).containsExactly(LabHttp.TOKEN_KEY_FILE, LabHttp.CREDENTIALS_FILE);
        assertThat(LabHttp.prepareFiles(dir)).as("kept on a second run").isEmpty();

        try (LabUcBackend backend = LabUcBackend.start(InetAddress.getLoopbackAddress(), 0, 0, dir.resolve("uc.crt"),
                dir.resolve("uc.key"))) {
            String edgeYaml = """
                    role: edge
                    name: lab-edge
                    public-name: localhost
                    outside-address: 127.0.0.1
                    tls: {certificate: edge.crt, private-key: edge.key}
                    traversal: {listen: 127.0.0.1:0, ca: ca.crt, allowed-connectors: [connector-1.lab.mra-edge.test]}
                    admin: {listen: 127.0.0.1:0}
                    """ + LabHttp.edgeSection().replace("listen-port: 8443", "listen-port: 0");
            Files.writeString(dir.resolve("edge.yaml"), edgeYaml);
            HttpPlugin plugin = new HttpPlugin();
            ConfigLoader loader = plugin.extendConfig(ConfigLoader.standard());
            try (EdgeNode edge = EdgeNode.start(loader.loadEdge(dir.resolve("edge.yaml")), List.<ProtocolPlugin>of(plugin))) {
                Files.writeString(dir.resolve("connector.yaml"), """
                        role: connector
                        name: lab-connector
                        tls: {certificate: connector.crt, private-key: connector.key}
                        traversal:
                          edges: [{address: '127.0.0.1:%d', server-name: localhost}]
                          ca: ca.crt
                        admin: {listen: 127.0.0.1:0}
                        """.formatted(edge.traversalAddress().getPort())
                        + LabHttp.connectorSection("ca.crt", backend.udsPort(), backend.tftpPort()));
                try (ConnectorNode connector = ConnectorNode.start(loader.loadConnector(dir.resolve("connector.yaml")),
                        List.<ProtocolPlugin>of(plugin))) {
                    Await.until("the lab connector UP", Duration.ofSeconds(30), () -> edge.connectors().upCount() >= 1);
                    List<String> lines = LabHttp.curlLines("localhost", edge.listenerAddress(HttpsListener.NAME).getPort(),
                            dir.resolve("ca.crt").toString(), backend.udsPort());
                    assertThat(lines).hasSize(2);
                    String config = run(lines.get(0));
                    assertThat(config).startsWith("<getEdgeConfigResponse version=\"1.0\">")
                            .contains("<address>" + LabUcBackend.HOST + "</address>");
                    String devices = run(lines.get(1));
                    assertThat(devices).contains("<name>CSFLABUSER</name>");
                    assertThat(connector).isNotNull();
                }
            }
        }
    }

    /** Runs a printed line as a shell would, with -sS -f added; returns stdout. */
    private static String run(String line) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", line.replaceFirst("^curl ", "curl -sS -f ")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(line + "\n" + err).isZero();
        return out;
    }

    @Test
    void backendAnswers() {
        assertThat(LabUcBackend.content("/cucm-uds/user/alice")).contains("<userName>alice</userName>");
        assertThat(LabUcBackend.content("/cucm-uds/user/a/b")).isNull();
        assertThat(LabUcBackend.content("/SPDefault.cnf.xml")).contains("<fullConfig>true</fullConfig>");
        assertThat(LabUcBackend.content("/other")).isNull();
    }
}
