package io.mraedge.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.core.traversal.TraversalProtocol;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge's admin {@code /status}, and certificate reload without dropping connections. */
class EdgeStatusAndReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void statusShowsConnectorsUpWithMutualTlsAndRtt() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            cluster.connector(TestConfigs.connector(pki, cluster.traversalPort()));
            URI status = URI.create("http://127.0.0.1:" + cluster.edgeNode().adminAddress().getPort() + "/status");
            HttpClient http = HttpClient.newHttpClient();
            JsonNode json = Await.value("status with an RTT", WAIT, () -> {
                JsonNode j = get(http, status);
                return j.path("connectors").path(0).path("rttMillis").isNumber() ? j : null;
            });
            assertThat(json.path("role").asText()).isEqualTo("edge");
            JsonNode c = json.path("connectors").path(0);
            assertThat(c.path("name").asText()).isEqualTo("connector-1");
            assertThat(c.path("state").asText()).isEqualTo("UP");
            assertThat(c.path("mtls").asBoolean()).isTrue();
            assertThat(c.path("rttMillis").asDouble()).isGreaterThanOrEqualTo(0.0);
            assertThat(c.path("links")).hasSize(2);
            assertThat(c.path("links").path(0).path("identity").asText()).isEqualTo("connector-1.test");

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(status.resolve("/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void reloadServesTheNewCertificateAndKeepsEstablishedConnections() throws Exception {
        TestPki pki = TestPki.create(dir);
        try (TestCluster cluster = TestCluster.edge(pki)) {
            cluster.connector(TestConfigs.connector(pki, cluster.traversalPort(), "connections-per-edge: 1"));
            TraversalConnection established = cluster.edgeNode().connectors().snapshot().get(0);
            BigInteger oldSerial = servedSerial(pki, cluster);

            pki.issue("edge", LeafSpec.server("edge", "localhost", "127.0.0.1"));
            assertThat(cluster.edgeNode().reloadTls()).isEmpty();

            BigInteger newSerial = servedSerial(pki, cluster);
            assertThat(newSerial).isNotEqualTo(oldSerial);
            assertThat(established.state()).isEqualTo(TraversalConnection.State.UP);
            assertThat(cluster.edgeNode().connectors().snapshot()).contains(established);
            assertThat(EchoClient.roundTrip(cluster.echoPort(), 10_000, 5)).isTrue();

            // A broken file keeps the current certificate and says why.
            java.nio.file.Files.writeString(pki.cert("edge"), "not a certificate");
            assertThat(cluster.edgeNode().reloadTls()).hasSize(1);
            assertThat(servedSerial(pki, cluster)).isEqualTo(newSerial);
        }
    }

    /** Serial of the certificate the traversal port presents to a properly authenticated client. */
    private static BigInteger servedSerial(TestPki pki, TestCluster cluster) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        var issued = pki.ca().issue(LeafSpec.client("connector-1", "connector-1.test"));
        ks.setKeyEntry("k", issued.privateKey(), new char[0], issued.chain());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {TlsContexts.pkixTrustManager(pki.caCert())}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                cluster.traversalPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[] {TraversalProtocol.ALPN_ID});
            s.setSSLParameters(p);
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static JsonNode get(HttpClient http, URI uri) {
        try {
            return new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
