package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import io.mraedge.xmpp.connector.XmppConnectorSection;
import io.mraedge.xmpp.edge.XmppEdgeSection;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's XMPP files (Prosody certificate and config, xmpp: sections) and the SAN check of reused leaves. */
class LabXmppFilesTest {
    @TempDir
    Path dir;

    @Test
    void withProsodyTheFilesCarryXmppAndLoad() throws Exception {
        Path lab = dir.resolve("lab");
        LabFiles files = LabFiles.prepare(lab, Clock.systemUTC(), true);

        assertThat(files.actions()).flatExtracting(LabFileAction::files).contains("prosody/example.com.crt",
                "prosody/example.com.key", "prosody/prosody.cfg.lua");
        assertThat(Files.readString(lab.resolve("prosody/prosody.cfg.lua")))
                .contains("interfaces = { \"127.0.0.1\" }", "c2s_ports = { 15222 }", "VirtualHost \"example.com\"");
        assertThat(sans(lab.resolve("edge.crt"))).contains("example.com", "localhost");
        assertThat(sans(lab.resolve("prosody/example.com.crt"))).contains("example.com");

        EdgeConfig edge = InstalledPlugins.discover().configLoader().loadEdge(files.edgeConfig());
        XmppEdgeSection xmpp = edge.section(XmppEdgeSection.KEY, XmppEdgeSection.class).orElseThrow();
        assertThat(xmpp.client().port()).isEqualTo(5222);
        assertThat(xmpp.clientDirectTls().port()).isEqualTo(5223);
        ConnectorConfig connector = InstalledPlugins.discover().configLoader().loadConnector(files.connectorConfig());
        XmppConnectorSection routes = connector.section(XmppConnectorSection.KEY, XmppConnectorSection.class)
                .orElseThrow();
        assertThat(routes.clientDomains()).containsExactly("example.com");

        LabFiles again = LabFiles.prepare(lab, Clock.systemUTC(), true);
        assertThat(again.actions()).filteredOn(a -> a.files().contains("prosody/example.com.crt"))
                .extracting(LabFileAction::outcome).containsExactly(LabFileAction.Outcome.REUSED);
    }

    @Test
    void withoutProsodyTheConfigFilesHaveNoXmpp() throws Exception {
        LabFiles files = LabFiles.prepare(dir.resolve("lab"), Clock.systemUTC(), false);

        assertThat(Files.readString(files.edgeConfig())).doesNotContain("xmpp:");
        assertThat(Files.readString(files.connectorConfig())).doesNotContain("xmpp:");
        assertThat(dir.resolve("lab/prosody")).doesNotExist();
    }

    @Test
    void anEdgeCertificateOfTheLabCaWithoutThePresenceDomainIsReissued() throws Exception {
        Path lab = dir.resolve("lab");
        LabFiles.prepare(lab, Clock.systemUTC());
        PrivatePki ca = PrivatePki.load(lab.resolve("ca.crt"), lab.resolve("ca.key"), Clock.systemUTC());
        // As a lab from before XMPP made it: same CA, valid, but without example.com.
        ca.issue(LeafSpec.server("mra-edge lab edge", "localhost", "edge.lab.mra-edge.test", "127.0.0.1", "::1"))
                .writePem(lab.resolve("edge.crt"), lab.resolve("edge.key"));

        LabFiles again = LabFiles.prepare(lab, Clock.systemUTC());

        assertThat(again.actions()).filteredOn(a -> a.files().contains("edge.crt")).singleElement()
                .satisfies(a -> {
                    assertThat(a.outcome()).isEqualTo(LabFileAction.Outcome.REPLACED);
                    assertThat(a.toString()).contains("did not name example.com");
                });
        assertThat(sans(lab.resolve("edge.crt"))).contains("example.com");
        // The IPv6 literal in another spelling is the same name: nothing else is replaced.
        assertThat(LabFiles.prepare(lab, Clock.systemUTC()).actions()).extracting(LabFileAction::outcome)
                .containsOnly(LabFileAction.Outcome.REUSED);
    }

    private static java.util.List<String> sans(Path cert) throws Exception {
        try (InputStream in = Files.newInputStream(cert)) {
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return x.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList();
        }
    }
}
