package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call with RTP through the packaged lab, as the README and the lab print it:
 * <pre>
 *   sipp UAC ─TCP 15061─ stunnel ─TLS 5061─ edge ══ connector ─TCP 15060─ Kamailio ─UDP 15070─ sipp UAS
 *   (plays g711a.pcap)                                                    (static route "echo")   (-rtp_echo)
 * </pre>
 * {@code target/mra-edge/bin/mra-edge lab} with Kamailio installed writes the {@code media:}
 * sections, the sipp scenarios and stunnel's config; the test runs the four lines the lab prints
 * under "call with RTP" ({@code sh -c}, each its own process: the inside sipp, stunnel, the
 * outside sipp, then the metrics line) and asserts:
 * <ul>
 *   <li>the outside sipp's call succeeded (INVITE 200, ACK, play, BYE 200: exit 0), and the inside
 *       sipp's too;</li>
 *   <li>the edge's {@code /metrics} counts exactly the file's RTP packets forwarded each way
 *       ({@code mra_media_packets_total{direction="to-inside"|"to-outside",result="forwarded"}}).
 *       Those counters count relayed media only: the connector's probes and keepalives are
 *       answered on the traversal port and never forwarded, so they are not in them. The echo
 *       makes both directions carry the same number; loopback loses nothing;</li>
 *   <li>{@code mra_media_streams_active} is 0 again after the BYE;</li>
 *   <li>the README shows the same command lines (for {@code --dir mra-edge-lab}).</li>
 * </ul>
 * Then SIGTERM: exit 0, and no Kamailio PID is left. Every process the test starts is stopped
 * by its PID (with its children), also on failure.
 *
 * <p>Needs kamailio, sipp (sip-tester), stunnel4 and curl (missing: fails in CI, skipped
 * elsewhere, as {@link RealPeer}) and the lab's fixed loopback ports free.
 */
class LabMediaProcessIT {
    private static final Duration UP_BOUND = Duration.ofSeconds(90);
    private static final Duration STOP_BOUND = Duration.ofSeconds(40);
    /** The UAC plays about 7 s, pauses, hangs up; its own -timeout is 60 s. */
    private static final Duration CALL_BOUND = Duration.ofSeconds(90);
    private static final Path PCAP = Path.of(LabCall.PCAP);
    private static final Path README = Path.of("..", "README.md");

    /** TCP ports the lab and the call take on 127.0.0.1. */
    private static final List<Integer> TCP_PORTS = List.of(LabConfigFiles.TRAVERSAL_PORT, LabConfigFiles.ADMIN_PORT,
            9091, LabConfigFiles.SIP_PORT, LabKamailio.PORT, LabCall.STUNNEL_PORT, LabCall.UAC_SIP_PORT, 8443, 18443,
            16970);
    /** UDP ports the call takes on 127.0.0.1 (sipp binds its media port and that + 2). */
    private static final List<Integer> UDP_PORTS = List.of(LabKamailio.PORT, LabCall.UAS_SIP_PORT,
            LabCall.UAS_MEDIA_PORT, LabCall.UAS_MEDIA_PORT + 2, LabCall.UAC_MEDIA_PORT, LabCall.UAC_MEDIA_PORT + 2);

    private final AdminProbe admin = new AdminProbe(LabConfigFiles.ADMIN_PORT);

    @TempDir
    Path dir;

