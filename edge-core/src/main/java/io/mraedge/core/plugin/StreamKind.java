package io.mraedge.core.plugin;

import io.mraedge.core.traversal.TraversalProtocol;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * What a traversal stream carries, as the connector's dispatcher tells from the request
 * headers the edge sent (ARCHITECTURE.md, "Streams"):
 * <ul>
 *   <li>{@link ByteFlow}: extended CONNECT (RFC 8441) with {@code :protocol}, e.g. {@code sip};
 *   <li>{@link Control}: a request to a {@code /.mra/} path, e.g. {@code /.mra/auth};
 *   <li>{@link HttpProxy}: any other request, proxied to an inside server.
 * </ul>
 */
public sealed interface StreamKind {
    /** Short name used for load accounting and metrics. */
    String label();

    /** A byte flow opened with extended CONNECT. */
    record ByteFlow(String protocol) implements StreamKind {
        @Override
        public String label() {
            return protocol;
        }
    }

    /** A control request to a path under {@code /.mra/} (query excluded). */
    record Control(String path) implements StreamKind {
        @Override
        public String label() {
            return "control";
        }
    }

    /** An HTTP request proxied to an inside server. */
    record HttpProxy() implements StreamKind {
        @Override
        public String label() {
            return "http";
        }
    }

    /** Classifies a request by its headers. */
    static StreamKind of(Http2Headers headers) {
        CharSequence method = headers.method();
        CharSequence protocol = headers.get(Http2Headers.PseudoHeaderName.PROTOCOL.value());
        if (method != null && "CONNECT".contentEquals(method) && protocol != null) {
            return new ByteFlow(protocol.toString());
        }
        CharSequence path = headers.path();
        if (path != null && path.toString().startsWith(TraversalProtocol.CONTROL_PREFIX)) {
            String p = path.toString();
            int q = p.indexOf('?');
            return new Control(q < 0 ? p : p.substring(0, q));
        }
        return new HttpProxy();
    }
}
