package io.mraedge.xmpp.connector;

import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.xmpp.XmppProtocol;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.List;

/** Builds the connector's two XMPP stream services, sharing one TLS context toward IM&P. */
public final class XmppConnectorServices {
    private XmppConnectorServices() {
    }

    /** The {@code xmpp-client} and {@code xmpp-server} services of {@code section}. */
    public static List<StreamService> create(XmppConnectorSection section, NetTransport transport) throws IOException {
        SslContext tls = UpstreamTlsContext.build(section.upstream());
        return List.of(
                new XmppStreamService(XmppProtocol.CLIENT_FLOW, section, transport, tls),
                new XmppStreamService(XmppProtocol.SERVER_FLOW, section, transport, tls));
    }
}
