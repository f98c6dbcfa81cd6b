package io.mraedge.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lab's call with RTP, written next to Kamailio's config when the lab runs Kamailio: two sipp
 * scenarios and an stunnel config in {@code DIR/sipp/} (rewritten on every run, as the lab owns
 * them), and the three command lines that make the call.
 * <pre>
 *   sipp UAC ─TCP 15061─ stunnel ─TLS 5061─ edge ══ connector ─TCP─ Kamailio ─UDP─ sipp UAS "echo"
 *   (plays g711a.pcap from 15090)                                  (15060)       (15070, -rtp_echo on 15080)
 * </pre>
 * The outside sipp calls {@code echo@example.com}; Kamailio routes {@code echo} statically to the
 * inside sipp ({@link LabKamailio}), which answers and echoes every RTP packet to its sender. Both
 * SDPs are anchored in the media relay (the {@code media:} sections of {@link LabConfigFiles}), so
 * the RTP crosses the edge and the connector both ways, and the edge's {@code /metrics} counts it.
 * Debian's sipp has no TLS, hence stunnel (client mode, verifying the edge certificate with the
 * lab CA). Every port is on 127.0.0.1 and below Linux's ephemeral range (32768-60999).
 */
final class LabCall {
    static final String DIR = "sipp";
    static final String UAC_SCENARIO = DIR + "/uac-rtp.xml";
    static final String UAS_SCENARIO = DIR + "/uas-echo.xml";
    static final String STUNNEL_CONFIG = DIR + "/stunnel.conf";

    /** The number the outside sipp calls; Kamailio routes it to the inside sipp. */
    static final String SERVICE = "echo";
    /** The inside sipp (UAS): SIP over UDP, and its RTP port (sipp also binds this + 2, for video). */
    static final int UAS_SIP_PORT = 15070;
    static final int UAS_MEDIA_PORT = 15080;
    /** stunnel's plain TCP port for the outside sipp, on 127.0.0.1. */
    static final int STUNNEL_PORT = 15061;
    /** The outside sipp (UAC): its SIP port and its RTP port (and this + 2). */
    static final int UAC_SIP_PORT = 15071;
    static final int UAC_MEDIA_PORT = 15090;
    /** What the UAC plays: sipp's G.711 A-law sample, 236 RTP packets over about 7 s. */
    static final String PCAP = "/usr/share/sip-tester/g711a.pcap";
    /** How long the UAC waits after starting the file before its BYE: the file, plus a second for the echoes. */
    static final int PLAY_MILLIS = 8100;

    private LabCall() {
    }

    /** Writes the scenarios and stunnel's config into {@code DIR/sipp/}; returns their names. */
    static List<String> writeFiles(Path labDir) throws IOException {
        Files.createDirectories(labDir.resolve(DIR));
        Files.writeString(labDir.resolve(UAC_SCENARIO), uacScenario(), StandardCharsets.UTF_8);
        Files.writeString(labDir.resolve(UAS_SCENARIO), uasScenario(), StandardCharsets.UTF_8);
        Files.writeString(labDir.resolve(STUNNEL_CONFIG), stunnelConfig(labDir), StandardCharsets.UTF_8);
        return List.of(UAC_SCENARIO, UAS_SCENARIO, STUNNEL_CONFIG);
    }

    /** The inside sipp: answers one call to echo on UDP 127.0.0.1:15070 and echoes RTP on 15080. */
    static String uasCommand(String labDir) {
        return "sipp -sf " + labDir + "/" + UAS_SCENARIO + " -i 127.0.0.1 -p " + UAS_SIP_PORT + " -t u1 -mi 127.0.0.1 -mp "
                + UAS_MEDIA_PORT + " -rtp_echo -m 1 -nostdin";
    }

    /** stunnel in the foreground: TCP 127.0.0.1:15061 in, TLS to the edge's 127.0.0.1:5061 out. */
    static String stunnelCommand(String labDir) {
        return "stunnel4 " + labDir + "/" + STUNNEL_CONFIG;
    }

