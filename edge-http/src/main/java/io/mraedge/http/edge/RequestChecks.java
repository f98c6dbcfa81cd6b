package io.mraedge.http.edge;

import io.mraedge.http.allowlist.HttpMethods;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every request meets before anything else looks at it, against {@link HttpLimits}
 * (Armeria's Http1RequestDecoder habit: decoder failures mapped to 400/414/431). HTTP/1.1
 * requests have already been measured by Netty's decoder, which leaves a failed
 * {@link DecoderResult}; h2 requests are measured here. Every refusal is a protocol violation.
 */
public final class RequestChecks {
    private final HttpLimits limits;

    public RequestChecks(HttpLimits limits) {
        this.limits = limits;
    }

    /** Why {@code request} must be refused, or empty. */
    public Optional<RequestRefusal> check(HttpRequest request, boolean http2) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return Optional.of(decoderFailure(result.cause()));
        }
        if (!http2 && request.protocolVersion() != HttpVersion.HTTP_1_1 && request.protocolVersion() != HttpVersion.HTTP_1_0) {
            return violation(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP version " + request.protocolVersion());
        }
        if (request.uri().length() > limits.maxRequestLine()) {
            return violation(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request-target longer than "
                    + limits.maxRequestLine() + " bytes");
        }
        if (request.headers().size() > limits.maxHeaderCount()) {
            return violation(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "more than "
                    + limits.maxHeaderCount() + " header fields");
        }
        if (http2 && headerBytes(request) > limits.maxHeaderSize()) {
            return violation(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header fields larger than "
                    + limits.maxHeaderSize() + " bytes");
        }
        String method = request.method().name();
        if (!HttpMethods.isToken(method)) {
            return violation(HttpResponseStatus.BAD_REQUEST, "method is not a token");
        }
        if (request.method().equals(HttpMethod.CONNECT) || request.method().equals(HttpMethod.TRACE)) {
            return violation(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is never proxied");
        }
        if (!http2 && request.protocolVersion() == HttpVersion.HTTP_1_1 && !request.headers().contains(HttpHeaderNames.HOST)) {
            // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host.
            return violation(HttpResponseStatus.BAD_REQUEST, "no Host header");
        }
        long contentLength;
        try {
            contentLength = HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return violation(HttpResponseStatus.BAD_REQUEST, "Content-Length is not a number");
        }
        if (contentLength > limits.maxBodySize()) {
            return violation(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Content-Length " + contentLength
                    + " over the body limit " + limits.maxBodySize());
        }
        return Optional.empty();
    }

    /** The refusal when a streamed body grows past the limit. */
    public RequestRefusal bodyTooLarge(long seen) {
        return RequestRefusal.violation(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body of more than " + seen
                + " bytes over the limit " + limits.maxBodySize());
    }

    public long maxBodySize() {
        return limits.maxBodySize();
    }

    static RequestRefusal decoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return RequestRefusal.violation(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return RequestRefusal.violation(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header fields too large");
        }
        if (cause instanceof TooLongFrameException) {
            return RequestRefusal.violation(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, cause.getMessage());
        }
        return RequestRefusal.violation(HttpResponseStatus.BAD_REQUEST, "malformed request: " + cause.getMessage());
    }

    private static long headerBytes(HttpRequest request) {
        long total = 0;
        for (Map.Entry<String, String> e : request.headers()) {
            // RFC 9113 §6.5.2 counts each field as name + value + 32 octets.
            total += e.getKey().length() + e.getValue().length() + 32;
        }
        return total;
    }

    private static Optional<RequestRefusal> violation(HttpResponseStatus status, String reason) {
        return Optional.of(RequestRefusal.violation(status, reason));
    }
}
