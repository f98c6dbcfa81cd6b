package io.mraedge.http.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.http.HttpPlugin;
import io.mraedge.http.auth.CredentialsFile;
import io.mraedge.http.auth.TokenKeys;
import io.mraedge.http.edge.HttpsListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One or more edges and a connector on loopback with the HTTP plugin, in front of an
 * {@link NginxBackend}: two service domains ({@code example.com}, {@code example.net}), the
 * static verifier with users {@code alice/secret} and {@code bob/builder}, and one token key
 * file that every edge shares. Edge {@code i} is {@code expe<i>.example.com}.
 */
public final class HttpCluster implements AutoCloseable {
    public static final String USER = "alice";
    public static final String PASSWORD = "secret";
    /** Protection for tests: no rate limit, loopback exempt from the HTTP categories. */
    public static final String LENIENT_PROTECTION = """
            protection:
              connection-rate: {per-second: 100000, burst: 10000}
              categories:
                traversal-auth-failure: {exemptions: [127.0.0.1/32]}
                http-proxy-auth-failure: {exemptions: [127.0.0.1/32]}
                http-proxy-protocol-violation: {exemptions: [127.0.0.1/32]}
            """;

    private final Path dir;
    private final TestPki pki;
    private final List<EdgeNode> edges = new ArrayList<>();
    private ConnectorNode connector;

    private HttpCluster(Path dir, TestPki pki) {
        this.dir = dir;
        this.pki = pki;
    }

    /** What to start; every string is YAML inserted as given. */
    public static final class Options {
        int edges = 1;
        String protection = LENIENT_PROTECTION;
        String edgeHttp = "";
        String edgeAuth = "{token-key-file: token.key}";
        String connectorHttp = null;
        String upstream = "  upstream: {trust-store: %CA%, response-timeout: 5s, connect-timeout: 2s}\n";
        String verifier = "  verifier: {type: static, credentials-file: users.txt}\n";
        String allowList = "";
        String exampleComExtra = "";
        boolean connector = true;
        Clock clock = Clock.systemUTC();
        Ticker ticker = Ticker.systemTicker();

        public Options edges(int n) {
            edges = n;
            return this;
        }

        /** A whole top-level {@code protection:} block. */
        public Options protection(String yaml) {
            protection = yaml;
            return this;
        }

        /** Extra lines under the edge's {@code http:} (two-space indent). */
        public Options edgeHttp(String yaml) {
            edgeHttp = yaml;
            return this;
        }

        /** The edge's {@code http.auth} mapping, in flow style. */
        public Options edgeAuth(String flowMapping) {
            edgeAuth = flowMapping;
            return this;
        }

        /** Replaces the connector's {@code verifier:} line(s) under {@code http:}. */
        public Options verifier(String yaml) {
            verifier = yaml;
            return this;
        }

        /** Replaces the connector's {@code upstream:} line(s) under {@code http:}. */
        public Options upstream(String yaml) {
            upstream = yaml;
            return this;
        }

        /** Extra lines under the connector's {@code http:}, e.g. an allow-list block. */
        public Options connectorHttp(String yaml) {
            allowList = yaml;
            return this;
        }

        /** Extra node lists under the example.com domain (six-space indent), e.g. unity-connection. */
        public Options exampleComNodes(String yaml) {
            exampleComExtra = yaml;
            return this;
        }

        public Options noConnector() {
            connector = false;
            return this;
        }

