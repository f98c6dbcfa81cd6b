package io.mraedge.http.edge;

import io.mraedge.http.HopByHopHeaders;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.auth.XAuthTokens;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Headers;
import java.time.Duration;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;

/**
 * The responses the edge writes itself: error answers with a short text body, the
 * {@code WWW-Authenticate}, {@code Retry-After} and {@code Set-Cookie: X-Auth} headers, and the
 * conversion of a connector's response headers into the client's response.
 */
final class EdgeResponses {
    /** mra-facts.md, "Authentication": what clients expect on a 401. */
    static final String BASIC_CHALLENGE = "Basic realm=\"Cisco-Edge\"";
    private static final HttpHeadersFactory UNVALIDATED = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private EdgeResponses() {
    }

    /**
     * An error response with a one-line text body (empty for HEAD).
     *
     * @param close adds {@code Connection: close} (HTTP/1.1)
     */
    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, boolean head, boolean close) {
        ByteBuf body = head ? Unpooled.EMPTY_BUFFER : ByteBufUtil.writeAscii(alloc, status + "\n");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=us-ascii")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, status.toString().length() + 1)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** {@code Retry-After} in whole seconds, at least 1 (RFC 9110 §10.2.3). */
    static void retryAfter(HttpHeaders headers, Duration after) {
        headers.set(HttpHeaderNames.RETRY_AFTER, Math.max(1, (after.toMillis() + 999) / 1000));
    }

    static void retryAfter(HttpHeaders headers, long seconds) {
        headers.set(HttpHeaderNames.RETRY_AFTER, Math.max(1, seconds));
    }

    /**
     * The X-Auth cookie (mra-facts.md, "Authentication"):
     * {@code X-Auth=<token>; Expires=…; Domain=.<edge domain>; Path=/; Secure; HttpOnly}.
     */
    static String xAuthCookie(XAuthTokens.Issued issued, String cookieDomain) {
        return XAuthTokens.COOKIE_NAME + "=" + issued.token() + "; Expires="
                + DateFormatter.format(Date.from(issued.expiry())) + "; Domain=." + cookieDomain
                + "; Path=/; Secure; HttpOnly";
    }

    /**
     * The client's response for a connector's response headers: status, end-to-end headers
     * (hop-by-hop and traversal headers dropped), and on HTTP/1.1 chunked framing when the
     * length is unknown and there is a body.
     *
     * @param endStream the connector's headers ended the stream (no body follows)
     */
    static HttpResponse fromConnector(Http2Headers headers, boolean endStream, boolean head, boolean http2) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(Integer.parseInt(headers.status().toString()));
        // The traversal's HTTP/2 decoder validated the headers already.
        HttpResponse response = endStream
                ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER,
                        UNVALIDATED, UNVALIDATED)
                : new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, UNVALIDATED);
        HttpHeaders out = response.headers();
        HopByHopHeaders hop = HopByHopHeaders.of(headers.getAll(HttpHeaderNames.CONNECTION));
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iterator();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (name.length() > 0 && name.charAt(0) != ':' && !hop.drop(name)
                    && !HttpTraversal.ERROR.contentEqualsIgnoreCase(name)) {
                out.add(name, e.getValue());
            }
        }
        boolean bodyAllowed = !head && status.code() != 204 && status.code() != 304 && status.code() >= 200;
        if (!http2 && !endStream && bodyAllowed && !out.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!http2 && endStream && bodyAllowed && !out.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
        }
        return response;
    }
}
