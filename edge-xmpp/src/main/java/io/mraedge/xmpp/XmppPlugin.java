package io.mraedge.xmpp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.Role;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.xmpp.connector.XmppConnectorSection;
import io.mraedge.xmpp.connector.XmppConnectorServices;
import io.mraedge.xmpp.edge.ServedDomains;
import io.mraedge.xmpp.edge.XmppEdgeInitializer;
import io.mraedge.xmpp.edge.XmppEdgeSection;
import io.mraedge.xmpp.edge.XmppListenerConfig;
import io.mraedge.xmpp.edge.XmppListenerContext;
import io.mraedge.xmpp.edge.XmppListenerKind;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XMPP through the edge (ARCHITECTURE.md, "XMPP"): on the edge, the client listeners 5222
 * (STARTTLS) and 5223 (direct TLS) and inbound federation on 5269; on the connector, the
 * {@code xmpp-client} and {@code xmpp-server} flows to IM&P. Each role's {@code xmpp:} section
 * turns it on: without one the edge opens no XMPP port and the connector serves no XMPP flow.
 *
 * <p>The connector reports the domains it serves in its status ({@value XmppProtocol#STATUS_SECTION}
 * section); the edge accepts a stream only for a domain that a connector it can reach serves.
 */
public final class XmppPlugin implements ProtocolPlugin {
    private static final Logger log = LoggerFactory.getLogger(XmppPlugin.class);

    @Override
    public String name() {
        return "xmpp";
    }

    @Override
    public ConfigLoader extendConfig(ConfigLoader loader) {
        return loader
                .withSection(Role.EDGE, XmppEdgeSection.KEY, XmppEdgeSection::parse)
                .withSection(Role.CONNECTOR, XmppConnectorSection.KEY, XmppConnectorSection::parse);
    }

    @Override
    public List<EdgeListener> edgeListeners(EdgeContext edge) throws Exception {
        Optional<XmppEdgeSection> section = edge.config().section(XmppEdgeSection.KEY, XmppEdgeSection.class);
        if (section.isEmpty()) {
            log.info("edge {}: no xmpp section; XMPP listeners are off", edge.config().name());
            return List.of();
        }
        ServedDomains domains = new ServedDomains(edge.streams());
        edge.statusSection(XmppProtocol.STATUS_SECTION, () -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put(XmppProtocol.CLIENT_DOMAINS, domains.all(XmppProtocol.CLIENT_FLOW));
            s.put(XmppProtocol.SERVER_DOMAINS, domains.all(XmppProtocol.SERVER_FLOW));
            return s;
        });
        List<EdgeListener> listeners = new ArrayList<>();
        for (XmppListenerKind kind : XmppListenerKind.values()) {
            XmppListenerConfig config = section.get().listener(kind);
            if (!config.enabled()) {
                continue;
            }
            ReloadableSslContext tls = edge.outsideTls(kind.listenerName(), kind.alpn());
            XmppListenerContext context = new XmppListenerContext(edge, kind, section.get().limits(), tls, domains);
            listeners.add(new EdgeListener(kind.listenerName(),
                    new InetSocketAddress(edge.config().outsideAddress(), config.port()),
                    new XmppEdgeInitializer(context)));
        }
        return listeners;
    }

    @Override
    public List<StreamService> connectorServices(ConnectorContext connector) throws Exception {
        Optional<XmppConnectorSection> section = connector.config().section(XmppConnectorSection.KEY,
                XmppConnectorSection.class);
        if (section.isEmpty()) {
            log.info("connector {}: no xmpp section; XMPP flows are not served", connector.config().name());
            return List.of();
        }
        XmppConnectorSection s = section.get();
        connector.status().section(XmppProtocol.STATUS_SECTION, () -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            s.clientDomains().forEach(node.putArray(XmppProtocol.CLIENT_DOMAINS)::add);
            s.serverDomains().forEach(node.putArray(XmppProtocol.SERVER_DOMAINS)::add);
            return node;
        });
        log.info("connector {}: XMPP for client domains {} and federation domains {}", connector.config().name(),
                s.clientDomains(), s.serverDomains());
        return XmppConnectorServices.create(s, connector.transport());
    }
}
