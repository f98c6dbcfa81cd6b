package io.mraedge.core.plugin;

import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Serves one kind of traversal stream on the connector: a protocol's byte flows (SIP, XMPP),
 * the HTTP proxy, or a control request. The connector's dispatcher reads the request headers,
 * picks the service for their {@link StreamKind}, and calls {@link #open} on the stream's
 * event loop.
 *
 * <p>Ownership: the dispatcher owns and releases the headers frame. The stream channel's
 * auto-read is off when {@code open} is called; the service installs its handlers in
 * {@code stream.pipeline()} and calls {@code stream.read()} when it wants DATA frames, which
 * it then owns. Closing the stream is the service's job; the dispatcher only counts it.
 */
public interface StreamService {
    /** The kind of stream this service serves; one service per kind. */
    StreamKind kind();

    /** Starts serving a new stream whose request headers are {@code request}. */
    void open(Http2StreamChannel stream, Http2Headers request);
}
