package io.mraedge.xmpp.connector;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.xmpp.codec.XmppDomain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The connector's {@code xmpp:} section: the presence domains it serves, each mapped to its
 * IM&P servers, and how it connects to them. The domains are pushed to every edge in the
 * connector's status, so the edge knows which {@code to} domains it may accept.
 *
 * <pre>{@code
 * xmpp:
 *   domains:
 *     - domain: example.com
 *       client: [imp1.example.int:5222, imp2.example.int:5222]   # tried in order
 *       server: [imp1.example.int:5269]                          # optional: inbound federation
 *       tls-name: example.com                                    # optional; default: the domain
 *     - domain: example.org
 *       client: [imp1.example.int]                               # port 5222 when omitted
 *   upstream:
 *     tls: starttls              # or direct-tls
 *     verify: true               # check the IM&P certificate (chain and tls-name)
 *     ca: imp-ca.pem             # optional; default: the JDK's trust store
 *     connect-timeout: 5s
 *     negotiation-timeout: 15s
 * }</pre>
 *
 * @param domains  by normalised domain, in file order
 * @param upstream how to reach IM&P
 */
public record XmppConnectorSection(Map<String, XmppDomainRoute> domains, UpstreamSettings upstream) {
    /** Key of the section in the connector's file. */
    public static final String KEY = "xmpp";
    public static final int DEFAULT_CLIENT_PORT = 5222;
    public static final int DEFAULT_SERVER_PORT = 5269;

    public XmppConnectorSection {
        Objects.requireNonNull(upstream, "upstream");
        domains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** Domains that take client streams. */
    public List<String> clientDomains() {
        return domains.values().stream().filter(d -> !d.clientServers().isEmpty()).map(XmppDomainRoute::domain).toList();
    }

    /** Domains that take inbound federation. */
    public List<String> serverDomains() {
        return domains.values().stream().filter(d -> !d.serverServers().isEmpty()).map(XmppDomainRoute::domain).toList();
    }

    /** A {@link io.mraedge.core.config.SectionParser} for the section. */
    public static XmppConnectorSection parse(ConfigReader section) {
        Map<String, XmppDomainRoute> domains = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigReader item : section.children("domains")) {
            XmppDomainRoute route = domain(item);
            if (route == null) {
                continue;
            }
            String first = seen.putIfAbsent(route.domain(), item.path());
            if (first != null) {
                item.problem("domain", "the same domain as " + first + "; list each domain once");
            } else {
                domains.put(route.domain(), route);
            }
        }
        UpstreamSettings upstream = upstream(section.child("upstream"));
        return section.finish(() -> new XmppConnectorSection(domains, upstream));
    }

    private static XmppDomainRoute domain(ConfigReader item) {
        String text = item.string("domain");
        Optional<String> domain = Optional.empty();
        if (text != null) {
            domain = XmppDomain.normalize(text);
            if (domain.isEmpty()) {
                item.problem("domain", "\"" + text + "\" is not a domain name; write the presence domain, "
                        + "e.g. example.com");
            }
        }
        List<ImpServer> client = servers(item, "client", DEFAULT_CLIENT_PORT);
        List<ImpServer> server = servers(item, "server", DEFAULT_SERVER_PORT);
        if (!item.has("client") && !item.has("server")) {
            item.problem("client", "a domain needs client servers, server (federation) servers, or both");
        }
        Optional<String> tlsName = item.optionalString("tls-name");
        if (tlsName.isPresent() && XmppDomain.normalize(tlsName.get()).isEmpty()) {
            item.problem("tls-name", "\"" + tlsName.get() + "\" is not a DNS name; write the name the IM&P "
                    + "certificate carries");
        }
        String normalized = domain.orElse(null);
        return item.finish(() -> new XmppDomainRoute(normalized, client, server, tlsName.orElse(normalized)));
    }

    private static List<ImpServer> servers(ConfigReader item, String key, int defaultPort) {
        if (!item.has(key)) {
            item.optionalString(key); // names the key as allowed
            return List.of();
        }
        List<ImpServer> servers = new ArrayList<>();
        List<String> values = item.stringList(key);
        for (int i = 0; i < values.size(); i++) {
            try {
                servers.add(HostPortSyntax.parse(values.get(i), defaultPort));
            } catch (IllegalArgumentException e) {
                item.problem(key, "item " + i + ": " + e.getMessage());
            }
        }
        return servers;
    }

    private static UpstreamSettings upstream(ConfigReader u) {
        String tlsText = u.string("tls", UpstreamSettings.UpstreamTls.STARTTLS.yaml());
        UpstreamSettings.UpstreamTls tls = null;
        for (UpstreamSettings.UpstreamTls t : UpstreamSettings.UpstreamTls.values()) {
            if (t.yaml().equals(tlsText)) {
                tls = t;
            }
        }
        if (tls == null) {
            u.problem("tls", "\"" + tlsText + "\" is not starttls or direct-tls");
        }
        boolean verify = u.bool("verify", true);
        Path ca = u.has("ca") ? u.file("ca") : null;
        if (!u.has("ca")) {
            u.optionalString("ca");
        }
        Duration connect = u.positiveDuration("connect-timeout", UpstreamSettings.DEFAULT_CONNECT_TIMEOUT);
        Duration negotiation = u.positiveDuration("negotiation-timeout", UpstreamSettings.DEFAULT_NEGOTIATION_TIMEOUT);
        UpstreamSettings.UpstreamTls mode = tls;
        return u.finish(() -> new UpstreamSettings(mode, verify, ca, connect, negotiation));
    }
}