        public Options time(Clock clock, Ticker ticker) {
            this.clock = clock;
            this.ticker = ticker;
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    /** Starts everything and waits until the connector is UP on every edge. */
    public static HttpCluster start(Path dir, TestPki pki, NginxBackend nginx, Options o) throws Exception {
        Files.createDirectories(dir);
        HttpCluster cluster = new HttpCluster(dir, pki);
        try {
            cluster.startAll(nginx, o);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(NginxBackend nginx, Options o) throws Exception {
        if (!Files.exists(pki.cert("edge-public"))) {
            pki.issue("edge-public", LeafSpec.server("edge", "expe1.example.com", "expe2.example.com", "localhost",
                    "127.0.0.1"));
        }
        Path keyFile = dir.resolve("token.key");
        if (!Files.exists(keyFile)) {
            TokenKeys.generate(keyFile);
        }
        Path users = dir.resolve("users.txt");
        if (!Files.exists(users)) {
            CredentialsFile.add(users, USER, PASSWORD.toCharArray(), 1000);
            CredentialsFile.add(users, "bob", "builder".toCharArray(), 1000);
        }
        HttpPlugin plugin = new HttpPlugin(o.clock, o.ticker);
        ConfigLoader loader = plugin.extendConfig(ConfigLoader.standard());
        StringBuilder edgeAddresses = new StringBuilder();
        for (int i = 1; i <= o.edges; i++) {
            String yaml = """
                    role: edge
                    name: edge-%1$d
                    public-name: expe%1$d.example.com
                    outside-address: 127.0.0.1
                    tls: {certificate: %2$s, private-key: %3$s}
                    traversal:
                      listen: 127.0.0.1:0
                      ca: %4$s
                      allowed-connectors: [connector-1.test]
                    admin: {listen: 127.0.0.1:0}
                    shutdown: {drain-timeout: 5s}
                    %5$s
                    http:
                      listen-port: 0
                      service-domains: [example.com, example.net]
                      auth: %6$s
                    """.formatted(i, pki.cert("edge-public"), pki.key("edge-public"), pki.caCert(), o.protection,
                    o.edgeAuth)
                    + o.edgeHttp;
            EdgeConfig config = (EdgeConfig) load(loader, "edge-" + i + ".yaml", yaml);
            EdgeNode edge = EdgeNode.start(config, List.<ProtocolPlugin>of(plugin));
            edges.add(edge);
            edgeAddresses.append("    - {address: 127.0.0.1:").append(edge.traversalAddress().getPort())
                    .append(", server-name: localhost}\n");
        }
        if (!o.connector) {
            return;
        }
        String http = """
                http:
                  domains:
                    - name: example.com
                      unified-cm:
                        - {host: cucm1.example.int, address: 127.0.0.1, port: %1$d}
                      tftp:
                        - {host: tftp1.example.int, address: 127.0.0.1, http-port: %2$d, https-port: %3$d}
                      im-presence:
                        - {host: imp1.example.int, address: 127.0.0.1, port: %1$d}
                %4$s    - name: example.net
                      unified-cm:
                        - {host: cucm2.example.net, address: 127.0.0.1, port: %1$d, weight: 10}
                        - {host: cucm1.example.int, address: 127.0.0.1, port: %1$d, priority: 2}
                      sip-route: "<sip:10.0.0.5:5061;transport=tls;lr>"
                """.formatted(nginx.udsPort(), nginx.tftpPort(), nginx.tftpsPort(), o.exampleComExtra)
                + o.verifier + o.upstream.replace("%CA%", pki.caCert().toString()) + o.allowList;
        String yaml = """
                role: connector
                name: connector-1
                tls: {certificate: %s, private-key: %s}
                traversal:
                  edges:
                %s  ca: %s
                  connections-per-edge: 1
                  backoff: {base: 50ms, cap: 500ms, reset-after: 60s}
                admin: {listen: 127.0.0.1:0}
                shutdown: {drain-timeout: 5s}
                """.formatted(pki.cert("connector-1"), pki.key("connector-1"), edgeAddresses, pki.caCert()) + http;
        ConnectorConfig config = (ConnectorConfig) load(loader, "connector-1.yaml", yaml);
        connector = ConnectorNode.start(config, List.<ProtocolPlugin>of(plugin));
        for (EdgeNode edge : edges) {
            Await.until("connector UP on " + edge.config().name(), Duration.ofSeconds(30),
                    () -> edge.connectors().upCount() >= 1);
        }
    }

    private io.mraedge.core.config.RoleConfig load(ConfigLoader loader, String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        try {
            return loader.load(file);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("test config is invalid:\n" + yaml + "\n" + e.getMessage(), e);
        }
    }

    public EdgeNode edge(int i) {
        return edges.get(i - 1);
    }

    public EdgeNode edge() {
        return edge(1);
    }

    public ConnectorNode connector() {
        return connector;
    }

    public int httpsPort(int edge) {
        return edge(edge).listenerAddress(HttpsListener.NAME).getPort();
    }

    /** curl against edge {@code i}, as {@code expe<i>.example.com}. */
    public Curl curl(int i) {
        return new Curl(dir, pki.caCert(), "expe" + i + ".example.com", httpsPort(i));
    }

    public Curl curl() {
        return curl(1);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (connector != null) {
            connector.close();
        }
        edges.forEach(EdgeNode::close);
    }
}
