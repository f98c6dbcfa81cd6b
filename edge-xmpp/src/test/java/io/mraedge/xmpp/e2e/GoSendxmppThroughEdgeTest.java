package io.mraedge.xmpp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.testing.TestPki;
import io.mraedge.xmpp.edge.XmppListenerKind;
import io.mraedge.xmpp.testing.Processes;
import io.mraedge.xmpp.testing.ProsodyServer;
import io.mraedge.xmpp.testing.XmppCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-sendxmpp, a real XMPP client, through the edge to a real Prosody with two presence
 * domains: alice sends to bob, who listens through the edge too, on 5222 (STARTTLS) and 5223
 * (direct TLS). The clients verify the edge certificate against the test CA
 * ({@code SSL_CERT_FILE}), which is why the edge certificate names both domains.
 */
class GoSendxmppThroughEdgeTest {
    private static final List<String> DOMAINS = List.of("example.com", "example.net");
    private static final String PASSWORD = "s3cret-pw";

    @TempDir
    static Path dir;
    static TestPki pki;
    static ProsodyServer prosody;
    static XmppCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        RealPeer.require("go-sendxmpp", "go-sendxmpp");
        pki = TestPki.create(dir);
        XmppCluster.issueEdgeCertificate(pki, DOMAINS);
        prosody = ProsodyServer.start(dir.resolve("prosody"), pki, ProsodyServer.Options.inside(DOMAINS));
        for (String d : DOMAINS) {
            prosody.register("alice", d, PASSWORD);
            prosody.register("bob", d, PASSWORD);
        }
        cluster = XmppCluster.start(pki, "    idle-timeout: 5m\n");
        cluster.connector("connector-1", XmppCluster.connectorSection(pki, prosody, DOMAINS, false));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"example.com, CLIENT", "example.com, CLIENT_DIRECT_TLS", "example.net, CLIENT", "example.net, CLIENT_DIRECT_TLS"})
    void aliceReachesBobThroughTheEdge(String domain, XmppListenerKind kind) throws Exception {
        int port = cluster.port(kind);
        Path bobOut = dir.resolve("bob-" + domain + "-" + kind + ".txt");
        List<String> listen = command("bob@" + domain, port, kind);
        listen.add("-l");
        ProcessBuilder listener = new ProcessBuilder(listen).redirectErrorStream(true).redirectOutput(bobOut.toFile());
        listener.environment().putAll(env());
        Process bob = listener.start();
        bob.getOutputStream().close();
        try {
            String token = "hello-" + kind + "-" + domain + "-" + System.nanoTime();
            // bob is listening once his session is up; until then a message to him is dropped
            // (no offline storage), so send again until one arrives. Each try is a fresh session.
            boolean received = false;
            List<String> outputs = new ArrayList<>();
            for (int attempt = 0; attempt < 20 && !received; attempt++) {
                List<String> send = command("alice@" + domain, port, kind);
                send.add("bob@" + domain);
                Processes.Result sent = Processes.run(send, env(), token + "\n", 60);
                outputs.add(sent.exitCode() + ": " + sent.output());
                assertThat(sent.exitCode()).as("go-sendxmpp alice, output: %s", sent.output()).isZero();
                received = waitFor(bobOut, "alice@" + domain + ": " + token, Duration.ofSeconds(3), bob);
            }
            assertThat(received).as("bob received alice's message; bob: %s; alice: %s; prosody: %s",
                    Files.readString(bobOut), outputs, prosody.output()).isTrue();
        } finally {
            bob.destroy();
            bob.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> command(String jid, int port, XmppListenerKind kind) {
        List<String> c = new ArrayList<>(List.of("go-sendxmpp", "-u", jid, "-p", PASSWORD, "-j", "127.0.0.1:" + port,
                "--timeout", "20"));
        if (kind == XmppListenerKind.CLIENT_DIRECT_TLS) {
            c.add("-t");
        }
        return c;
    }

    /** Go reads extra trust anchors from SSL_CERT_FILE: the clients verify the edge against the test CA. */
    private static Map<String, String> env() {
        return Map.of("SSL_CERT_FILE", pki.caCert().toString(), "HOME", dir.toString());
    }

    private static boolean waitFor(Path file, String text, Duration timeout, Process bob) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            if (!bob.isAlive()) {
                throw new AssertionError("bob's go-sendxmpp exited: " + Files.readString(file));
            }
            Thread.sleep(50);
        }
        return false;
    }
}
