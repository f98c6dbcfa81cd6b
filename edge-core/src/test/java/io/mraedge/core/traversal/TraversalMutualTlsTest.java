package io.mraedge.core.traversal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on the traversal port over real loopback sockets: each kind of wrong peer is
 * refused during the handshake, and the allowed connector keeps working after every refusal.
 */
class TraversalMutualTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki otherCa;
    static TestCluster cluster;
    private ConnectorNode refused;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        otherCa = TestPki.create(dir, "other-");
        pki.issue("intruder", LeafSpec.client("intruder", "intruder.test"));
        cluster = TestCluster.edge(pki);
        cluster.connector(TestConfigs.connector(pki, cluster.traversalPort(), "connections-per-edge: 1"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void allowedConnectorStillServes() throws Exception {
        if (refused != null) {
            refused.close();
        }
        assertThat(cluster.upFrom("connector-1")).isEqualTo(1);
        assertThat(EchoClient.roundTrip(cluster.echoPort(), 10_000, 7)).isTrue();
    }

    @Test
    void connectorWithCertificateFromAnotherCaIsRefused() throws Exception {
        long before = cluster.edgeNode().traversalHandshakeFailures();
        // Its SAN (connector-2.test) is on the list; only the issuer is wrong.
        refused = cluster.connectorNoWait(TestConfigs.connector("connector-2", otherCa, "connector-2", pki,
                cluster.traversalPort(), "localhost", "connections-per-edge: 1"));
        Await.until("the edge to refuse the foreign CA", WAIT,
                () -> cluster.edgeNode().traversalHandshakeFailures() > before);
        assertThat(cluster.upFrom("connector-2")).isZero();
        assertThat(refused.traversal().upCount()).isZero();
    }

    @Test
    void connectorWhoseNameIsNotAllowedIsRefused() throws Exception {
        long before = cluster.edgeNode().traversalHandshakeFailures();
        refused = cluster.connectorNoWait(TestConfigs.connector("intruder", pki, "intruder", pki,
                cluster.traversalPort(), "localhost", "connections-per-edge: 1"));
        Await.until("the edge to refuse intruder.test", WAIT,
                () -> cluster.edgeNode().traversalHandshakeFailures() > before);
        assertThat(cluster.edgeNode().connectors().snapshot())
                .allMatch(c -> c.identity().equals("connector-1.test"));
        assertThat(refused.traversal().upCount()).isZero();
    }

    @Test
    void connectorRefusesAnEdgeCertificateForAnotherHostName() throws Exception {
        refused = cluster.connectorNoWait(TestConfigs.connector("connector-2", pki, "connector-2", pki,
                cluster.traversalPort(), "edge.elsewhere.test", "connections-per-edge: 1"));
        TraversalLink link = refused.traversal().links().get(0);
        Await.until("the connector to refuse the edge's name", WAIT, () -> link.connects() >= 1 && !link.lastError().isEmpty());
        assertThat(link.lastError()).containsIgnoringCase("edge.elsewhere.test");
        assertThat(link.state()).isNotEqualTo(TraversalLink.State.UP);
        assertThat(cluster.upFrom("connector-2")).isZero();
    }

    @Test
    void opensslClientWithoutCertificateIsRefused() throws Exception {
        Path openssl = RealPeer.require("openssl", "openssl");
        long before = cluster.edgeNode().traversalHandshakeFailures();
        Process p = new ProcessBuilder(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + cluster.traversalPort(),
                "-servername", "localhost", "-alpn", TraversalProtocol.ALPN_ID, "-CAfile", pki.caCert().toString(),
                "-verify_return_error", "-ign_eof")
                .redirectErrorStream(true).start();
        // Send an HTTP/2 preface as a client would, then end input; the edge must answer nothing but an alert.
        try {
            p.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            p.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // openssl may have met the alert and exited before we wrote: its output says so
        }
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).as(out).containsIgnoringCase("alert certificate required");
        Await.until("the edge to count the refusal", WAIT, () -> cluster.edgeNode().traversalHandshakeFailures() > before);
    }

    @Test
    void plainTlsClientWithoutCertificateGetsNoTunnel() throws Exception {
        long before = cluster.edgeNode().traversalHandshakeFailures();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {TlsContexts.pkixTrustManager(pki.caCert())}, null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), cluster.traversalPort())) {
            socket.setSoTimeout(10_000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {TraversalProtocol.ALPN_ID});
            socket.setSSLParameters(params);
            // TLS 1.3 lets the client finish its side first; the refusal arrives as an alert on
            // the first read. Either way not one byte of HTTP/2 comes back.
            assertThatThrownBy(() -> {
                socket.startHandshake();
                InputStream in = socket.getInputStream();
                if (in.read() < 0) {
                    throw new IOException("closed without data");
                }
            }).isInstanceOf(IOException.class);
        }
        Await.until("the edge to count the refusal", WAIT, () -> cluster.edgeNode().traversalHandshakeFailures() > before);
        assertThat(cluster.edgeNode().connectors().snapshot()).hasSize(1);
        assertThat(List.of(cluster.edgeNode().connectors().snapshot().get(0).identity())).containsExactly("connector-1.test");
    }
}
