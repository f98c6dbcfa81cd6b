package io.mraedge.http.edge;

import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.http.HopByHopHeaders;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.auth.XAuthTokens;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * The request headers of the edge's traversal streams to the connector: a proxied request, and
 * the get_edge_config control request with the edge's public name and ports.
 */
final class TraversalRequests {
    private TraversalRequests() {
    }

    /**
     * The traversal request for the connector (ARCHITECTURE.md, "Streams"): {@code :scheme},
     * {@code :authority} and {@code :path} of the inside server, the client's end-to-end headers
     * (hop-by-hop ones, reserved ones and the X-Auth cookie dropped; Authorization kept, so a
     * Bearer token reaches the inside untouched), and {@code mra-client-address},
     * {@code mra-user}, {@code mra-tracking-id}, {@code mra-edge}.
     */
    static Http2Headers proxy(EdgeExchange exchange, MraTarget.Proxy target, String user, String edgeName) {
        HttpRequest request = exchange.request();
        Http2Headers h = new DefaultHttp2Headers(false)
                .method(request.method().asciiName())
                .scheme(target.scheme())
                .authority(target.authority())
                .path(target.pathAndQuery());
        HopByHopHeaders hop = HopByHopHeaders.of(request.headers().getAll(HttpHeaderNames.CONNECTION));
        Iterator<Map.Entry<CharSequence, CharSequence>> it = request.headers().iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            if (hop.drop(e.getKey())) {
                continue;
            }
            AsciiString name = AsciiString.of(e.getKey()).toLowerCase();
            if (name.contentEquals(HttpHeaderNames.COOKIE)) {
                String rest = withoutXAuth(e.getValue().toString());
                if (!rest.isEmpty()) {
                    h.add(name, rest);
                }
            } else {
                h.add(name, e.getValue());
            }
        }
        h.set(TraversalProtocol.CLIENT_ADDRESS, StreamRouter.format(exchange.client()));
        if (user != null) {
            h.set(TraversalProtocol.USER, user);
        }
        h.set(TraversalProtocol.TRACKING_ID, exchange.tracking());
        h.set(TraversalProtocol.EDGE, edgeName);
        return h;
    }

    /** A Cookie header value without the X-Auth cookie, which is for the edge only. */
    static String withoutXAuth(String cookies) {
        StringBuilder out = new StringBuilder(cookies.length());
        for (String part : cookies.split(";")) {
            String p = part.trim();
            if (p.isEmpty() || p.startsWith(XAuthTokens.COOKIE_NAME + "=")) {
                continue;
            }
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(p);
        }
        return out.toString();
    }

    /**
     * {@code GET /.mra/edge-config?domain=…&service_name=…} with the edge identity headers
     * (service names are {@code [A-Za-z0-9_.-]} already, so they need no encoding).
     */
    static Http2Headers edgeConfig(MraTarget.EdgeConfig target, EdgePublicInputs inputs, String tracking) {
        StringBuilder path = new StringBuilder(HttpTraversal.EDGE_CONFIG_PATH).append("?domain=").append(target.domain());
        target.serviceNames().forEach(n -> path.append("&service_name=").append(n));
        Http2Headers headers = new DefaultHttp2Headers().method("GET").scheme("https").authority("mra-control")
                .path(path)
                .set(HttpTraversal.PUBLIC_NAME, inputs.publicName())
                .setInt(HttpTraversal.SIP_TLS_PORT, inputs.sipTlsPort())
                .setInt(HttpTraversal.XMPP_PORT, inputs.xmppPort())
                .setInt(HttpTraversal.HTTP_PORT, inputs.httpPort())
                .set(TraversalProtocol.TRACKING_ID, tracking);
        if (!inputs.turnServers().isEmpty()) {
            headers.set(HttpTraversal.TURN_SERVERS, String.join(",", inputs.turnServers()));
        }
        return headers;
    }
}
