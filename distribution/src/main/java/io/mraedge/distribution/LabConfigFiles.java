package io.mraedge.distribution;

import io.mraedge.http.lab.LabHttp;
import io.mraedge.http.lab.LabUcBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The lab's two config files, {@code edge.yaml} and {@code connector.yaml}: both roles on
 * loopback, trusting the lab CA, with file paths relative to the lab directory (the loader
 * resolves them against the file's own directory, so the directory can be moved).
 *
 * <p>They are written only when missing, so an operator's edits survive a re-run of
 * {@code mra-edge lab}; deleting a file brings the default back. When the lab runs Prosody
 * ({@link LabProsody}), new files also get their {@code xmpp:} sections
 * ({@link #EDGE_XMPP_YAML}, {@link #CONNECTOR_XMPP_YAML}); files from an earlier run without
 * them are kept as they are, and the lab says to delete them to get XMPP. The same for SIP
 * with Kamailio ({@link LabKamailio}, {@link #EDGE_SIP_YAML}, {@link #CONNECTOR_SIP_YAML}), which
 * brings the media relay along ({@link #EDGE_MEDIA_YAML}, {@link #CONNECTOR_MEDIA_YAML}).
 */
final class LabConfigFiles {
    static final String EDGE_FILE = "edge.yaml";
    static final String CONNECTOR_FILE = "connector.yaml";

    /** The lab's fixed ports, which the printed hints and the README name. */
    static final int TRAVERSAL_PORT = 7001;
    static final int ADMIN_PORT = 9090;
    /** The edge's XMPP client ports: STARTTLS and direct TLS (XEP-0368). */
    static final int XMPP_CLIENT_PORT = 5222;
    static final int XMPP_DIRECT_TLS_PORT = 5223;
    /** The edge's SIP/TLS client port. */
    static final int SIP_PORT = 5061;

    static final String EDGE_YAML = """
            # mra-edge LAB configuration, edge role. Written by `mra-edge lab`; not for production:
            # everything listens on loopback and the certificates come from the throw-away lab CA
            # in this directory (ca.crt, ca.key).
            # `mra-edge lab` keeps this file on later runs, so edits survive; delete it to get the
            # lab default back. Relative paths are relative to this directory. Every key is
            # explained in conf/edge.yaml of the distribution.
            role: edge
            name: lab-edge
            public-name: localhost
            outside-address: 127.0.0.1

            tls:
              certificate: %1$s
              private-key: %2$s

            # Where the lab connector dials in, with mutual TLS: its certificate must chain to
            # ca.crt and carry a name listed here.
            traversal:
              listen: 127.0.0.1:%4$d
              ca: %3$s
              allowed-connectors:
                - %5$s

            # Status JSON: curl -s http://127.0.0.1:%6$d/status
            admin:
              listen: 127.0.0.1:%6$d
            """.formatted(LabPki.EDGE_CERT, LabPki.EDGE_KEY, LabPki.CA_CERT, TRAVERSAL_PORT, LabPki.CONNECTOR_NAME,
            ADMIN_PORT);

    static final String CONNECTOR_YAML = """
            # mra-edge LAB configuration, connector role. Written by `mra-edge lab`; not for
            # production: it dials the lab edge on loopback and trusts only the throw-away lab CA
            # in this directory (ca.crt).
            # `mra-edge lab` keeps this file on later runs, so edits survive; delete it to get the
            # lab default back. Relative paths are relative to this directory. Every key is
            # explained in conf/connector.yaml of the distribution.
            role: connector
            name: lab-connector

            # The client certificate; its name (%3$s) is on the edge's
            # allowed-connectors.
            tls:
              certificate: %1$s
              private-key: %2$s

            traversal:
              edges:
                # server-name is the name checked in the edge's certificate.
                - address: 127.0.0.1:%5$d
                  server-name: localhost
              ca: %4$s
              connections-per-edge: 2

            # The lab carries no real traffic, so Ctrl-C does not wait long for running streams.
            shutdown:
              drain-timeout: 5s
            """.formatted(LabPki.CONNECTOR_CERT, LabPki.CONNECTOR_KEY, LabPki.CONNECTOR_NAME, LabPki.CA_CERT,
            TRAVERSAL_PORT);

    /** Appended to {@link #EDGE_YAML} when the lab runs Prosody. */
    static final String EDGE_XMPP_YAML = """

            # XMPP (Jabber chat and presence) on outside-address: clients STARTTLS on %1$d, direct
            # TLS on %2$d, with the edge certificate (it names %3$s). Inbound federation is off.
            xmpp:
              client: {enabled: true, port: %1$d}
              client-direct-tls: {enabled: true, port: %2$d}
              server: {enabled: false}
            """.formatted(XMPP_CLIENT_PORT, XMPP_DIRECT_TLS_PORT, LabProsody.DOMAIN);

    /** Appended to {@link #CONNECTOR_YAML} when the lab runs Prosody. */
    static final String CONNECTOR_XMPP_YAML = """

            # XMPP: the presence domain %1$s is served by the lab's Prosody on 127.0.0.1:%2$d
            # (started by `mra-edge lab`, files in prosody/). Its certificate comes from the lab CA
            # and is verified (chain and the name %1$s) after STARTTLS.
            xmpp:
              domains:
                - domain: %1$s
                  client: [127.0.0.1:%2$d]
              upstream:
                tls: starttls
                verify: true
                ca: %3$s
            """.formatted(LabProsody.DOMAIN, LabProsody.C2S_PORT, LabPki.CA_CERT);

    /** Appended to {@link #EDGE_YAML} when the lab runs Kamailio. */
    static final String EDGE_SIP_YAML = """

            # SIP/TLS for phones and soft clients on outside-address:%1$d, with the edge
            # certificate (it names localhost and %2$s). Without this section the edge takes no SIP.
            sip:
              listen-port: %1$d
            """.formatted(SIP_PORT, LabKamailio.DOMAIN);

    /** Appended to {@link #CONNECTOR_YAML} when the lab runs Kamailio. */
    static final String CONNECTOR_SIP_YAML = """

            # SIP: the lab's Kamailio registrar (domain %1$s, open, no authentication) on
            # 127.0.0.1:%2$d over TCP, started by `mra-edge lab` (files in kamailio/).
            sip:
              target: 127.0.0.1:%2$d
              transport: tcp
              inside-listen: 127.0.0.1:0
            """.formatted(LabKamailio.DOMAIN, LabKamailio.PORT);

    /** The edge's media addresses and port ranges: one loopback host plays the edge, the connector and both phones. */
    static final String MEDIA_PUBLIC_ADDRESS = "127.0.0.1";
    static final String MEDIA_EDGE_INSIDE_ADDRESS = "127.0.0.1";
    static final String MEDIA_TRAVERSAL_PORTS = "36000-36011";
    static final String MEDIA_OUTSIDE_PORTS = "36100-36999";
    /** The connector's media address and ports: its own loopback address, see {@link #CONNECTOR_MEDIA_YAML}. */
    static final String MEDIA_CONNECTOR_ADDRESS = "127.0.0.2";
    static final String MEDIA_CONNECTOR_PORTS = "37000-37999";

    /**
     * Appended to {@link #EDGE_YAML} after {@link #EDGE_SIP_YAML} when the lab runs Kamailio: the
     * edge's media relay, every key written out (conf/edge.yaml has the same keys with production
     * values).
     */
    static final String EDGE_MEDIA_YAML = """

            # The media relay for SIP calls: the edge rewrites each call's SDP so that clients send
            # RTP/RTCP to public-address and an outside port, and the connector's relay reaches the
            # edge on traversal-ports of inside-address; RTP then flows client <-> edge <-> connector
            # <-> inside phone. One loopback host plays every part here, so the lab keeps the three
            # port ranges apart: traversal %3$s and outside %4$s on 127.0.0.1, the connector's
            # %6$s on its own address %5$s (see connector.yaml for why). What it relayed:
            #   curl -s http://127.0.0.1:%7$d/metrics | grep mra_media
            media:
              # What SDP toward clients says; outside ports bind on outside-address (127.0.0.1).
              public-address: %1$s
              # The edge's inside address: traversal ports bind here and SDP toward the connector
              # names it. In production, the inside interface; loopback in the lab.
              inside-address: %2$s
              # Ports of the calls' media toward clients, one RTP/RTCP pair per m-line (one port
              # with rtcp-mux). Above the traversal ports, so the two never meet.
              outside-ports: %4$s
              # Ports the connector's relay sends to, shared by all calls as 6 (RTP, RTCP) pairs;
              # a call is found by the probe token its SDP carries. Production firewalls open these
              # from the inside, like the traversal port %8$d.
              traversal-ports: %3$s
              # Who may latch an outside port: the first packet from the IP in the client's SDP
              # (sipp sends from 127.0.0.1, as its SDP says). any-source for clients behind NAT.
              latch: signalled-ip
              # A call whose media stops both ways for this long loses its ports...
              idle-timeout: 60s
              # ...and one that never carried media (still ringing) keeps them this long; BYE and
              # CANCEL free them at once.
              setup-timeout: 180s
              # ICE candidates in SDP toward clients: strip (or rewrite to the edge's).
              candidates: strip
              # Media streams (m-lines) one client connection may hold, all its calls together.
              max-streams-per-flow: 32
              # A larger SDP body is refused with 488.
              sdp-max-size: 64KiB
              # Largest datagram relayed, and datagrams read per recvmmsg call.
              max-datagram: 2048
              recv-batch: 16
            """.formatted(MEDIA_PUBLIC_ADDRESS, MEDIA_EDGE_INSIDE_ADDRESS, MEDIA_TRAVERSAL_PORTS, MEDIA_OUTSIDE_PORTS,
            MEDIA_CONNECTOR_ADDRESS, MEDIA_CONNECTOR_PORTS, ADMIN_PORT, TRAVERSAL_PORT);

    /** Appended to {@link #CONNECTOR_YAML} after {@link #CONNECTOR_SIP_YAML} when the lab runs Kamailio. */
    static final String CONNECTOR_MEDIA_YAML = """

            # The media relay for SIP calls, the connector's half: inside phones (the lab's sipp
            # behind Kamailio) send RTP to address and a port of ports; the connector relays it to
            # the edge's traversal ports (%3$s on 127.0.0.1) and back.
            media:
              # Where inside phones send media, and where the relay's legs toward the edge leave
              # from. %1$s, not 127.0.0.1: each call's leg toward the edge binds an ephemeral
              # port (Linux: 32768-60999) of this address, and on 127.0.0.1 one could land on a port
              # of the edge's ranges (%3$s, %4$s). Linux answers all of 127.0.0.0/8 on lo.
              address: %1$s
              # Ports toward inside phones, one RTP/RTCP pair per m-line; apart from the edge's
              # ranges. An ephemeral leg that holds one of them only makes the relay pick another.
              ports: %2$s
              # A call whose media stops both ways for this long loses its ports...
              idle-timeout: 60s
              # ...and one that never carried media (still ringing) keeps them this long.
              setup-timeout: 180s
              # The relay probes the edge's traversal port until the edge answers (first retry
              # after this, doubling up to 1s), then every keepalive to keep firewalls open.
              probe-interval: 100ms
              keepalive: 10s
              # Media streams (m-lines) one client connection may hold, all its calls together.
              max-streams-per-flow: 32
              # A larger SDP body is refused with 488.
              sdp-max-size: 64KiB
              # Largest datagram relayed, and datagrams read per recvmmsg call.
              max-datagram: 2048
              recv-batch: 16
            """.formatted(MEDIA_CONNECTOR_ADDRESS, MEDIA_CONNECTOR_PORTS, MEDIA_TRAVERSAL_PORTS, MEDIA_OUTSIDE_PORTS);

    /**
     * The edge file's default content, with its {@code xmpp:} section when {@code xmpp}, and
     * always its {@code http:} section ({@link LabHttp#edgeSection()}).
     */
    static String edgeYaml(boolean xmpp) {
        return edgeYaml(xmpp, false);
    }

    /** As {@link #edgeYaml(boolean)}, with the {@code sip:} and {@code media:} sections when {@code sip}. */
    static String edgeYaml(boolean xmpp, boolean sip) {
        return (xmpp ? EDGE_YAML + EDGE_XMPP_YAML : EDGE_YAML) + (sip ? EDGE_SIP_YAML + EDGE_MEDIA_YAML : "")
                + LabHttp.edgeSection();
    }

    /**
     * The connector file's default content, with its {@code xmpp:} section when {@code xmpp},
     * and always its {@code http:} section: the lab UC backend on its default ports.
     */
    static String connectorYaml(boolean xmpp) {
        return connectorYaml(xmpp, false);
    }

    /** As {@link #connectorYaml(boolean)}, with the {@code sip:} and {@code media:} sections when {@code sip}. */
    static String connectorYaml(boolean xmpp, boolean sip) {
        return (xmpp ? CONNECTOR_YAML + CONNECTOR_XMPP_YAML : CONNECTOR_YAML)
                + (sip ? CONNECTOR_SIP_YAML + CONNECTOR_MEDIA_YAML : "")
                + LabHttp.connectorSection(LabPki.CA_CERT, LabUcBackend.DEFAULT_UDS_PORT, LabUcBackend.DEFAULT_TFTP_PORT);
    }

    private LabConfigFiles() {
    }

    /** Writes {@code name} with {@code content} unless it exists; says which happened. */
    static LabFileAction writeIfMissing(Path dir, String name, String content) throws IOException {
        try {
            // CREATE_NEW: a file that appears meanwhile is kept, never overwritten.
            Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return new LabFileAction(LabFileAction.Outcome.CREATED, List.of(name), "lab default");
        } catch (FileAlreadyExistsException e) {
            return new LabFileAction(LabFileAction.Outcome.REUSED, List.of(name), "kept as it is, edits included");
        }
    }
}
