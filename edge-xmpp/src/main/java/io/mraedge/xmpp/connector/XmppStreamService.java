package io.mraedge.xmpp.connector;

import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.xmpp.XmppProtocol;
import io.mraedge.xmpp.codec.XmppDomain;
import io.mraedge.xmpp.codec.XmppNamespaces;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's side of an XMPP flow ({@code xmpp-client} or {@code xmpp-server}): finds the
 * IM&P servers of the stream's domain ({@code :authority}), reads the client's stream header
 * from the stream's first bytes, then {@link UpstreamDialer} connects to IM&P, negotiates TLS
 * and replays the header; the stream is answered {@code 200} and relayed, or {@code 502}, or
 * {@code 404} for a domain this connector does not serve.
 *
 * <p>Pipeline of the stream until the relay starts: {@value #HEADER_READER} ({@link ReplayedHeaderReader}),
 * which removes itself once the header is read.
 */
public final class XmppStreamService implements StreamService {
    /** Pipeline name of the header reader on the stream. */
    public static final String HEADER_READER = "xmpp-replayed-header";

    private static final Logger log = LoggerFactory.getLogger(XmppStreamService.class);

    private final String flowProtocol;
    private final XmppConnectorSection section;
    private final NetTransport transport;
    private final SslContext upstreamTls;

    public XmppStreamService(String flowProtocol, XmppConnectorSection section, NetTransport transport,
                             SslContext upstreamTls) {
        this.flowProtocol = flowProtocol;
        this.section = section;
        this.transport = transport;
        this.upstreamTls = upstreamTls;
    }

    @Override
    public StreamKind kind() {
        return new StreamKind.ByteFlow(flowProtocol);
    }

    boolean serverFlow() {
        return XmppProtocol.SERVER_FLOW.equals(flowProtocol);
    }

    /** The content namespace streams of this kind must declare. */
    String contentNamespace() {
        return serverFlow() ? XmppNamespaces.SERVER : XmppNamespaces.CLIENT;
    }

    @Override
    public void open(Http2StreamChannel stream, Http2Headers request) {
        CharSequence authority = request.authority();
        CharSequence client = request.get(TraversalProtocol.CLIENT_ADDRESS);
        XmppDomainRoute route = XmppDomain.normalize(authority == null ? null : authority.toString())
                .map(section.domains()::get).orElse(null);
        List<ImpServer> servers = route == null ? List.of()
                : serverFlow() ? route.serverServers() : route.clientServers();
        if (servers.isEmpty()) {
            log.info("xmpp: {} flow for {} from {}: domain not served here; answering {}", flowProtocol, authority,
                    client, XmppProtocol.STATUS_UNKNOWN_DOMAIN);
            answer(stream, XmppProtocol.STATUS_UNKNOWN_DOMAIN, true);
            stream.close();
            return;
        }
        UpstreamDialer dialer = new UpstreamDialer(this, stream, route, servers, client == null ? "?" : client.toString());
        stream.pipeline().addLast(HEADER_READER, new ReplayedHeaderReader(this, dialer));
        stream.read();
    }

    NetTransport transport() {
        return transport;
    }

    SslContext upstreamTls() {
        return upstreamTls;
    }

    UpstreamSettings upstream() {
        return section.upstream();
    }

    String flowProtocol() {
        return flowProtocol;
    }

    static void answer(Http2StreamChannel stream, String status, boolean endStream) {
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(status), endStream));
    }
}
