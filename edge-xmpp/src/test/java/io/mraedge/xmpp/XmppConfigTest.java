package io.mraedge.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.RoleConfig;
import io.mraedge.core.testing.TestPki;
import io.mraedge.xmpp.connector.ImpServer;
import io.mraedge.xmpp.connector.UpstreamSettings;
import io.mraedge.xmpp.connector.XmppConnectorSection;
import io.mraedge.xmpp.edge.XmppEdgeSection;
import io.mraedge.xmpp.edge.XmppLimits;
import io.mraedge.xmpp.testing.XmppCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code xmpp:} sections of both roles, read through the real loader: values, defaults, errors with lines. */
class XmppConfigTest {
    @TempDir
    Path dir;
    TestPki pki;

    @BeforeEach
    void pki() {
        pki = TestPki.create(dir);
    }

    private String edgeBase() {
        return "role: edge\nname: e1\noutside-address: 192.0.2.10\ntls:\n  certificate: " + pki.cert("edge")
                + "\n  private-key: " + pki.key("edge") + "\ntraversal:\n  ca: " + pki.caCert()
                + "\n  allowed-connectors: [c1.test]\n";
    }

    private String connectorBase() {
        return "role: connector\nname: c1\ntls:\n  certificate: " + pki.cert("connector-1")
                + "\n  private-key: " + pki.key("connector-1") + "\ntraversal:\n  edges:\n    - address: edge.example.com:7001\n"
                + "  ca: " + pki.caCert() + "\n";
    }

    private RoleConfig load(String yaml) throws ConfigException {
        return XmppCluster.loader().parse(yaml, dir);
    }

    @Test
    void anEmptyEdgeSectionMeansTheDefaults() throws Exception {
        RoleConfig config = load(edgeBase() + "xmpp: {}\n");
        XmppEdgeSection xmpp = config.section("xmpp", XmppEdgeSection.class).orElseThrow();
        assertThat(xmpp).isEqualTo(XmppEdgeSection.defaults());
        assertThat(xmpp.client().port()).isEqualTo(5222);
        assertThat(xmpp.clientDirectTls().port()).isEqualTo(5223);
        assertThat(xmpp.server().enabled()).as("federation is opt-in").isFalse();
        assertThat(xmpp.server().port()).isEqualTo(5269);
        assertThat(xmpp.limits().maxHeaderSize()).isEqualTo(XmppLimits.DEFAULT_MAX_HEADER_SIZE);
    }

    @Test
    void everyEdgeLimitIsRead() throws Exception {
        RoleConfig config = load(edgeBase() + """
                xmpp:
                  client: {port: 15222}
                  client-direct-tls: {enabled: false}
                  server: {enabled: true, port: 15269}
                  limits:
                    max-header-size: 2KiB
                    max-stanza-size: 1MiB
                    negotiation-timeout: 12s
                    idle-timeout: 3m
                """);
        XmppEdgeSection xmpp = config.section("xmpp", XmppEdgeSection.class).orElseThrow();
        assertThat(xmpp.client().port()).isEqualTo(15222);
        assertThat(xmpp.clientDirectTls().enabled()).isFalse();
        assertThat(xmpp.server().enabled()).isTrue();
        assertThat(xmpp.limits()).isEqualTo(new XmppLimits(2048, 1024 * 1024, Duration.ofSeconds(12), Duration.ofMinutes(3)));
    }

    @Test
    void edgeMistakesAreReportedWithPathAndLine() {
        assertThatThrownBy(() -> load(edgeBase() + """
                xmpp:
                  client: {port: 5269}
                  server: {enabled: true}
                  limits:
                    max-stanza-size: 100
                    max-header-size: 1MiB
                    idle-timout: 3m
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("xmpp.server: port 5269 is already used by xmpp.client")
                .hasMessageContaining("xmpp.limits.max-stanza-size")
                .hasMessageContaining("xmpp.limits.max-header-size")
                .hasMessageContaining("xmpp.limits.idle-timout: unknown key; did you mean idle-timeout?")
                .hasMessageContaining("line 12");
    }

    @Test
    void theConnectorSectionMapsDomainsToServers() throws Exception {
        RoleConfig config = load(connectorBase() + """
                xmpp:
                  domains:
                    - domain: Example.COM
                      client: [imp1.example.int:5222, "[2001:db8::5]:15222"]
                      server: [imp1.example.int]
                    - domain: example.org
                      client: [10.0.0.5]
                      tls-name: cup.example.org
                  upstream:
                    tls: direct-tls
                    verify: false
                """);
        XmppConnectorSection xmpp = config.section("xmpp", XmppConnectorSection.class).orElseThrow();
        assertThat(xmpp.clientDomains()).containsExactly("example.com", "example.org");
        assertThat(xmpp.serverDomains()).containsExactly("example.com");
        assertThat(xmpp.domains().get("example.com").clientServers())
                .containsExactly(new ImpServer("imp1.example.int", 5222), new ImpServer("2001:db8::5", 15222));
        assertThat(xmpp.domains().get("example.com").serverServers()).containsExactly(new ImpServer("imp1.example.int", 5269));
        assertThat(xmpp.domains().get("example.com").tlsName()).isEqualTo("example.com");
        assertThat(xmpp.domains().get("example.org").tlsName()).isEqualTo("cup.example.org");
        assertThat(xmpp.upstream().tls()).isEqualTo(UpstreamSettings.UpstreamTls.DIRECT);
        assertThat(xmpp.upstream().verify()).isFalse();
    }

    @Test
    void connectorMistakesAreReportedWithPathAndLine() {
        assertThatThrownBy(() -> load(connectorBase() + """
                xmpp:
                  domains:
                    - domain: "not a domain"
                      client: [imp1:99999]
                    - domain: example.com
                    - domain: example.com
                      client: [imp1]
                  upstream:
                    tls: sometimes
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("xmpp.domains[0].domain")
                .hasMessageContaining("is not a port")
                .hasMessageContaining("xmpp.domains[1].client: a domain needs client servers")
                .hasMessageContaining("xmpp.upstream.tls: \"sometimes\" is not starttls or direct-tls");
    }

    @Test
    void aConnectorSectionNeedsDomains() {
        assertThatThrownBy(() -> load(connectorBase() + "xmpp:\n  upstream: {verify: true}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("xmpp.domains: required key is missing");
        assertThat(List.of()).isEmpty();
    }
}
