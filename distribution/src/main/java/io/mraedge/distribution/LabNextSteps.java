package io.mraedge.distribution;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.traversal.TraversalLink;
import io.mraedge.http.lab.LabHttp;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code mra-edge lab} prints for the operator: the running lab and what to try next, or,
 * when the connector does not come up, the state of each of its links.
 */
final class LabNextSteps {

    private LabNextSteps() {
    }

    /** The block printed once the connector is UP. */
    static void printRunning(PrintWriter out, LabFiles files, EdgeConfig edge, ConnectorConfig connector,
                             InetSocketAddress admin, long upAfterMillis, boolean xmpp,
                             Optional<Integer> udsPort) {
        printRunning(out, files, edge, connector, admin, upAfterMillis, xmpp, udsPort, false);
    }

    /**
     * As above; with {@code sip}, also the REGISTER through the edge's SIP/TLS 5061, and the call
     * with RTP when both files have their {@code media:} sections.
     */
    static void printRunning(PrintWriter out, LabFiles files, EdgeConfig edge, ConnectorConfig connector,
                             InetSocketAddress admin, long upAfterMillis, boolean xmpp,
                             Optional<Integer> udsPort, boolean sip) {
        out.println();
        out.printf("lab: connector %s UP after %d ms (from starting the edge to %d links UP)%n", connector.name(),
                upAfterMillis, connector.traversal().connectionsPerEdge());
        out.println();
        out.println("What to try next:");
        out.println("  edge status     curl -s " + statusUrl(admin));
        out.println("  status page     " + statusUrl(admin).replace("/status", "/") + "  (a browser; no JavaScript)");
        out.println("  metrics         curl -s " + statusUrl(admin).replace("/status", "/metrics"));
        out.println("  maintenance     " + launcher() + " maintenance on   (and off; " + launcher() + " status)");
        out.println("  lab files       " + display(files.dir()) + "/  (CA, certificates, "
                + LabConfigFiles.EDGE_FILE + ", " + LabConfigFiles.CONNECTOR_FILE + ")");
        out.println("  check a config  " + launcher() + " check-config " + display(files.edgeConfig()));
        if (xmpp) {
            printChat(out, files);
        }
        udsPort.ifPresent(port -> printHttps(out, files, port));
        if (sip) {
            printSip(out, files);
            if (hasMedia(edge, connector)) {
                printCall(out, files, admin);
            } else {
                out.println("  call with RTP   off: " + LabConfigFiles.EDGE_FILE + " and " + LabConfigFiles.CONNECTOR_FILE
                        + " have no media: sections (files from an earlier run); delete both and run the lab again");
            }
        }
        out.println("  Ctrl-C stops the lab (connector first, then edge " + edge.name() + ").");
        out.println();
        out.flush();
    }

    /**
     * The chat lines: go-sendxmpp through the edge's 5222 (STARTTLS) as bob (listening) and
     * alice (sending). Go reads the lab CA from {@code SSL_CERT_FILE}; the edge certificate
     * names the presence domain, which is what go-sendxmpp checks.
     */
    static void printChat(PrintWriter out, LabFiles files) {
        String env = "SSL_CERT_FILE=" + display(files.dir().resolve(LabPki.CA_CERT)) + " ";
        out.println("  chat (XMPP)     through the edge on 127.0.0.1:" + LabConfigFiles.XMPP_CLIENT_PORT
                + " (STARTTLS) or :" + LabConfigFiles.XMPP_DIRECT_TLS_PORT + " (direct TLS, add -t), Prosody behind it;"
                + " in two terminals:");
        out.println("    bob listens   " + env + sendxmpp("bob") + " -l");
        out.println("    alice sends   echo hi | " + env + sendxmpp("alice") + " bob@" + LabProsody.DOMAIN);
        out.println("    direct TLS    echo hi | " + env + sendxmpp("alice").replace(":" + LabConfigFiles.XMPP_CLIENT_PORT,
                ":" + LabConfigFiles.XMPP_DIRECT_TLS_PORT) + " -t bob@" + LabProsody.DOMAIN);
    }

    /** The curl lines for HTTPS 8443: get_edge_config, then one UDS resource through the edge. */
    static void printHttps(PrintWriter out, LabFiles files, int udsPort) {
        List<String> lines = LabHttp.curlLines("localhost", LabHttp.EDGE_PORT,
                display(files.dir().resolve(LabPki.CA_CERT)), udsPort);
        out.println("  HTTPS (8443)    as " + LabHttp.USER + " through the edge, the lab UC backend behind it:");
        out.println("    get_edge_config  " + lines.get(0));
        out.println("    UDS devices      " + lines.get(1));
    }

