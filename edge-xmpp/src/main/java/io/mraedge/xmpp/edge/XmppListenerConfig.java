package io.mraedge.xmpp.edge;

/**
 * One XMPP listener of the edge, under {@code xmpp.client}, {@code xmpp.client-direct-tls} or
 * {@code xmpp.server}: whether it is open and its port on the edge's {@code outside-address}.
 *
 * @param enabled whether the edge listens
 * @param port    0-65535; 0 picks a free port (tests)
 */
public record XmppListenerConfig(boolean enabled, int port) {
    public XmppListenerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
    }
}
