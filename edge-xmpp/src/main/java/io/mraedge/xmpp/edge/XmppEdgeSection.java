package io.mraedge.xmpp.edge;

import io.mraedge.core.config.ConfigReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The edge's {@code xmpp:} section: which XMPP listeners the edge opens on its
 * {@code outside-address}, and the limits every XMPP connection is held to. Without the
 * section, the edge opens no XMPP port.
 *
 * <pre>{@code
 * xmpp:
 *   client:            {enabled: true,  port: 5222}   # STARTTLS (RFC 6120)
 *   client-direct-tls: {enabled: true,  port: 5223}   # direct TLS (XEP-0368)
 *   server:            {enabled: false, port: 5269}   # inbound federation
 *   limits:
 *     max-header-size: 4KiB        # one opening <stream:stream> tag, XML declaration included
 *     max-stanza-size: 256KiB      # one first-level element (a stanza), measured while relaying
 *     negotiation-timeout: 30s     # from accept until the relay starts (TLS, headers, routing)
 *     idle-timeout: 10m            # no byte either way for this long closes the stream
 * }</pre>
 *
 * @param client          5222: STARTTLS client streams
 * @param clientDirectTls 5223: direct-TLS client streams
 * @param server          5269: inbound server-to-server streams
 * @param limits          limits of every XMPP connection
 */
public record XmppEdgeSection(XmppListenerConfig client, XmppListenerConfig clientDirectTls,
                              XmppListenerConfig server, XmppLimits limits) {

    /** Key of the section in the edge's file. */
    public static final String KEY = "xmpp";

    public XmppEdgeSection {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientDirectTls, "clientDirectTls");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(limits, "limits");
    }

    /** The listener settings of {@code kind}. */
    public XmppListenerConfig listener(XmppListenerKind kind) {
        return switch (kind) {
            case CLIENT -> client;
            case CLIENT_DIRECT_TLS -> clientDirectTls;
            case SERVER -> server;
        };
    }

    /** A {@link io.mraedge.core.config.SectionParser} for the section. */
    public static XmppEdgeSection parse(ConfigReader section) {
        XmppListenerConfig client = listener(section.child("client"), XmppListenerKind.CLIENT);
        XmppListenerConfig direct = listener(section.child("client-direct-tls"), XmppListenerKind.CLIENT_DIRECT_TLS);
        XmppListenerConfig server = listener(section.child("server"), XmppListenerKind.SERVER);
        XmppLimits limits = limits(section.child("limits"));
        Map<Integer, String> ports = new HashMap<>();
        for (XmppListenerKind kind : XmppListenerKind.values()) {
            XmppListenerConfig l = switch (kind) {
                case CLIENT -> client;
                case CLIENT_DIRECT_TLS -> direct;
                case SERVER -> server;
            };
            if (l != null && l.enabled() && l.port() != 0) {
                String first = ports.putIfAbsent(l.port(), kind.yamlKey());
                if (first != null) {
                    section.problem(kind.yamlKey(), "port " + l.port() + " is already used by " + section.pathOf(first)
                            + "; give each XMPP listener its own port");
                }
            }
        }
        return section.finish(() -> new XmppEdgeSection(client, direct, server, limits));
    }

    private static XmppListenerConfig listener(ConfigReader l, XmppListenerKind kind) {
        boolean enabled = l.bool("enabled", kind.enabledByDefault());
        int port = l.integer("port", kind.defaultPort(), 0, 65_535);
        return l.finish(() -> new XmppListenerConfig(enabled, port));
    }

    private static XmppLimits limits(ConfigReader l) {
        long header = l.size("max-header-size", XmppLimits.DEFAULT_MAX_HEADER_SIZE,
                XmppLimits.MIN_HEADER_SIZE, XmppLimits.MAX_HEADER_SIZE);
        long stanza = l.size("max-stanza-size", XmppLimits.DEFAULT_MAX_STANZA_SIZE,
                XmppLimits.MIN_STANZA_SIZE, XmppLimits.MAX_STANZA_SIZE);
        Duration negotiation = l.positiveDuration("negotiation-timeout", XmppLimits.DEFAULT_NEGOTIATION_TIMEOUT);
        Duration idle = l.positiveDuration("idle-timeout", XmppLimits.DEFAULT_IDLE_TIMEOUT);
        return l.finish(() -> new XmppLimits((int) header, (int) stanza, negotiation, idle));
    }

    /** The section as if the file had {@code xmpp: {}}: defaults everywhere. */
    public static XmppEdgeSection defaults() {
        return new XmppEdgeSection(
                new XmppListenerConfig(true, XmppListenerKind.CLIENT.defaultPort()),
                new XmppListenerConfig(true, XmppListenerKind.CLIENT_DIRECT_TLS.defaultPort()),
                new XmppListenerConfig(false, XmppListenerKind.SERVER.defaultPort()),
                XmppLimits.defaults());
    }
}