    @Test
    void aCallThroughTheLabCarriesEveryRtpPacketBothWaysThroughTheRelay() throws Exception {
        RealPeer.require("kamailio", "kamailio");
        RealPeer.require("sipp", "sip-tester");
        RealPeer.require("stunnel4", "stunnel4");
        RealPeer.require("curl", "curl");
        assertThat(PCAP).as("sipp's sample file, from sip-tester").isRegularFile();
        TCP_PORTS.forEach(LabMediaProcessIT::requireFreeTcp);
        UDP_PORTS.forEach(LabMediaProcessIT::requireFreeUdp);
        int rtpPackets = rtpPacketsIn(PCAP);
        assertThat(rtpPackets).as("RTP packets in %s", PCAP).isEqualTo(236);
        Path lab = dir.resolve("lab");

        List<Process> peers = new ArrayList<>();
        try (LauncherProcess process = LauncherProcess.start("lab", "lab", "--dir", lab.toString())) {
            Await.value("a connector UP in " + admin.uri(), UP_BOUND, () -> {
                process.requireAlive("its connector came up");
                JsonNode s = admin.status();
                return s != null && "UP".equals(s.path("connectors").path(0).path("state").asText()) ? s : null;
            });
            // The lines come out one by one: wait for all four.
            Await.value("the lab's call lines", Duration.ofSeconds(10), () -> Stream.of("uas", "stunnel", "uac", "rtp")
                    .allMatch(name -> printed(process, name).isPresent()) ? Boolean.TRUE : null);
            String uas = printed(process, "uas").orElseThrow();
            String stunnel = printed(process, "stunnel").orElseThrow();
            String uac = printed(process, "uac").orElseThrow();
            String rtp = printed(process, "rtp").orElseThrow();
            String labDir = lab.toString();
            assertThat(List.of(uas, stunnel, uac, rtp)).as("the call lines the lab prints").containsExactly(
                    LabCall.uasCommand(labDir), LabCall.stunnelCommand(labDir), LabCall.uacCommand(labDir),
                    LabCall.metricsCommand("http://127.0.0.1:" + LabConfigFiles.ADMIN_PORT + "/metrics"));
            assertThat(Files.readString(README)).as("the README's call lines, for --dir mra-edge-lab").contains(
                    LabCall.uasCommand("mra-edge-lab"), LabCall.stunnelCommand("mra-edge-lab"),
                    LabCall.uacCommand("mra-edge-lab"), LabCall.metricsCommand("http://127.0.0.1:9090/metrics"));
            String before = run(rtp, "metrics-before");
            assertThat(forwarded(before, "to-inside")).as("before the call:%n%s", before).isZero();

            Process uasProcess = start(uas, "uas");
            peers.add(uasProcess);
            Await.until("the inside sipp bound UDP " + LabCall.UAS_SIP_PORT + " and " + LabCall.UAS_MEDIA_PORT,
                    Duration.ofSeconds(20), () -> {
                        requireAlive(uasProcess, "uas");
                        return udpBound(LabCall.UAS_SIP_PORT) && udpBound(LabCall.UAS_MEDIA_PORT);
                    });
            Process stunnelProcess = start(stunnel, "stunnel");
            peers.add(stunnelProcess);
            Await.until("stunnel accepts on 127.0.0.1:" + LabCall.STUNNEL_PORT, Duration.ofSeconds(20), () -> {
                requireAlive(stunnelProcess, "stunnel");
                return tcpAccepts(LabCall.STUNNEL_PORT);
            });

            Process uacProcess = start(uac, "uac");
            peers.add(uacProcess);
            int uacExit = await(uacProcess, "uac", CALL_BOUND);
            assertThat(uacExit).as("outside sipp: INVITE 200, ACK, play, BYE 200 (exit 0)%n%s%n%s",
                    output("uac"), output("uas")).isZero();
            assertThat(await(uasProcess, "uas", Duration.ofSeconds(30))).as("inside sipp: answered and hung up%n%s",
                    output("uas")).isZero();

            // The echoes of the last packets cross before the BYE; wait only for the scrape to see them.
            String after = Await.value("the edge's forwarded RTP both ways", Duration.ofSeconds(10), () -> {
                pause();
                String text = run(rtp, "metrics-after");
                return forwarded(text, "to-inside") >= rtpPackets && forwarded(text, "to-outside") >= rtpPackets
                        ? text : null;
            });
            System.out.printf("RTP in %s: %d; the edge's metrics after the call:%n%s%n", PCAP, rtpPackets, after);
            assertThat(forwarded(after, "to-inside")).as("RTP the edge forwarded to the inside%n%s", after)
                    .isEqualTo(rtpPackets);
            assertThat(forwarded(after, "to-outside")).as("echoed RTP the edge forwarded to the client%n%s", after)
                    .isEqualTo(rtpPackets);
            String idle = Await.value("mra_media_streams_active 0 after the BYE", Duration.ofSeconds(20), () -> {
                pause();
                String text = run(rtp, "metrics-idle");
                return streamsActive(text) == 0 ? text : null;
            });
            assertThat(streamsActive(idle)).isZero();

            long kamailioPid = Long.parseLong(Files.readString(lab.resolve(LabKamailio.PID_FILE)).strip());
            stopAll(peers);
            process.sigterm();
            assertThat(process.awaitExit(STOP_BOUND)).as("exit status after SIGTERM; output:%n%s",
                    process.outputText()).isZero();
            assertThat(process.outputText()).contains("lab: stopped", "Kamailio PID " + kamailioPid + " stopped");
            assertThat(ProcessHandle.of(kamailioPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("Kamailio PID %s is gone after the lab stopped", kamailioPid).isFalse();
        } finally {
            stopAll(peers);
        }
    }

    /** The command after a label of the lab's call block, e.g. {@code "    uas           CMD"}. */
    private static Optional<String> printed(LauncherProcess process, String label) {
        return process.output().stream().map(String::strip).filter(l -> l.startsWith(label + " "))
                .map(l -> l.substring(label.length()).strip()).findFirst();
    }

    /** {@code sh -c LINE} in the background, its output in {@code DIR/NAME.out}. */
    private Process start(String line, String name) throws IOException {
        return new ProcessBuilder("sh", "-c", line).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Runs {@code sh -c LINE} to its end (30 s at most) and returns its output. */
    private String run(String line, String name) {
        try {
            Process p = start(line, name);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                stop(p);
                fail("did not end within 30 s: " + line + "; output: " + output(name));
            }
            return output(name);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Between scrapes: no need to start curl a hundred times a second. */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int await(Process p, String name, Duration bound) throws InterruptedException {
        if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(p);
            fail(name + " did not finish within " + bound.toSeconds() + " s; its output:\n" + output(name));
        }
        return p.exitValue();
    }

    private void requireAlive(Process p, String name) {
        if (!p.isAlive()) {
            fail(name + " exited with status " + p.exitValue() + "; its output:\n" + output(name));
        }
    }

    /** The end of {@code DIR/NAME.out}, for failure messages. */
    private String output(String name) {
        try {
            Path file = dir.resolve(name + ".out");
            String text = Files.exists(file) ? Files.readString(file) : "";
            return "--- " + name + "\n" + (text.length() > 6000 ? text.substring(text.length() - 6000) : text);
        } catch (IOException e) {
            return "(" + name + ": " + e + ")";
        }
    }

    /** Stops each process by its PID, its children first (sh may or may not exec the command): SIGTERM, then SIGKILL. */
    private static void stopAll(List<Process> processes) {
        for (Process p : processes) {
            stop(p);
        }
    }

    private static void stop(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static final Pattern FORWARDED = Pattern.compile(
            "(?m)^mra_media_packets_total\\{([^}]*)\\}\\s+(\\S+)");
    private static final Pattern STREAMS_ACTIVE =
            Pattern.compile("(?m)^mra_media_streams_active(?:\\{[^}]*\\})?\\s+(\\S+)");

    /** The edge's forwarded packets in {@code direction}, summed over series; fails when there is none. */
    static long forwarded(String prometheusText, String direction) {
        Matcher m = FORWARDED.matcher(prometheusText);
        Double sum = null;
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("direction=\"" + direction + "\"") && tags.contains("result=\"forwarded\"")
                    && tags.contains("role=\"edge\"")) {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(m.group(2));
            }
        }
        assertThat(sum).as("mra_media_packets_total forwarded %s in:%n%s", direction, prometheusText).isNotNull();
        return sum.longValue();
    }

    static long streamsActive(String prometheusText) {
        Matcher m = STREAMS_ACTIVE.matcher(prometheusText);
        Double sum = null;
        while (m.find()) {
            sum = (sum == null ? 0 : sum) + Double.parseDouble(m.group(1));
        }
        assertThat(sum).as("mra_media_streams_active in:%n%s", prometheusText).isNotNull();
        return sum.longValue();
    }

    /**
     * The RTP packets in a pcap file (Ethernet, IPv4, UDP; RTP version 2: the payload's first
     * byte 0x80-0xBF), so that the expected count comes from the file the UAC plays.
     */
    static int rtpPacketsIn(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        assertThat(b.getInt(20)).as("link type of %s (Ethernet)", pcap).isEqualTo(1);
        int rtp = 0;
        int at = 24;
        while (at + 16 <= b.limit()) {
            int captured = b.getInt(at + 8);
            int frame = at + 16;
            at = frame + captured;
            if (at > b.limit() || captured < 14 + 20 + 8 + 12) {
                continue;
            }
            int ip = frame + 14;
            boolean ipv4Udp = (b.get(frame + 12) & 0xff) == 0x08 && b.get(frame + 13) == 0x00
                    && (b.get(ip) & 0xf0) == 0x40 && (b.get(ip + 9) & 0xff) == 17;
            if (!ipv4Udp) {
                continue;
            }
            int payload = ip + (b.get(ip) & 0x0f) * 4 + 8;
            if (payload < at && (b.get(payload) & 0xc0) == 0x80) {
                rtp++;
            }
        }
        return rtp;
    }

    private static boolean udpBound(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean tcpAccepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireFreeTcp(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail("TCP port " + port + " on 127.0.0.1 is taken (" + e.getMessage() + "); the lab's call needs "
                    + TCP_PORTS + " (TCP) and " + UDP_PORTS + " (UDP) free. Stop what holds it (ss -ltnp 'sport = :"
                    + port + "')");
        }
    }

    private static void requireFreeUdp(int port) {
        if (udpBound(port)) {
            fail("UDP port " + port + " on 127.0.0.1 is taken; the lab's call needs " + UDP_PORTS
                    + " (UDP) free. Stop what holds it (ss -lunp 'sport = :" + port + "')");
        }
    }
}
