package io.mraedge.xmpp.connector;

import java.util.List;
import java.util.Objects;

/**
 * One presence domain the connector serves, an item of {@code xmpp.domains} ("Flexible Jabber
 * ID": a deployment may have several), and the IM&P servers behind it.
 *
 * @param domain        the normalised domain (lower-case ASCII), as clients put it in {@code to}
 * @param clientServers c2s servers, tried in order; empty when the domain takes no client streams
 * @param serverServers s2s servers for inbound federation, tried in order; empty: no federation
 * @param tlsName       the name the IM&P certificate must carry (and SNI); default the domain
 */
public record XmppDomainRoute(String domain, List<ImpServer> clientServers, List<ImpServer> serverServers,
                              String tlsName) {
    public XmppDomainRoute {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(tlsName, "tlsName");
        clientServers = List.copyOf(clientServers);
        serverServers = List.copyOf(serverServers);
    }
}
