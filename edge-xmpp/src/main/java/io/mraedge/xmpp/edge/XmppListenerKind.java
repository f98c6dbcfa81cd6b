package io.mraedge.xmpp.edge;

import io.mraedge.xmpp.XmppProtocol;
import io.mraedge.xmpp.codec.XmppNamespaces;

/**
 * The three XMPP listeners of the edge and what sets them apart: the listener name (logs,
 * metrics, maintenance), its YAML key and default port, the stream's content namespace, the
 * traversal flow it opens, and whether TLS starts with STARTTLS or at once.
 */
public enum XmppListenerKind {
    /** 5222: client streams, STARTTLS required (RFC 6120 §5). */
    CLIENT("xmpp-client", "client", 5222, true, XmppNamespaces.CLIENT, XmppProtocol.CLIENT_FLOW, true),
    /** 5223: client streams in direct TLS (XEP-0368), ALPN {@code xmpp-client}. */
    CLIENT_DIRECT_TLS("xmpp-client-tls", "client-direct-tls", 5223, true, XmppNamespaces.CLIENT,
            XmppProtocol.CLIENT_FLOW, false),
    /** 5269: inbound federation, STARTTLS required; dialback passes through. Off unless enabled. */
    SERVER("xmpp-server", "server", 5269, false, XmppNamespaces.SERVER, XmppProtocol.SERVER_FLOW, true);

    private final String listenerName;
    private final String yamlKey;
    private final int defaultPort;
    private final boolean enabledByDefault;
    private final String contentNamespace;
    private final String flowProtocol;
    private final boolean startTls;

    XmppListenerKind(String listenerName, String yamlKey, int defaultPort, boolean enabledByDefault,
                     String contentNamespace, String flowProtocol, boolean startTls) {
        this.listenerName = listenerName;
        this.yamlKey = yamlKey;
        this.defaultPort = defaultPort;
        this.enabledByDefault = enabledByDefault;
        this.contentNamespace = contentNamespace;
        this.flowProtocol = flowProtocol;
        this.startTls = startTls;
    }

    /** Name of the edge listener, e.g. {@code xmpp-client}: logs, metrics, maintenance. */
    public String listenerName() {
        return listenerName;
    }

    public String yamlKey() {
        return yamlKey;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** {@code jabber:client} or {@code jabber:server}. */
    public String contentNamespace() {
        return contentNamespace;
    }

    /** The traversal flow's {@code :protocol}. */
    public String flowProtocol() {
        return flowProtocol;
    }

    /** True when the stream starts in the clear and upgrades with STARTTLS. */
    public boolean startTls() {
        return startTls;
    }

    /** ALPN ids the TLS listener offers: {@code xmpp-client} on direct TLS (XEP-0368 §3). */
    public java.util.List<String> alpn() {
        return this == CLIENT_DIRECT_TLS ? java.util.List.of("xmpp-client") : java.util.List.of();
    }
}
