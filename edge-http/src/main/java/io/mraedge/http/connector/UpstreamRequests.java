package io.mraedge.http.connector;

import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.http.HopByHopHeaders;
import io.mraedge.http.HttpTraversal;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Converts between the traversal stream's HTTP/2 headers and the HTTP/1.1 messages of the
 * upstream connection. Toward the inside server: hop-by-hop and traversal headers removed,
 * {@code Host} from the target, {@code X-Forwarded-For} with the client's address (replacing any
 * the client sent: the edge is the first hop anyone can trust), {@code TrackingID}, and cookies
 * joined again (RFC 9113 §8.2.3). Back: hop-by-hop headers removed, names lower case.
 */
final class UpstreamRequests {
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString TRACKING_ID = AsciiString.cached("TrackingID");

    private UpstreamRequests() {
    }

    /**
     * The request line and headers for the inside server.
     *
     * @param hasBody whether DATA frames follow on the stream
     */
    static HttpRequest toUpstream(Http2Headers h, Origin origin, boolean hasBody, String tracking) {
        HopByHopHeaders hop = HopByHopHeaders.of(h.getAll(HttpHeaderNames.CONNECTION));
        HttpHeaders out = new DefaultHttpHeaders();
        List<CharSequence> cookies = new ArrayList<>();
        for (Map.Entry<CharSequence, CharSequence> e : h) {
            CharSequence name = e.getKey();
            if (name.length() == 0 || name.charAt(0) == ':' || hop.drop(name)) {
                continue;
            }
            if (HttpHeaderNames.COOKIE.contentEqualsIgnoreCase(name)) {
                cookies.add(e.getValue());
            } else {
                out.add(name, e.getValue());
            }
        }
        if (!cookies.isEmpty()) {
            out.set(HttpHeaderNames.COOKIE, String.join("; ", cookies));
        }
        out.set(HttpHeaderNames.HOST, origin.hostHeader());
        CharSequence client = h.get(TraversalProtocol.CLIENT_ADDRESS);
        if (client != null) {
            out.set(X_FORWARDED_FOR, hostOf(client.toString()));
        }
        out.set(TRACKING_ID, tracking);
        HttpMethod method = HttpMethod.valueOf(h.method().toString());
        if (hasBody) {
            if (!out.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        } else {
            out.remove(HttpHeaderNames.CONTENT_LENGTH);
            if (method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT) || method.equals(HttpMethod.PATCH)) {
                out.set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
            }
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, h.path().toString(), out);
    }

    /** The response headers for the traversal stream. */
    static Http2Headers fromUpstream(HttpResponse response) {
        HopByHopHeaders hop = HopByHopHeaders.of(response.headers().getAll(HttpHeaderNames.CONNECTION));
        // The HTTP/1.1 decoder validated names and values already; names are lower-cased here.
        Http2Headers h = new DefaultHttp2Headers(false).status(response.status().codeAsText());
        Iterator<Map.Entry<CharSequence, CharSequence>> it = response.headers().iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            if (!hop.drop(e.getKey())) {
                h.add(AsciiString.of(e.getKey()).toLowerCase(), e.getValue());
            }
        }
        return h;
    }

    /** The address part of {@code 198.51.100.7:53211} or {@code [2001:db8::1]:53211}. */
    static String hostOf(String clientAddress) {
        if (clientAddress.startsWith("[")) {
            int close = clientAddress.indexOf(']');
            return close > 0 ? clientAddress.substring(1, close) : clientAddress;
        }
        int colon = clientAddress.lastIndexOf(':');
        return colon > 0 ? clientAddress.substring(0, colon) : clientAddress;
    }

    /** Connector-side error answers carry {@link HttpTraversal#ERROR} for the edge's log. */
    static Http2Headers error(int status, String reason) {
        return new DefaultHttp2Headers().status(Integer.toString(status)).set(HttpTraversal.ERROR, reason);
    }
}
