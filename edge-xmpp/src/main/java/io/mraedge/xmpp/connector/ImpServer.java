package io.mraedge.xmpp.connector;

import java.util.Objects;

/**
 * One IM&P (XMPP) server the connector relays to, as written in its config: a DNS name or IP
 * literal and a port. The name is resolved when connecting, off the event loop.
 *
 * @param host DNS name or IP literal (IPv6 without brackets)
 * @param port 1-65535
 */
public record ImpServer(String host, int port) {
    public ImpServer {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
