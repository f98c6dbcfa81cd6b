package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.media.ports.PortRange;
import io.mraedge.media.relay.ConnectorMediaConfig;
import io.mraedge.media.relay.EdgeMediaConfig;
import io.mraedge.media.relay.LatchPolicy;
import io.mraedge.sip.media.MediaSection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's call with RTP, as files: the {@code media:} sections (only with Kamailio, valid, with
 * port ranges that never meet on one loopback host), Kamailio's static route for {@code echo},
 * the sipp scenarios and stunnel's config, and the lines the lab prints.
 */
class LabMediaFilesTest {
    @TempDir
    Path dir;

    @Test
    void withKamailioBothFilesGetMediaSectionsThatLoad() throws Exception {
        LabFiles files = LabFiles.prepare(dir.resolve("lab"), Clock.systemUTC(), false, true);
        String edgeYaml = Files.readString(files.edgeConfig());
        String connectorYaml = Files.readString(files.connectorConfig());
        assertThat(edgeYaml).contains("media:\n  # ", "  public-address: 127.0.0.1\n", "  inside-address: 127.0.0.1\n",
                "  outside-ports: 36100-36999\n", "  traversal-ports: 36000-36011\n", "  latch: signalled-ip\n",
                "  setup-timeout: 180s\n",
                "max-streams-per-flow: 32\n", "sdp-max-size: 64KiB\n");
        assertThat(connectorYaml).contains("media:\n  # ", "  address: 127.0.0.2\n", "  ports: 37000-37999\n",
                "  setup-timeout: 180s\n", "ephemeral");

        EdgeConfig edge = InstalledPlugins.discover().configLoader().loadEdge(files.edgeConfig());
        ConnectorConfig connector = InstalledPlugins.discover().configLoader().loadConnector(files.connectorConfig());
        EdgeMediaConfig e = edge.section("media", MediaSection.class).orElseThrow().edge();
        ConnectorMediaConfig c = connector.section("media", MediaSection.class).orElseThrow().connector();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(e.bindAddress()).isEqualTo(loopback);
        assertThat(e.publicAddress()).isEqualTo(loopback);
        assertThat(e.insideAddress()).isEqualTo(loopback);
        assertThat(e.latch()).isEqualTo(LatchPolicy.SIGNALLED_IP);
        assertThat(c.address()).isEqualTo(InetAddress.getByName("127.0.0.2"));
        assertThat(e.setupTimeout()).isEqualTo(java.time.Duration.ofSeconds(180));

        // One host plays every part: the ranges must never meet, and the sipp ports lie below them all.
        List<PortRange> ranges = List.of(e.traversalPorts(), e.outsidePorts(), c.ports());
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                assertThat(overlap(ranges.get(i), ranges.get(j))).as("%s and %s", ranges.get(i), ranges.get(j))
                        .isFalse();
            }
        }
        for (int port : List.of(LabCall.STUNNEL_PORT, LabCall.UAC_SIP_PORT, LabCall.UAC_MEDIA_PORT + 2,
                LabCall.UAS_SIP_PORT, LabCall.UAS_MEDIA_PORT + 2)) {
            assertThat(port).as("a sipp/stunnel port below the media ranges and Linux's ephemeral range")
                    .isLessThan(32768);
        }
    }

    @Test
    void withoutKamailioNoMediaSectionsAndNoCallFiles() throws Exception {
        Path lab = dir.resolve("lab");
        LabFiles files = LabFiles.prepare(lab, Clock.systemUTC(), false, false);
        assertThat(Files.readString(files.edgeConfig())).doesNotContain("media:");
        assertThat(Files.readString(files.connectorConfig())).doesNotContain("media:");
        assertThat(lab.resolve(LabCall.DIR)).doesNotExist();
    }

    @Test
    void kamailioRoutesEchoToTheInsideSippOverUdp() throws Exception {
        Path lab = dir.resolve("lab");
        LabFiles.prepare(lab, Clock.systemUTC(), false, true);
        String cfg = Files.readString(lab.resolve(LabKamailio.CONFIG));
        assertThat(cfg).contains("listen=tcp:127.0.0.1:15060\n", "listen=udp:127.0.0.1:15060\n", "children=1\n",
                "modparam(\"rr\", \"enable_double_rr\", 1)",
                "if ($rU == \"echo\") {", "$du = \"sip:127.0.0.1:15070;transport=udp\";");
        // The registrar is still there, after the static route.
        assertThat(cfg.indexOf("$rU == \"echo\"")).isLessThan(cfg.indexOf("lookup(\"location\")"));
    }

    @Test
    void theCallFilesAreWrittenAndRewrittenOnEveryRun() throws Exception {
        Path lab = dir.resolve("lab");
        LabFiles first = LabFiles.prepare(lab, Clock.systemUTC(), false, true);
        assertThat(first.actions()).anySatisfy(a -> assertThat(a.files()).contains(LabKamailio.CONFIG,
                LabCall.UAC_SCENARIO, LabCall.UAS_SCENARIO, LabCall.STUNNEL_CONFIG));
        assertThat(Files.readString(lab.resolve(LabCall.UAC_SCENARIO))).startsWith("<?xml")
                .contains("INVITE sip:[service]@example.com SIP/2.0", "play_pcap_audio=\"/usr/share/sip-tester/g711a.pcap\"",
                        "<pause milliseconds=\"8100\"/>", "CSeq: 2 BYE");
        assertThat(Files.readString(lab.resolve(LabCall.UAS_SCENARIO))).startsWith("<?xml")
                .contains("[last_Record-Route:]", "m=audio [media_port] RTP/AVP 8", "<recv request=\"BYE\"/>")
                .doesNotContain("SIP/2.0 180");
        String stunnel = Files.readString(lab.resolve(LabCall.STUNNEL_CONFIG));
        assertThat(stunnel).contains("client = yes\n", "accept = 127.0.0.1:15061\n", "connect = 127.0.0.1:5061\n",
                "CAfile = " + lab.toAbsolutePath().resolve("ca.crt") + "\n", "verifyChain = yes\n",
                "checkHost = localhost\n", "foreground = yes\n");

        Files.writeString(lab.resolve(LabCall.STUNNEL_CONFIG), "edited");
        LabFiles second = LabFiles.prepare(lab, Clock.systemUTC(), false, true);
        assertThat(Files.readString(lab.resolve(LabCall.STUNNEL_CONFIG))).isEqualTo(stunnel);
        assertThat(second.actions()).anySatisfy(a -> assertThat(a.outcome()).isEqualTo(LabFileAction.Outcome.REPLACED));
    }

    @Test
    void theLabPrintsTheCallLinesOnlyWithMediaSections() throws Exception {
        LabFiles files = LabFiles.prepare(dir.resolve("lab"), Clock.systemUTC(), false, true);
        String printed = printed(files);
        String d = LabNextSteps.display(files.dir());
        assertThat(printed).contains(
                "    uas           sipp -sf " + d + "/sipp/uas-echo.xml -i 127.0.0.1 -p 15070 -t u1 -mi 127.0.0.1 -mp 15080"
                        + " -rtp_echo -m 1 -nostdin\n",
                "    stunnel       stunnel4 " + d + "/sipp/stunnel.conf\n",
                "    uac           sipp 127.0.0.1:15061 -sf " + d + "/sipp/uac-rtp.xml -s echo -i 127.0.0.1 -p 15071"
                        + " -t t1 -mi 127.0.0.1 -mp 15090 -m 1 -nostdin -timeout 60s -timeout_error\n",
                "    rtp           curl -s http://127.0.0.1:9090/metrics | grep -E"
                        + " '^mra_media_(packets_total\\{.*result=\"forwarded\"|streams_active)'\n");

        // Files from an earlier run without media: sections: the call lines give way to how to get them.
        Path old = dir.resolve("old");
        LabFiles.prepare(old, Clock.systemUTC(), false, false);
        Files.delete(old.resolve(LabConfigFiles.EDGE_FILE));
        Files.delete(old.resolve(LabConfigFiles.CONNECTOR_FILE));
        Files.writeString(old.resolve(LabConfigFiles.EDGE_FILE), LabConfigFiles.EDGE_YAML + LabConfigFiles.EDGE_SIP_YAML);
        Files.writeString(old.resolve(LabConfigFiles.CONNECTOR_FILE),
                LabConfigFiles.CONNECTOR_YAML + LabConfigFiles.CONNECTOR_SIP_YAML);
        LabFiles oldFiles = LabFiles.prepare(old, Clock.systemUTC(), false, true);
        assertThat(printed(oldFiles)).contains("  call with RTP   off: edge.yaml and connector.yaml have no media:")
                .doesNotContain("    uas ");
    }

    private static String printed(LabFiles files) throws Exception {
        EdgeConfig edge = InstalledPlugins.discover().configLoader().loadEdge(files.edgeConfig());
        ConnectorConfig connector = InstalledPlugins.discover().configLoader().loadConnector(files.connectorConfig());
        StringWriter text = new StringWriter();
        LabNextSteps.printRunning(new PrintWriter(text), files, edge, connector,
                new InetSocketAddress("127.0.0.1", LabConfigFiles.ADMIN_PORT), 1, false, Optional.empty(), true);
        return text.toString();
    }

    private static boolean overlap(PortRange a, PortRange b) {
        return a.first() <= b.last() && b.first() <= a.last();
    }
}
