package io.mraedge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConfigProblem;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.http.allowlist.AllowList;
import io.mraedge.http.connector.HttpConnectorConfig;
import io.mraedge.http.connector.VerifierSettings;
import io.mraedge.http.edge.HttpEdgeConfig;
import io.mraedge.http.edge.HttpEdgeConfigParser;
import io.mraedge.http.edge.HttpLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both roles' {@code http:} sections: defaults, derived values, and line-numbered problems. */
class HttpConfigTest {
    static final String EDGE = """
            role: edge
            name: edge-1
            public-name: expe1.example.com
            tls: {certificate: edge.crt, private-key: edge.key}
            traversal:
              ca: ca.crt
              allowed-connectors: [connector-1.example.int]
            """;
    static final String CONNECTOR = """
            role: connector
            name: connector-1
            tls: {certificate: c.crt, private-key: c.key}
            traversal:
              edges:
                - address: edge-inside.example.int
              ca: ca.crt
            """;

    private final ConfigLoader loader = new HttpPlugin().extendConfig(ConfigLoader.standard());

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        for (String f : List.of("edge.crt", "edge.key", "c.crt", "c.key", "ca.crt", "token.key", "users.txt", "trust.pem")) {
            Files.writeString(dir.resolve(f), "dummy\n");
        }
    }

    @Test
    void edgeDefaultsAndDerivedValues() throws Exception {
        EdgeConfig edge = (EdgeConfig) loader.parse(EDGE + """
                http:
                  service-domains: [Example.com, example.net]
                  auth: {token-key-file: token.key}
                """, dir);
        HttpEdgeConfig http = HttpEdgeConfigParser.resolve(
                edge.section("http", HttpEdgeConfigParser.Parsed.class).orElseThrow(), edge.publicName());
        assertThat(http.listenPort()).isEqualTo(8443);
        assertThat(http.serviceDomains()).containsExactly("example.com", "example.net");
        assertThat(http.limits()).isEqualTo(HttpLimits.defaults());
        assertThat(http.auth().credentialsRefreshInterval()).isEqualTo(Duration.ofMinutes(480));
        assertThat(http.auth().cookieDomain()).isEqualTo("example.com");
        assertThat(http.publicInputs().publicName()).isEqualTo("expe1.example.com");
        assertThat(http.publicInputs().httpPort()).isEqualTo(8443);
        assertThat(http.publicInputs().sipTlsPort()).isEqualTo(5061);
        assertThat(http.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void edgeEverythingSet() throws Exception {
        EdgeConfig edge = (EdgeConfig) loader.parse(EDGE + """
                http:
                  listen-port: 9443
                  service-domains: [example.com]
                  limits:
                    max-request-line: 4KiB
                    max-header-size: 8KiB
                    max-header-count: 50
                    max-body-size: 1MiB
                    max-path-segment: 128
                    idle-timeout: 30s
                    h2-max-concurrent-streams: 10
                    h2-stream-window: 256KiB
                  auth:
                    token-key-file: token.key
                    credentials-refresh-interval: 60m
                    cookie-domain: .example.org
                    rate-control: {max-authorizations: 3, period: 10s}
                    control-timeout: 2s
                  edge-config:
                    public-name: mra.example.com
                    sip-tls-port: 5062
                    xmpp-port: 5223
                    http-port: 443
                    turn-servers: [turn.example.com:3478]
                  response-timeout: 20s
                  maintenance-retry-after: 5s
                """, dir);
        HttpEdgeConfig http = HttpEdgeConfigParser.resolve(
                edge.section("http", HttpEdgeConfigParser.Parsed.class).orElseThrow(), edge.publicName());
        assertThat(http.limits()).isEqualTo(new HttpLimits(4096, 8192, 50, 1 << 20, 128, Duration.ofSeconds(30), 10,
                256 * 1024));
        assertThat(http.auth().cookieDomain()).isEqualTo("example.org");
        assertThat(http.auth().maxAuthorizations()).isEqualTo(3);
        assertThat(http.publicInputs().turnServers()).containsExactly("turn.example.com:3478");
        assertThat(http.publicInputs().httpPort()).isEqualTo(443);
    }

    @Test
    void edgeProblemsNameTheKeyAndLine() {
        List<String> problems = problems(EDGE + """
                http:
                  service-domains: [example.com, 10.0.0.1, example.com]
                  limits:
                    max-header-count: 2
                    max-request-lne: 1KiB
                    max-path-segment: 9000
                  auth:
                    credentials-refresh-interval: 0s
                    rate-control: {max-authorizations: 0}
                  edge-config:
                    turn-servers: [turn.example.com]
                """);
        assertThat(problems).contains(
                "http.service-domains: \"10.0.0.1\" is not a DNS name; list domains such as example.com (line 9)",
                "http.service-domains: \"example.com\" is listed twice (line 9)",
                "http.limits.max-header-count: must be between 4 and 10000, got 2 (line 11)",
                "http.limits.max-request-lne: unknown key; did you mean max-request-line? (line 12)",
                "http.limits.max-path-segment: must not exceed max-request-line (8192) (line 13)",
                "http.auth.token-key-file: required key is missing (line 14)",
                "http.auth.rate-control.max-authorizations: must be between 1 and 1000000, got 0 (line 16)",
                "http.edge-config.turn-servers: \"turn.example.com\" is not host:port, e.g. turn.example.com:3478 (line 18)");
        assertThat(problems).anyMatch(p -> p.startsWith("http.auth.credentials-refresh-interval:") && p.endsWith("(line 15)"));
    }

    @Test
    void connectorSection() throws Exception {
        ConnectorConfig c = (ConnectorConfig) loader.parse(CONNECTOR + """
                http:
                  domains:
                    - name: example.com
                      unified-cm:
                        - {host: cucm2.example.int, priority: 2}
                        - {host: CUCM1.example.int, address: 127.0.0.1, port: 18443}
                      tftp:
                        - {host: cucm1.example.int, address: 127.0.0.1, http-port: 16970}
                      im-presence:
                        - {host: imp1.example.int}
                      unity-connection:
                        - {host: cuc1.example.int}
                      sip-route: "<sip:10.0.0.5:5061;transport=tls;lr>"
                  verifier: {type: static, credentials-file: users.txt}
                  credentials: {refresh-interval: 10m, cleanup-interval: 20m}
                  allow-list:
                    default-methods: [GET, HEAD]
                    rules:
                      - {url: "https://files.example.int/pub/", match: prefix}
                      - {url: "https://files.example.int/upload", methods: [PUT]}
                  upstream: {connect-timeout: 1s, trust-store: trust.pem, max-idle-per-origin: 2}
                """, dir);
        HttpConnectorConfig http = c.section("http", HttpConnectorConfig.class).orElseThrow();
        assertThat(http.domains()).hasSize(1);
        assertThat(http.domains().get(0).unifiedCm().get(1).host()).isEqualTo("cucm1.example.int");
        assertThat(http.domains().get(0).unifiedCm().get(1).port()).isEqualTo(18443);
        assertThat(http.domains().get(0).tftp().get(0).httpsPort()).isEqualTo(6972);
        assertThat(http.verifier().kind()).isEqualTo(VerifierSettings.Kind.STATIC);
        assertThat(http.connectAddresses()).containsEntry("cucm1.example.int", "127.0.0.1").hasSize(1);
        assertThat(http.manualRules().get(0).methods()).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(http.manualRules().get(1).methods()).containsExactly("PUT");
        assertThat(http.upstream().verifyOrigin()).isTrue();

        AllowList list = http.allowList();
        assertThat(list.check("GET", "https", "cucm1.example.int", 18443, "/cucm-uds/servers")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("GET", "https", "cucm1.example.int", 18443, "/ccmadmin/")).isEqualTo(AllowList.Verdict.NO_RULE);
        assertThat(list.check("GET", "http", "cucm1.example.int", 16970, "/SPDefault.cnf.xml")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("GET", "https", "cucm1.example.int", 6972, "/SPDefault.cnf.xml")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("POST", "https", "imp1.example.int", 8443, "/cupoauth")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("GET", "https", "cuc1.example.int", 443, "/vmrest/users")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("GET", "https", "files.example.int", 443, "/pub/a")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("GET", "https", "files.example.int", 443, "/upload")).isEqualTo(AllowList.Verdict.METHOD_NOT_ALLOWED);
    }

    @Test
    void connectorProblems() {
        List<String> problems = problems(CONNECTOR + """
                http:
                  domains:
                    - name: example.com
                      tftp: [{host: t.example.int}]
                    - name: example.net
                      unified-cm:
                        - {host: a.example.int, address: 10.0.0.1}
                        - {host: a.example.int, address: 10.0.0.2}
                      sip-route: "sip:x"
                  verifier: {type: static}
                  allow-list:
                    rules:
                      - {url: "ftp://x.example.int/", match: sometimes}
                  upstream: {verify-origin: false, trust-store: trust.pem}
                """);
        assertThat(problems).contains(
                "http.domains[0].unified-cm: each domain needs at least one Unified CM node: get_edge_config's"
                        + " userUdsServer must not be empty (CE endpoints fail on it) (line 10)",
                "http.domains[1].unified-cm[1].address: a.example.int is given two addresses: 10.0.0.1 and 10.0.0.2 (line 15)",
                "http.domains[1].sip-route: write a SIP URI in angle brackets, e.g. <sip:10.0.0.5:5061;transport=tls;lr> (line 16)",
                "http.verifier.credentials-file: required key is missing (line 17)",
                "http.allow-list.rules[0].match: must be exact or prefix, got \"sometimes\" (line 20)",
                "http.upstream.trust-store: is unused while verify-origin is false; remove one of them (line 21)");
    }

    @Test
    void theSampleSectionsParse() throws Exception {
        for (String role : List.of("edge", "connector")) {
            String sample;
            try (var in = HttpPlugin.class.getResourceAsStream("samples/" + role + "-http.yaml")) {
                sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            var config = loader.parse((role.equals("edge") ? EDGE : CONNECTOR) + sample, dir);
            assertThat(config.sections()).as(role).containsKey("http");
        }
    }

    private List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, dir));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

}