    /** The outside sipp: one call to echo through stunnel, plays the pcap, hangs up; exit 0 when it all worked. */
    static String uacCommand(String labDir) {
        return "sipp 127.0.0.1:" + STUNNEL_PORT + " -sf " + labDir + "/" + UAC_SCENARIO + " -s " + SERVICE
                + " -i 127.0.0.1 -p " + UAC_SIP_PORT + " -t t1 -mi 127.0.0.1 -mp " + UAC_MEDIA_PORT
                + " -m 1 -nostdin -timeout 60s -timeout_error";
    }

    /** The edge's media counters: forwarded packets each way and the streams open now. */
    static String metricsCommand(String metricsUrl) {
        return "curl -s " + metricsUrl + " | grep -E '^mra_media_(packets_total\\{.*result=\"forwarded\"|streams_active)'";
    }

    static String uacScenario() {
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <!DOCTYPE scenario SYSTEM "sipp.dtd">
                <!-- mra-edge lab: the outside phone. Written by `mra-edge lab` on every run (edits are
                     lost). One call to [service] (echo) through stunnel (127.0.0.1:%1$d, TLS to the
                     edge's 5061): after the 200 it plays %2$s from its media port (-mp) to the
                     address and port of the answer's SDP (the edge's, as the edge rewrote it), waits
                     %3$d ms (the file, about 7 s, and the echoes' way back), and hangs up. ACK and BYE
                     follow the Record-Route set, back through the edge, the connector and Kamailio. -->
                <scenario name="lab-uac-rtp">
                  <send retrans="500">
                    <![CDATA[
                      INVITE sip:[service]@%4$s SIP/2.0
                      Via: SIP/2.0/TLS [local_ip]:[local_port];branch=[branch];rport
                      From: sipp <sip:caller@%4$s>;tag=[pid]SIPpTag09[call_number]
                      To: <sip:[service]@%4$s>
                      Call-ID: [call_id]
                      CSeq: 1 INVITE
                      Contact: <sip:caller@[local_ip]:[local_port];transport=tls>
                      Max-Forwards: 70
                      Content-Type: application/sdp
                      Content-Length: [len]

                      v=0
                      o=caller 53655765 2353687637 IN IP[local_ip_type] [media_ip]
                      s=-
                      c=IN IP[media_ip_type] [media_ip]
                      t=0 0
                      m=audio [auto_media_port] RTP/AVP 8
                      a=rtpmap:8 PCMA/8000

                    ]]>
                  </send>
                  <recv response="100" optional="true"/>
                  <recv response="180" optional="true"/>
                  <recv response="183" optional="true"/>
                  <recv response="200" rtd="true" rrs="true"/>
                  <send>
                    <![CDATA[
                      ACK [next_url] SIP/2.0
                      [routes]
                      Via: SIP/2.0/TLS [local_ip]:[local_port];branch=[branch];rport
                      From: sipp <sip:caller@%4$s>;tag=[pid]SIPpTag09[call_number]
                      To: <sip:[service]@%4$s>[peer_tag_param]
                      Call-ID: [call_id]
                      CSeq: 1 ACK
                      Contact: <sip:caller@[local_ip]:[local_port];transport=tls>
                      Max-Forwards: 70
                      Content-Length: 0

                    ]]>
                  </send>
                  <nop>
                    <action>
                      <exec play_pcap_audio="%2$s"/>
                    </action>
                  </nop>
                  <pause milliseconds="%3$d"/>
                  <send retrans="500">
                    <![CDATA[
                      BYE [next_url] SIP/2.0
                      [routes]
                      Via: SIP/2.0/TLS [local_ip]:[local_port];branch=[branch];rport
                      From: sipp <sip:caller@%4$s>;tag=[pid]SIPpTag09[call_number]
                      To: <sip:[service]@%4$s>[peer_tag_param]
                      Call-ID: [call_id]
                      CSeq: 2 BYE
                      Contact: <sip:caller@[local_ip]:[local_port];transport=tls>
                      Max-Forwards: 70
                      Content-Length: 0

                    ]]>
                  </send>
                  <recv response="200"/>
                </scenario>
                """.formatted(STUNNEL_PORT, PCAP, PLAY_MILLIS, LabKamailio.DOMAIN);
    }

    static String uasScenario() {
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <!DOCTYPE scenario SYSTEM "sipp.dtd">
                <!-- mra-edge lab: the inside phone "echo" behind Kamailio. Written by `mra-edge lab` on
                     every run (edits are lost). Run with -rtp_echo -mp %1$d: answers with its media
                     port, echoes every RTP packet to its sender (the connector's relay), and answers
                     the BYE. The Record-Route set goes back in the responses, so that the caller's ACK
                     and BYE follow Kamailio and the connector. No 180: a proxy may relay a 180 and the
                     200 in either order, and a 180 after the 200 aborts the caller's call. -->
                <scenario name="lab-uas-echo">
                  <recv request="INVITE" crlf="true"/>
                  <send retrans="500">
                    <![CDATA[
                      SIP/2.0 200 OK
                      [last_Via:]
                      [last_From:]
                      [last_To:];tag=[pid]SIPpTag01[call_number]
                      [last_Call-ID:]
                      [last_CSeq:]
                      [last_Record-Route:]
                      Contact: <sip:echo@[local_ip]:[local_port];transport=[transport]>
                      Content-Type: application/sdp
                      Content-Length: [len]

                      v=0
                      o=echo 53655765 2353687637 IN IP[local_ip_type] [media_ip]
                      s=-
                      c=IN IP[media_ip_type] [media_ip]
                      t=0 0
                      m=audio [media_port] RTP/AVP 8
                      a=rtpmap:8 PCMA/8000

                    ]]>
                  </send>
                  <recv request="ACK" rtd="true" crlf="true"/>
                  <recv request="BYE"/>
                  <send>
                    <![CDATA[
                      SIP/2.0 200 OK
                      [last_Via:]
                      [last_From:]
                      [last_To:]
                      [last_Call-ID:]
                      [last_CSeq:]
                      [last_Record-Route:]
                      Contact: <sip:echo@[local_ip]:[local_port];transport=[transport]>
                      Content-Length: 0

                    ]]>
                  </send>
                  <timewait milliseconds="1000"/>
                </scenario>
                """.formatted(UAS_MEDIA_PORT);
    }

    /**
     * stunnel in client mode for the outside sipp: plain TCP on 127.0.0.1:15061, TLS to the
     * edge's 127.0.0.1:5061, the edge certificate verified against the lab CA (chain, and the
     * name localhost, which is also sent as SNI). Absolute path to the CA: the file is rewritten
     * on every run, so it follows the lab directory.
     */
    static String stunnelConfig(Path labDir) {
        return """
                ; mra-edge lab: stunnel for the outside sipp, whose Debian build has no TLS. Written by
                ; `mra-edge lab` on every run (edits are lost). sipp speaks SIP over TCP to
                ; 127.0.0.1:%1$d; stunnel carries it over TLS to the edge's SIP/TLS 127.0.0.1:%2$d and
                ; verifies the edge certificate with the lab CA (chain, and the name localhost).
                ; Run: stunnel4 THIS-FILE (in the foreground; Ctrl-C stops it).
                foreground = yes
                pid =
                debug = notice

                [sip-tls-client]
                client = yes
                accept = 127.0.0.1:%1$d
                connect = 127.0.0.1:%2$d
                sni = localhost
                CAfile = %3$s
                verifyChain = yes
                checkHost = localhost
                sslVersionMin = TLSv1.2
                """.formatted(STUNNEL_PORT, LabConfigFiles.SIP_PORT, labDir.toAbsolutePath().normalize()
                .resolve(LabPki.CA_CERT));
    }
}
