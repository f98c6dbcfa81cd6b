package io.mraedge.http.edgeconfig;

import java.util.List;
import java.util.Objects;

/**
 * What get_edge_config says about the edge that asked: its public name and the ports clients
 * reach it on. The edge sends these with its control request; the connector puts them in
 * {@code <edgeConfig>}.
 *
 * @param publicName  the edge's public DNS name (SRV target of {@code _collab-edge._tls})
 * @param sipTlsPort  SIP over TLS, normally 5061
 * @param xmppPort    XMPP c2s, normally 5222
 * @param httpPort    this HTTPS listener, normally 8443
 * @param turnServers {@code host:port} of TURN servers; empty for none
 */
public record EdgeIdentity(String publicName, int sipTlsPort, int xmppPort, int httpPort, List<String> turnServers) {
    public EdgeIdentity {
        Objects.requireNonNull(publicName, "publicName");
        turnServers = List.copyOf(turnServers);
    }
}
