package io.mraedge.http.edge;

import java.util.List;
import java.util.Objects;

/**
 * What the edge tells the connector about itself for {@code get_edge_config} (YAML
 * {@code http.edge-config}): the public name and the ports clients reach it on.
 *
 * @param publicName  {@code public-name}, default the edge's {@code public-name}
 * @param sipTlsPort  {@code sip-tls-port}, default 5061
 * @param xmppPort    {@code xmpp-port}, default 5222
 * @param httpPort    {@code http-port}, default the listen port (8443)
 * @param turnServers {@code turn-servers}: {@code host:port} entries; empty gives {@code <turnEdgeServer/>}
 */
public record EdgePublicInputs(String publicName, int sipTlsPort, int xmppPort, int httpPort, List<String> turnServers) {
    public static final int DEFAULT_SIP_TLS_PORT = 5061;
    public static final int DEFAULT_XMPP_PORT = 5222;

    public EdgePublicInputs {
        Objects.requireNonNull(publicName, "publicName");
        turnServers = List.copyOf(turnServers);
    }
}
