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
 * with Kamailio ({@link LabKamailio}, {@link #EDGE_SIP_YAML}, {@link #CONNECTOR_SIP_YAML}).
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

    /**
     * The edge file's default content, with its {@code xmpp:} section when {@code xmpp}, and
     * always its {@code http:} section ({@link LabHttp#edgeSection()}).
     */
    static String edgeYaml(boolean xmpp) {
        return edgeYaml(xmpp, false);
    }

    /** As {@link #edgeYaml(boolean)}, with the {@code sip:} section when {@code sip}. */
    static String edgeYaml(boolean xmpp, boolean sip) {
        return (xmpp ? EDGE_YAML + EDGE_XMPP_YAML : EDGE_YAML) + (sip ? EDGE_SIP_YAML : "") + LabHttp.edgeSection();
    }

    /**
     * The connector file's default content, with its {@code xmpp:} section when {@code xmpp},
     * and always its {@code http:} section: the lab UC backend on its default ports.
     */
    static String connectorYaml(boolean xmpp) {
        return connectorYaml(xmpp, false);
    }

    /** As {@link #connectorYaml(boolean)}, with the {@code sip:} section when {@code sip}. */
    static String connectorYaml(boolean xmpp, boolean sip) {
        return (xmpp ? CONNECTOR_YAML + CONNECTOR_XMPP_YAML : CONNECTOR_YAML) + (sip ? CONNECTOR_SIP_YAML : "")
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
