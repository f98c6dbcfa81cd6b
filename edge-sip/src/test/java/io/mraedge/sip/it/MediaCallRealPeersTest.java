package io.mraedge.sip.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.config.Role;
import io.mraedge.core.testing.Await;
import io.mraedge.sip.SipPlugin;
import io.mraedge.sip.testing.LoopbackCapture;
import io.mraedge.sip.testing.MediaPeers;
import io.mraedge.sip.testing.MediaPeers.Block;
import io.mraedge.sip.testing.MediaSipCluster;
import io.mraedge.sip.testing.PcapFile;
import io.mraedge.sip.testing.PcapFile.Datagram;
import io.mraedge.sip.testing.PeerProcess;
import io.mraedge.sip.testing.SipPeers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One call with RTP end to end, against real peers:
 * <pre>
 *   sipp UAC ──TCP── stunnel ──TLS── edge :sip ══traversal══ connector-1 ──TCP── Kamailio ──UDP── sipp UAS
 *   (plays g711a.pcap)                                                    (static route "echo")  (-rtp_echo)
 * </pre>
 * The UAC calls {@code echo}, Kamailio routes it to the UAS, the UAC plays
 * {@code /usr/share/sip-tester/g711a.pcap} and the UAS echoes every packet to its sender.
 * {@code tcpdump} on {@code lo} records every UDP datagram to or from the media ports and port
 * ranges of the call ({@link LoopbackCapture}; it must report 0 packets dropped by the kernel),
 * and the test counts the RTP in that file: what the UAC sent must be exactly the file's RTP
 * packets, and exactly that many must reach the UAS, be echoed, and reach the UAC (no loss on
 * loopback), byte for byte. The UAS echoing a packet proves sipp read it off its socket; the
 * UAC's sipp never reads its media socket, so "reached the UAC" is "delivered to its port".
 *
 * <p>The RTP must also go through the media relay: the UAS sees only the connector's media
 * address and ports as the source, the UAC only the edge's public address and outside ports, and
 * exactly the same RTP crosses the traversal ports both ways
 * ({@link #rtpGoesThroughTheRelayBothWays}); and the BYE frees the streams
 * ({@link #byeFreesTheMediaStreams}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MediaCallRealPeersTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final Path G711A = Path.of("/usr/share/sip-tester/g711a.pcap");

    // ============================== MEDIA WIRING ==============================
    // The one place that says how the cluster runs media: both files get a `media:` section, so
    // each role's SipPlugin starts its relay and anchors the call's SDP in it.

    /** The plugin each node runs (one instance per node). */
    private static SipPlugin sipPlugin(Role role) {
        return new SipPlugin();
    }

    /** The edge's {@code media:} section (the media relay design, "Edge"). */
    private static String edgeMediaYaml(Layout l) {
        return "media:\n"
                + "  inside-address: " + l.edgeInside().getHostAddress() + "\n"
                + "  public-address: " + l.publicAddress().getHostAddress() + "\n"
                + "  outside-ports: " + l.outsidePorts() + "\n"
                + "  traversal-ports: " + l.traversalPorts() + "\n"
                + "  latch: signalled-ip\n"
                + "  idle-timeout: 30s\n";
    }

    /** The connector's {@code media:} section (the media relay design, "Connector"). */
    private static String connectorMediaYaml(Layout l) {
        return "media:\n"
                + "  address: " + l.connectorAddress().getHostAddress() + "\n"
                + "  ports: " + l.connectorPorts() + "\n";
    }
    // ==========================================================================

    /**
     * Where everything of the call lives. Distinct loopback addresses make "who sent this" plain
     * in the capture: the edge's outside legs on 127.0.0.1 (its outside and public address), its
     * traversal ports on 127.0.0.3, the connector's inside legs on 127.0.0.2; sipp on 127.0.0.1.
     */
    record Layout(InetAddress publicAddress, InetAddress edgeInside, InetAddress connectorAddress, Block outsidePorts,
                  Block traversalPorts, Block connectorPorts, InetSocketAddress uacMedia, InetSocketAddress uasMedia,
                  int uasSipPort) {
        /** BPF for tcpdump: every UDP datagram to or from a media port or port range of the call. */
        String captureFilter() {
            return "udp and (port " + uacMedia.getPort() + " or port " + uasMedia.getPort()
                    + " or portrange " + outsidePorts + " or portrange " + traversalPorts
                    + " or portrange " + connectorPorts + ")";
        }
    }

    /** What one call left behind: the sipp exit codes, the capture, the metrics read mid-call. */
    record Call(int uacExit, int uasExit, String uacTail, String uasTail, List<Datagram> expected,
                List<Datagram> captured, String edgeMetricsDuring, String connectorMetricsDuring) {
    }

    private Path dir;
    private Layout layout;
    private PeerProcess kamailio;
    private MediaSipCluster cluster;
    private SipPeers.Stunnel stunnel;
    private Call call;
    /** Why the call failed, so that every test reports that one call's failure rather than placing another. */
    private Throwable callFailure;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("sip-media-it");
        InetAddress local = InetAddress.getByName("127.0.0.1");
        InetAddress connectorAddress = InetAddress.getByName("127.0.0.2");
        InetAddress edgeInside = InetAddress.getByName("127.0.0.3");
        List<Block> taken = new ArrayList<>();
        Block outside = take(taken, MediaPeers.freeUdpBlock(20, taken, local));
        Block traversal = take(taken, MediaPeers.freeUdpBlock(12, taken, edgeInside));
        Block connectorPorts = take(taken, MediaPeers.freeUdpBlock(20, taken, connectorAddress));
        // sipp binds the media port and the port + 2; + 1 and + 3 are kept free for RTCP.
        Block uac = take(taken, MediaPeers.freeUdpBlock(4, taken, local));
        Block uas = take(taken, MediaPeers.freeUdpBlock(4, taken, local));
        int uasSip = MediaPeers.freeTcpAndUdpPort();
        layout = new Layout(local, edgeInside, connectorAddress, outside, traversal, connectorPorts,
                new InetSocketAddress(local, uac.first()), new InetSocketAddress(local, uas.first()), uasSip);

        int kamailioPort = MediaPeers.freeTcpAndUdpPort();
        kamailio = MediaPeers.kamailio(dir, kamailioPort, uasSip);
        cluster = MediaSipCluster.builder(dir)
                .plugins(MediaCallRealPeersTest::sipPlugin)
                .edgeYaml(edgeMediaYaml(layout))
                .start();
        cluster.connector("connector-1", kamailioPort, connectorMediaYaml(layout));
        stunnel = SipPeers.stunnel(dir, cluster.sipPort());
        System.out.printf("media call layout: %s; kamailio %s on %d; files in %s%n", layout, kamailio,
                kamailioPort, dir);
    }

    private static Block take(List<Block> taken, Block block) {
        taken.add(block);
        return block;
    }

    @AfterAll
    void stop() {
        // Each peer is stopped by PID, whatever happened to the others.
        List<AutoCloseable> peers = new ArrayList<>();
        peers.add(stunnel);
        peers.add(cluster);
        peers.add(kamailio);
        for (AutoCloseable peer : peers) {
            if (peer != null) {
                try {
                    peer.close();
                } catch (Exception e) {
                    System.out.println("stopping " + peer + ": " + e);
                }
            }
        }
    }

    /**
     * The call, made once (by whichever test comes first): capture on, UAS up, UAC plays the file
     * and hangs up; the edge's and the connector's metrics are read while the UAS receives RTP.
     */
    private synchronized Call call() throws Exception {
        if (call == null && callFailure == null) {
            try {
                call = placeCall();
            } catch (Exception | AssertionError e) {
                callFailure = e;
            }
        }
        if (callFailure != null) {
            throw new AssertionError("the call failed: " + callFailure.getMessage(), callFailure);
        }
        return call;
    }

    private Call placeCall() throws Exception {
        List<Datagram> expected = PcapFile.udp(G711A).stream().filter(Datagram::isRtp).toList();
        assertThat(expected).as("RTP packets in " + G711A).isNotEmpty();
        long fileMillis = (expected.get(expected.size() - 1).timeMicros() - expected.get(0).timeMicros()) / 1000;
        // The UAC pauses for the file's duration and one more second for the last echoes, then sends BYE.
        long playMillis = fileMillis + 1000;

        try (LoopbackCapture capture = LoopbackCapture.start(dir, "media-call", layout.captureFilter());
             MediaPeers.Sipp uas = MediaPeers.uas(dir, layout.uasSipPort(), layout.uasMedia().getPort());
             MediaPeers.Sipp uac = MediaPeers.uac(dir, "127.0.0.1:" + stunnel.port(), "echo",
                     layout.uacMedia().getPort(), playMillis)) {
            // Mid-call: the UAS has been receiving RTP for a while.
            String edgeDuring;
            String connectorDuring;
            try {
                Await.until("the UAS receives RTP (tcpdump sees 25 packets to " + layout.uasMedia() + ")", T, () -> {
                    if (!uac.process().isAlive()) {
                        throw new AssertionError("sipp UAC ended before any RTP reached the UAS (exit "
                                + uac.process().exitValue() + "):\n" + uac.tail() + "\n" + uas.tail());
                    }
                    return count(read(capture), d -> d.isRtp() && d.destination().equals(layout.uasMedia())) >= 25;
                });
                edgeDuring = cluster.edgeMetrics();
                connectorDuring = cluster.connectorMetrics("connector-1");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\ntcpdump: " + capture.logText(), e);
            }
            int uacExit = uac.await(Duration.ofMillis(playMillis).plus(Duration.ofSeconds(60)));
            int uasExit = uas.await(Duration.ofSeconds(30));
            List<Datagram> captured = capture.stop();
            System.out.printf("media call: tcpdump %s%n", capture.logText().replace('\n', ' '));
            return new Call(uacExit, uasExit, uac.tail(), uas.tail(), expected, captured, edgeDuring, connectorDuring);
        }
    }

    /** The capture so far (tcpdump writes each packet as it comes; a record cut off at the end is skipped). */
    private static List<Datagram> read(LoopbackCapture capture) {
        try {
            return Files.exists(capture.file()) && Files.size(capture.file()) >= 24 ? PcapFile.udp(capture.file())
                    : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static long count(List<Datagram> datagrams, Predicate<Datagram> which) {
        return datagrams.stream().filter(which).count();
    }

    private static List<Datagram> rtp(List<Datagram> datagrams, Predicate<Datagram> which) {
        return datagrams.stream().filter(Datagram::isRtp).filter(which).toList();
    }

    private static List<String> payloads(List<Datagram> datagrams) {
        return datagrams.stream().map(d -> java.util.HexFormat.of().formatHex(d.payload())).toList();
    }

    private static Set<InetSocketAddress> sources(List<Datagram> datagrams) {
        Set<InetSocketAddress> s = new LinkedHashSet<>();
        datagrams.forEach(d -> s.add(d.source()));
        return s;
    }

    private static Set<InetSocketAddress> destinations(List<Datagram> datagrams) {
        Set<InetSocketAddress> s = new LinkedHashSet<>();
        datagrams.forEach(d -> s.add(d.destination()));
        return s;
    }

    /** The four counts of the call, each end's view. */
    private record Ends(List<Datagram> uacSent, List<Datagram> uasReceived, List<Datagram> uasEchoed,
                        List<Datagram> uacReceived) {
    }

    private Ends ends(Call c) {
        List<Datagram> all = c.captured();
        return new Ends(rtp(all, d -> d.source().equals(layout.uacMedia())),
                rtp(all, d -> d.destination().equals(layout.uasMedia())),
                rtp(all, d -> d.source().equals(layout.uasMedia())),
                rtp(all, d -> d.destination().equals(layout.uacMedia())));
    }

    @Test
    @Order(1)
    void everyRtpPacketTheUacPlaysReachesTheUasAndComesBackEchoed() throws Exception {
        Call c = call();
        assertThat(c.uacExit()).as("sipp UAC: INVITE 200, ACK, play, BYE 200\n%s", c.uacTail()).isZero();
        assertThat(c.uasExit()).as("sipp UAS: the call answered and hung up\n%s", c.uasTail()).isZero();
        Ends e = ends(c);
        int n = c.expected().size();
        System.out.printf("RTP: g711a.pcap %d; UAC sent %d (to %s); UAS received %d (from %s); UAS echoed %d (to %s);"
                        + " UAC received %d (from %s)%n", n, e.uacSent().size(), destinations(e.uacSent()),
                e.uasReceived().size(), sources(e.uasReceived()), e.uasEchoed().size(), destinations(e.uasEchoed()),
                e.uacReceived().size(), sources(e.uacReceived()));

        assertThat(e.uacSent()).as("RTP the UAC sent from %s", layout.uacMedia()).hasSize(n);
        assertThat(payloads(e.uacSent())).as("the UAC plays the file's RTP as it is").isEqualTo(payloads(c.expected()));
        assertThat(e.uasReceived()).as("RTP delivered to the UAS at %s", layout.uasMedia()).hasSize(n);
        assertThat(payloads(e.uasReceived())).as("what reached the UAS is what the UAC sent, in order")
                .isEqualTo(payloads(e.uacSent()));
        assertThat(e.uasEchoed()).as("RTP the UAS echoed (it read each packet off its socket)").hasSize(n);
        assertThat(e.uacReceived()).as("echoed RTP delivered to the UAC at %s", layout.uacMedia()).hasSize(n);
        assertThat(payloads(e.uacReceived())).as("what reached the UAC is what the UAS echoed, in order")
                .isEqualTo(payloads(e.uasEchoed()));
    }

    @Test
    @Order(2)
    void rtpGoesThroughTheRelayBothWays() throws Exception {
        Call c = call();
        Ends e = ends(c);
        int n = c.expected().size();
        String wiring = "(RTP went " + sources(e.uasReceived()) + " -> "
                + layout.uasMedia() + " and " + sources(e.uacReceived()) + " -> " + layout.uacMedia() + ")";
        assertThat(count(c.captured(), d -> d.isRtp()
                && (d.source().equals(layout.uacMedia()) && d.destination().equals(layout.uasMedia())
                || d.source().equals(layout.uasMedia()) && d.destination().equals(layout.uacMedia()))))
                .as("RTP straight between the UAC and the UAS, past the relay " + wiring).isZero();

        // Toward the inside: UAC -> edge outside port -> traversal -> connector inside port -> UAS.
        assertThat(e.uacSent()).as("UAC sent " + wiring).hasSize(n)
                .allSatisfy(d -> assertThat(onEdgeOutside(d.destination()))
                        .as("the UAC sends to the edge's public address and an outside port, not %s", d.destination())
                        .isTrue());
        assertThat(e.uasReceived()).as("UAS received " + wiring).hasSize(n)
                .allSatisfy(d -> assertThat(onConnector(d.source()))
                        .as("the UAS receives from the connector's media address and ports, not %s", d.source())
                        .isTrue());
        // Toward the client: UAS -> connector inside port -> traversal -> edge outside port -> UAC.
        assertThat(e.uasEchoed()).as("UAS echoed " + wiring).hasSize(n)
                .allSatisfy(d -> assertThat(onConnector(d.destination()))
                        .as("the UAS echoes to the connector, not %s", d.destination()).isTrue());
        assertThat(e.uacReceived()).as("UAC received " + wiring).hasSize(n)
                .allSatisfy(d -> assertThat(onEdgeOutside(d.source()))
                        .as("the UAC receives from the edge's public address and an outside port, not %s",
                                d.source()).isTrue());

        // The traversal legs carry exactly the call's RTP each way (probes and keepalives are not RTP).
        List<Datagram> edgeToConnector = rtp(c.captured(), d -> onTraversal(d.source()));
        List<Datagram> connectorToEdge = rtp(c.captured(), d -> onTraversal(d.destination()));
        System.out.printf("RTP on the traversal ports: edge -> connector %d (%s), connector -> edge %d (%s)%n",
                edgeToConnector.size(), destinations(edgeToConnector), connectorToEdge.size(),
                sources(connectorToEdge));
        assertThat(payloads(edgeToConnector)).as("edge -> connector on %s:%s", layout.edgeInside().getHostAddress(),
                layout.traversalPorts()).isEqualTo(payloads(e.uacSent()));
        assertThat(payloads(connectorToEdge)).as("connector -> edge on %s:%s", layout.edgeInside().getHostAddress(),
                layout.traversalPorts()).isEqualTo(payloads(e.uasEchoed()));
    }

    @Test
    @Order(3)
    void byeFreesTheMediaStreams() throws Exception {
        Call c = call();
        assertThat(c.uacExit()).as("the call ended with BYE and its 200\n%s", c.uacTail()).isZero();
        assertMediaStreamsActive("mid-call", c.edgeMetricsDuring(), 1, c.connectorMetricsDuring());
        assertEdgeMediaStreamsActiveAfterTheCall(0);
    }

    /**
     * The hook for the relay's counters: the edge's {@code GET /metrics} must say
     * {@code mra_media_streams_active} (the gauge {@code mra.media.streams.active}, summed over its
     * series) is {@code expected} once the call is over, within {@link #T}.
     */
    private void assertEdgeMediaStreamsActiveAfterTheCall(long expected) throws Exception {
        Await.until("edge mra_media_streams_active == " + expected + " after the BYE", T, () -> {
            try {
                String text = cluster.edgeMetrics();
                Double active = streamsActive(text);
                if (active == null) {
                    throw new AssertionError("the edge's /metrics has no mra_media_streams_active");
                }
                return active == expected;
            } catch (java.io.IOException | InterruptedException ex) {
                throw new AssertionError(ex);
            }
        });
        System.out.printf("after the call: edge mra_media_streams_active=%s, connector-1 %s%n",
                streamsActive(cluster.edgeMetrics()), streamsActive(cluster.connectorMetrics("connector-1")));
    }

    private static void assertMediaStreamsActive(String when, String edgeText, long expected, String connectorText) {
        Double active = streamsActive(edgeText);
        assertThat(active).as("edge mra_media_streams_active %s (connector-1 says %s)", when,
                streamsActive(connectorText)).isNotNull();
        assertThat(active.longValue()).as("edge mra_media_streams_active %s: one audio m-line", when)
                .isEqualTo(expected);
    }

    private static final Pattern STREAMS_ACTIVE =
            Pattern.compile("(?m)^mra_media_streams_active(?:\\{[^}]*\\})?\\s+(\\S+)");

    /** The sum of every {@code mra_media_streams_active} series in Prometheus text, or null when there is none. */
    static Double streamsActive(String prometheusText) {
        Matcher m = STREAMS_ACTIVE.matcher(prometheusText);
        Double sum = null;
        while (m.find()) {
            sum = (sum == null ? 0 : sum) + Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private boolean onEdgeOutside(InetSocketAddress a) {
        return a.getAddress().equals(layout.publicAddress()) && layout.outsidePorts().contains(a.getPort());
    }

    private boolean onConnector(InetSocketAddress a) {
        return a.getAddress().equals(layout.connectorAddress()) && layout.connectorPorts().contains(a.getPort());
    }

    private boolean onTraversal(InetSocketAddress a) {
        return a.getAddress().equals(layout.edgeInside()) && layout.traversalPorts().contains(a.getPort());
    }
}
