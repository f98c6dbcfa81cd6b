package io.mraedge.http.connector;

import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.allowlist.HostSyntax;
import io.mraedge.http.edgeconfig.EdgeConfigDocument;
import io.mraedge.http.edgeconfig.EdgeIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /.mra/edge-config?domain=D&service_name=S…} on the connector: the get_edge_config
 * XML of domain {@code D} ({@link EdgeConfigDocument}), built from this connector's UC nodes and
 * the edge identity the edge sends in its {@code mra-public-name}, {@code mra-sip-tls-port},
 * {@code mra-xmpp-port}, {@code mra-http-port} and {@code mra-turn-servers} headers. A domain
 * this connector does not serve gets 403; a malformed request 400.
 */
public final class EdgeConfigControlService implements StreamService {
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern HOST_PORT = Pattern.compile("([a-z0-9.-]+):([1-9][0-9]{0,4})");

    private final HttpConnectorConfig config;

    public EdgeConfigControlService(HttpConnectorConfig config) {
        this.config = config;
    }

    @Override
    public StreamKind kind() {
        return new StreamKind.Control(HttpTraversal.EDGE_CONFIG_PATH);
    }

    @Override
    public void open(Http2StreamChannel stream, Http2Headers request) {
        QueryStringDecoder query = new QueryStringDecoder(String.valueOf(request.path()));
        List<String> domainParam = query.parameters().getOrDefault("domain", List.of());
        List<String> names = query.parameters().getOrDefault("service_name", List.of());
        Optional<EdgeIdentity> identity = identity(request);
        if (domainParam.size() != 1 || identity.isEmpty() || names.stream().anyMatch(n -> !SERVICE_NAME.matcher(n).matches())) {
            headersOnly(stream, "400", "bad-request");
            return;
        }
        Optional<ServiceDomain> domain = config.domain(domainParam.get(0).toLowerCase(Locale.ROOT));
        if (domain.isEmpty()) {
            headersOnly(stream, "403", "unknown-domain");
            return;
        }
        String xml = EdgeConfigDocument.write(domain.get(), names, identity.get());
        ByteBuf body = ByteBufUtil.writeUtf8(stream.alloc(), xml);
        Http2Headers headers = new DefaultHttp2Headers().status("200")
                .set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        stream.write(new DefaultHttp2HeadersFrame(headers, false));
        stream.writeAndFlush(new DefaultHttp2DataFrame(body, true));
    }

    private static Optional<EdgeIdentity> identity(Http2Headers h) {
        CharSequence name = h.get(HttpTraversal.PUBLIC_NAME);
        Optional<String> publicName = name == null ? Optional.empty() : HostSyntax.canonical(name.toString());
        int sip = port(h.get(HttpTraversal.SIP_TLS_PORT));
        int xmpp = port(h.get(HttpTraversal.XMPP_PORT));
        int http = port(h.get(HttpTraversal.HTTP_PORT));
        if (publicName.isEmpty() || sip < 0 || xmpp < 0 || http < 0) {
            return Optional.empty();
        }
        List<String> turn = new ArrayList<>();
        CharSequence turnHeader = h.get(HttpTraversal.TURN_SERVERS);
        if (turnHeader != null && turnHeader.length() > 0) {
            for (String s : turnHeader.toString().split(",")) {
                var m = HOST_PORT.matcher(s.trim().toLowerCase(Locale.ROOT));
                if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
                    return Optional.empty();
                }
                turn.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.of(new EdgeIdentity(publicName.get(), sip, xmpp, http, turn));
    }

    private static int port(CharSequence text) {
        if (text == null || !text.toString().matches("[1-9][0-9]{0,4}")) {
            return -1;
        }
        int port = Integer.parseInt(text.toString());
        return port <= 65_535 ? port : -1;
    }

    private static void headersOnly(Http2StreamChannel stream, String status, String error) {
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(status)
                .set(HttpTraversal.ERROR, error), true));
    }
}
