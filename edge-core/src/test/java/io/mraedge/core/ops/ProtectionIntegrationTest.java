package io.mraedge.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.metrics.MetricNames;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.core.traversal.TraversalProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intrusion protection on a running edge, over real loopback sockets. Sources are other
 * loopback addresses (127.0.0.x), so that the allowed connector on 127.0.0.1 is never involved:
 * failed traversal handshakes ban a source, the ban drops its next connection before any TLS
 * byte, an exempt source is never banned, and the admin API lifts a ban.
 */
class ProtectionIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "s3cret-admin-token";
    private static final InetAddress ATTACKER = address("127.0.0.2");
    private static final InetAddress EXEMPT = address("127.0.0.3");
    private static final InetAddress FLOODER = address("127.0.0.4");
    private static final InetAddress CALM = address("127.0.0.5");

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestCluster cluster;
    static AdminHttp admin;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        Path tokenFile = dir.resolve("admin.token");
        Files.writeString(tokenFile, TOKEN + "\n");
        cluster = TestCluster.edgeWithProtection(pki, """
                protection:
                  connection-rate: {per-second: 5, burst: 5}
                  exemptions: [127.0.0.1/32]
                  categories:
                    traversal-auth-failure: {trigger-level: 3, window: 60s, ban-duration: 15m, exemptions: [127.0.0.3/32]}
                """, tokenFile, "handshake-timeout: 5s");
        cluster.connector(TestConfigs.connector(pki, cluster.traversalPort(), "connections-per-edge: 1"));
        admin = new AdminHttp(cluster.edgeNode().adminAddress());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void failedTraversalHandshakesBanTheSourceAndTheBanDropsBeforeTls() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(attemptCounted(ATTACKER)).as("attempt %d met TLS and was refused", i).isEqualTo("tls-refusal");
        }
        Await.until("the ban", WAIT, () -> cluster.edgeNode().protection().orElseThrow().isBanned(ATTACKER,
                cluster.traversalPort()));

        // Banned: the socket is closed at accept; not one byte (no ServerHello) comes back.
        assertThat(rawConnectionReadsNothing(ATTACKER, cluster.traversalPort())).isTrue();
        assertThat(attemptCounted(ATTACKER)).isEqualTo("dropped-at-accept");

        var bans = admin.json("/bans");
        assertThat(bans).hasSize(1);
        assertThat(bans.get(0).path("address").asText()).isEqualTo("127.0.0.2");
        assertThat(bans.get(0).path("category").asText()).isEqualTo("traversal-auth-failure");
        assertThat(admin.json("/status").path("bans").asInt()).isEqualTo(1);

        // The allowed connector was never affected.
        assertThat(cluster.upFrom("connector-1")).isEqualTo(1);
        assertThat(EchoClient.roundTrip(cluster.echoPort(), 1000, 1)).isTrue();

        // DELETE /bans/{addr} lifts it; the next attempt meets TLS again.
        assertThat(admin.send("DELETE", "/bans/127.0.0.2", TOKEN).statusCode()).isEqualTo(200);
        assertThat(cluster.edgeNode().protection().orElseThrow().isBanned(ATTACKER, cluster.traversalPort())).isFalse();
        assertThat(attemptCounted(ATTACKER)).isEqualTo("tls-refusal");
        assertThat(admin.send("DELETE", "/bans/127.0.0.9", TOKEN).statusCode()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/bans/not-an-ip", TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void writeEndpointsRefuseAMissingOrWrongToken() throws Exception {
        assertThat(admin.send("POST", "/maintenance?enabled=true", null).statusCode()).isEqualTo(401);
        assertThat(admin.send("POST", "/maintenance?enabled=true", "wrong").statusCode()).isEqualTo(401);
        assertThat(admin.send("DELETE", "/bans/127.0.0.2", null).statusCode()).isEqualTo(401);
        assertThat(cluster.edgeNode().maintenance().enabled()).isFalse();
        assertThat(admin.send("GET", "/status", null).statusCode()).as("reads need no token").isEqualTo(200);
        assertThat(admin.send("POST", "/maintenance?enabled=maybe", TOKEN).statusCode()).isEqualTo(400);
        assertThat(admin.send("POST", "/maintenance?enabled=true", TOKEN).statusCode()).isEqualTo(200);
        assertThat(cluster.edgeNode().maintenance().enabled()).isTrue();
        assertThat(admin.send("POST", "/maintenance?enabled=false", TOKEN).statusCode()).isEqualTo(200);
        assertThat(cluster.edgeNode().maintenance().enabled()).isFalse();
    }

    @Test
    void anExemptSourceIsNeverBanned() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(attemptCounted(EXEMPT)).isEqualTo("tls-refusal");
        }
        assertThat(cluster.edgeNode().protection().orElseThrow().isBanned(EXEMPT, cluster.traversalPort())).isFalse();
    }

    @Test
    void connectionRateLimitDropsABurstFromOneSourceButNotItsNeighbour() throws Exception {
        int served = 0;
        int dropped = 0;
        for (int i = 0; i < 20; i++) {
            if (echoes(FLOODER)) {
                served++;
            } else {
                dropped++;
            }
        }
        assertThat(dropped).as("connections over 5/s with burst 5 are dropped").isPositive();
        assertThat(served).as("the burst itself passes").isGreaterThanOrEqualTo(5);
        for (int i = 0; i < 3; i++) {
            assertThat(echoes(CALM)).as("a source under the limit passes").isTrue();
        }
        String metrics = admin.send("GET", "/metrics", null).body();
        assertThat(metrics).containsPattern("mra_accept_drops_total\\{.*listener=\"echo\".*reason=\"rate_limited\".*\\} [1-9]");
    }

    /**
     * Opens a TLS connection from {@code source} with no client certificate and says what the
     * EDGE did with it, from its own counters: "tls-refusal" (a failed traversal handshake was
     * counted) or "dropped-at-accept" (the gate dropped it). The client side's view (an alert, an
     * EOF or a reset, depending on timing) is not reliable enough to tell them apart.
     */
    private static String attemptCounted(InetAddress source) throws Exception {
        long failures = cluster.edgeNode().traversalHandshakeFailures();
        long drops = traversalDrops();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {TlsContexts.pkixTrustManager(pki.caCert())}, null);
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(source, 0));
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), cluster.traversalPort()), 5000);
            plain.setSoTimeout(10_000);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost",
                    cluster.traversalPort(), true)) {
                SSLParameters p = tls.getSSLParameters();
                p.setApplicationProtocols(new String[] {TraversalProtocol.ALPN_ID});
                tls.setSSLParameters(p);
                tls.startHandshake();
                tls.getInputStream().read();
            }
        } catch (IOException expected) {
            // refused one way or the other; the counters say which
        }
        String[] outcome = new String[1];
        Await.until("the edge to count the attempt", WAIT, () -> {
            if (cluster.edgeNode().traversalHandshakeFailures() > failures) {
                outcome[0] = "tls-refusal";
            } else if (traversalDrops() > drops) {
                outcome[0] = "dropped-at-accept";
            }
            return outcome[0] != null;
        });
        return outcome[0];
    }

    private static long traversalDrops() {
        return (long) cluster.edgeNode().metrics().registry().get(MetricNames.ACCEPT_DROPS)
                .tag(MetricNames.TAG_LISTENER, "traversal").tag(MetricNames.TAG_REASON, "banned")
                .functionCounter().count();
    }

    /** Connects from {@code source} and sends nothing: true when the server closes without a byte. */
    private static boolean rawConnectionReadsNothing(InetAddress source, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true; // closed at accept; a reset also means no byte came back
        }
    }

    /** One echo round trip from {@code source}; false when the edge dropped the connection. */
    private static boolean echoes(InetAddress source) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), cluster.echoPort()), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write('x');
            return s.getInputStream().read() == 'x';
        } catch (IOException e) {
            return false; // reset by the dropped connection
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
