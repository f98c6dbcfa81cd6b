package io.mraedge.xmpp;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Message relay rate through the edge against straight to Prosody, in one run: alice floods
 * bob with N chat messages, over the edge (client TLS at the edge, traversal stream, connector,
 * TLS to Prosody) and then directly to Prosody's c2s port; each rate is N over the time from
 * the first send to bob's last receipt. Prints both rates and the ratio. Needs Prosody
 * ({@code apt-get install prosody}); everything runs on 127.0.0.1 with free ports.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar:$(cat cp.txt) io.mraedge.xmpp.XmppRelayRateDriver [messages] [rounds]}
 */
public final class XmppRelayRateDriver {
    private static final String DOMAIN = "example.com";
    private static final String PASSWORD = "bench-pw";

    private XmppRelayRateDriver() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("xmpp-relay-bench");
        PrivatePki ca = PrivatePki.create("xmpp bench CA");
        Path caCert = dir.resolve("ca.crt");
        ca.writeCa(caCert, dir.resolve("ca.key"));
        ca.issue(LeafSpec.server("edge", DOMAIN, "localhost", "127.0.0.1")).writePem(dir.resolve("edge.crt"), dir.resolve("edge.key"));
        ca.issue(LeafSpec.client("connector-1", "connector-1.test")).writePem(dir.resolve("c1.crt"), dir.resolve("c1.key"));
        Path certs = Files.createDirectories(dir.resolve("certs"));
        ca.issue(LeafSpec.server(DOMAIN, DOMAIN)).writePem(certs.resolve(DOMAIN + ".crt"), certs.resolve(DOMAIN + ".key"));
        int c2s = freePort();
        Process prosody = startProsody(dir, c2s);
        try {
            register(dir, "alice");
            register(dir, "bob");
            ConfigLoader loader = new XmppPlugin().extendConfig(ConfigLoader.standard());
            Files.writeString(dir.resolve("edge.yaml"), "role: edge\nname: bench-edge\noutside-address: 127.0.0.1\n"
                    + "tls: {certificate: " + dir.resolve("edge.crt") + ", private-key: " + dir.resolve("edge.key") + "}\n"
                    + "traversal: {listen: 127.0.0.1:0, ca: " + caCert + ", allowed-connectors: [connector-1.test]}\n"
                    + "admin: {listen: 127.0.0.1:0}\n"
                    + "xmpp: {client: {port: 0}, client-direct-tls: {enabled: false}}\n");
            try (EdgeNode edge = EdgeNode.start(loader.loadEdge(dir.resolve("edge.yaml")), List.of(new XmppPlugin()))) {
                Files.writeString(dir.resolve("connector.yaml"), "role: connector\nname: connector-1\n"
                        + "tls: {certificate: " + dir.resolve("c1.crt") + ", private-key: " + dir.resolve("c1.key") + "}\n"
                        + "traversal:\n  edges: [{address: '127.0.0.1:" + edge.traversalAddress().getPort()
                        + "', server-name: localhost}]\n  ca: " + caCert + "\n  connections-per-edge: 1\n"
                        + "admin: {listen: 127.0.0.1:0}\n"
                        + "xmpp:\n  domains: [{domain: " + DOMAIN + ", client: ['127.0.0.1:" + c2s + "']}]\n"
                        + "  upstream: {ca: " + caCert + "}\n");
                try (ConnectorNode connector = ConnectorNode.start(loader.loadConnector(dir.resolve("connector.yaml")),
                        List.of(new XmppPlugin()))) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (edge.connectors().upCount() == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    int edgePort = edge.listenerAddress("xmpp-client").getPort();
                    System.out.printf("relay rate, %d chat messages per run, %d rounds%n", messages, rounds);
                    for (int r = 0; r < rounds; r++) {
                        double viaEdge = rate(edgePort, caCert, messages);
                        double direct = rate(c2s, caCert, messages);
                        System.out.printf("round %d: through the edge %.0f msg/s, direct to Prosody %.0f msg/s, ratio %.2f%n",
                                r + 1, viaEdge, direct, viaEdge / direct);
                    }
                }
            }
        } finally {
            prosody.destroy();
            prosody.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Messages per second from alice to bob over {@code port} (edge or Prosody). */
    private static double rate(int port, Path ca, int messages) throws Exception {
        try (BenchXmppClient bob = BenchXmppClient.login("127.0.0.1", port, "bob", DOMAIN, PASSWORD, ca);
             BenchXmppClient alice = BenchXmppClient.login("127.0.0.1", port, "alice", DOMAIN, PASSWORD, ca)) {
            // Wait for bob's presence to be processed: a first message must arrive before timing starts.
            alice.send("<message to='bob@" + DOMAIN + "/bench' type='chat'><body>warm-up</body></message>");
            countMessages(bob.input(), 1);
            byte[] stanza = ("<message to='bob@" + DOMAIN + "/bench' type='chat'><body>relay-rate-benchmark-payload"
                    + "</body></message>").getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < messages; i++) {
                        alice.output().write(stanza);
                    }
                    alice.output().flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "alice");
            sender.start();
            countMessages(bob.input(), messages);
            long nanos = System.nanoTime() - start;
            sender.join();
            return messages / (nanos / 1e9);
        }
    }

    /** Reads until {@code n} closing message tags have arrived. */
    private static void countMessages(InputStream in, int n) throws IOException {
        byte[] tag = "</message>".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[65536];
        int matched = 0;
        int seen = 0;
        while (seen < n) {
            int len = in.read(buf);
            if (len < 0) {
                throw new IOException("bob's stream closed after " + seen + " messages");
            }
            for (int i = 0; i < len; i++) {
                matched = buf[i] == tag[matched] ? matched + 1 : (buf[i] == tag[0] ? 1 : 0);
                if (matched == tag.length) {
                    seen++;
                    matched = 0;
                }
            }
        }
    }

    private static Process startProsody(Path dir, int c2s) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        String config = "pidfile = \"" + dir + "/prosody.pid\"\ndata_path = \"" + dir + "/data\"\nrun_as_root = true\n"
                + "daemonize = false\ninterfaces = { \"127.0.0.1\" }\nc2s_ports = { " + c2s + " }\n"
                + "c2s_direct_tls_ports = { }\nmodules_enabled = { \"roster\"; \"saslauth\"; \"tls\"; \"presence\"; "
                + "\"message\"; \"iq\" }\nmodules_disabled = { \"s2s\"; \"offline\" }\n"
                + "authentication = \"internal_hashed\"\nc2s_require_encryption = true\nstorage = \"internal\"\n"
                + "log = { warn = \"" + dir + "/prosody.log\" }\ncertificates = \"" + dir + "/certs\"\n"
                + "limits = { c2s = { rate = \"1000mb/s\" } }\n"
                + "VirtualHost \"" + DOMAIN + "\"\n  ssl = { certificate = \"" + dir + "/certs/" + DOMAIN
                + ".crt\"; key = \"" + dir + "/certs/" + DOMAIN + ".key\" }\n";
        Files.writeString(dir.resolve("prosody.cfg.lua"), config);
        Process p = new ProcessBuilder("prosody", "--config", dir.resolve("prosody.cfg.lua").toString(), "-F")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prosody.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), c2s)) {
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IOException("prosody did not start: " + Files.readString(dir.resolve("prosody.out")));
    }

    private static void register(Path dir, String user) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("prosodyctl", "--config", dir.resolve("prosody.cfg.lua").toString(), "register",
                user, DOMAIN, PASSWORD).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("prosodyctl register " + user + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