    /**
     * The SIP lines: a REGISTER for alice sent with openssl s_client to the edge's 5061 (the
     * first reply line, {@code SIP/2.0 200 OK}, comes from Kamailio through the connector), then
     * Kamailio's bindings with kamcmd.
     */
    static void printSip(PrintWriter out, LabFiles files) {
        out.println("  SIP (5061)      a REGISTER through the edge (SIP/TLS), Kamailio behind it; prints SIP/2.0 200 OK:");
        out.println("    register      " + sipRegister(display(files.dir().resolve(LabPki.CA_CERT))));
        out.println("    bindings      kamcmd -s unix:" + display(files.dir().resolve(LabKamailio.CTL_SOCKET))
                + " ul.dump brief");
    }

    /** Whether both config files have their {@code media:} sections, so that calls' RTP goes through the relay. */
    static boolean hasMedia(EdgeConfig edge, ConnectorConfig connector) {
        return edge.section("media", Object.class).isPresent() && connector.section("media", Object.class).isPresent();
    }

    /**
     * The call lines ({@link LabCall}): the inside sipp that echoes RTP, stunnel for the outside
     * sipp, the outside sipp that plays the pcap to echo, then the edge's media counters.
     */
    static void printCall(PrintWriter out, LabFiles files, InetSocketAddress admin) {
        String dir = display(files.dir());
        out.println("  call with RTP   outside sipp -> stunnel -> edge 5061 -> connector -> Kamailio -> inside sipp "
                + LabCall.SERVICE + "; RTP both ways through the media relay. In three terminals, in order:");
        out.println("    uas           " + LabCall.uasCommand(dir));
        out.println("    stunnel       " + LabCall.stunnelCommand(dir));
        out.println("    uac           " + LabCall.uacCommand(dir));
        out.println("    rtp           " + LabCall.metricsCommand(statusUrl(admin).replace("/status", "/metrics")));
        out.println("                  (after the call: packets forwarded to-inside and to-outside, 236 each,"
                + " and streams_active 0)");
    }

    /**
     * The shell line that registers alice@DOMAIN through the edge and prints the reply's status
     * line. {@code -nocommands}: a line starting with R (REGISTER) would otherwise make s_client
     * renegotiate; the {@code sleep} keeps the connection open until the reply is in, then stdin's
     * end closes it (with {@code -quiet}, s_client would wait for the server to close).
     */
    static String sipRegister(String caFile) {
        String d = LabKamailio.DOMAIN;
        return "(printf 'REGISTER sip:" + d + " SIP/2.0\\r\\nVia: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-lab1\\r\\n"
                + "Max-Forwards: 70\\r\\nFrom: <sip:alice@" + d + ">;tag=lab1\\r\\nTo: <sip:alice@" + d + ">\\r\\n"
                + "Call-ID: lab1@127.0.0.1\\r\\nCSeq: 1 REGISTER\\r\\n"
                + "Contact: <sip:alice@127.0.0.1:5999;transport=tls>\\r\\nExpires: 300\\r\\n"
                + "Content-Length: 0\\r\\n\\r\\n'; sleep 2) | openssl s_client -brief -nocommands -connect 127.0.0.1:"
                + LabConfigFiles.SIP_PORT + " -servername localhost -CAfile " + caFile + " 2>/dev/null | head -1";
    }

    /** {@code go-sendxmpp -u USER@DOMAIN -p PASSWORD -j 127.0.0.1:5222}. */
    static String sendxmpp(String user) {
        return "go-sendxmpp -u " + user + "@" + LabProsody.DOMAIN + " -p " + LabProsody.USERS.get(user) + " -j 127.0.0.1:"
                + LabConfigFiles.XMPP_CLIENT_PORT;
    }

    /** The links of a connector that did not come UP, one line each, with their last error. */
    static void printLinks(PrintWriter out, List<TraversalLink> links) {
        for (TraversalLink link : links) {
            out.printf("  link %d to %s: %s%s%n", link.index(), link.target(), link.state(),
                    link.lastError().isEmpty() ? "" : ", last error: " + link.lastError());
        }
        out.flush();
    }

    static String statusUrl(InetSocketAddress admin) {
        String host = admin.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.getPort() + "/status";
    }

    /**
     * How to call this command again: the launcher this process was started by (bin/mra-edge
     * passes its installation directory as {@code mra.home}), or plain {@code mra-edge}.
     */
    private static String launcher() {
        String home = System.getProperty("mra.home");
        return home == null ? "mra-edge" : display(Path.of(home, "bin", "mra-edge"));
    }

    /** A path relative to the working directory when it lies below it, absolute otherwise. */
    static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString()
                : absolute.toString();
    }
}
