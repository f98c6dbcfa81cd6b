package io.mraedge.core.traversal;

import io.mraedge.core.config.FlowControlConfig;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import java.time.Duration;

/**
 * The HTTP/2 codecs of the two ends of a traversal connection, with reversed roles: the edge
 * (TLS server) is the HTTP/2 client and opens every stream; the connector (TLS client) is the
 * HTTP/2 server and advertises SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3).
 */
final class TraversalCodecs {
    private TraversalCodecs() {
    }

    /** The edge's codec: HTTP/2 client, no server push. */
    static Http2FrameCodec edge(FlowControlConfig flow) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .initialWindowSize(flow.streamWindow())
                .pushEnabled(false);
        return Http2FrameCodecBuilder.forClient()
                .initialSettings(settings)
                .validateHeaders(true)
                .build();
    }

    /** The connector's codec: HTTP/2 server; closing it waits up to {@code drain} for streams to end. */
    static Http2FrameCodec connector(FlowControlConfig flow, Duration drain) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .initialWindowSize(flow.streamWindow())
                .maxConcurrentStreams(flow.maxConcurrentStreams())
                .connectProtocolEnabled(true);
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .gracefulShutdownTimeoutMillis(drain.toMillis())
                .build();
    }

    /**
     * Raises the connection-level receive window from the protocol's 65,535 bytes to the
     * configured size. It must exceed one stream's window by a wide margin: a stalled stream
     * holds its unread bytes against the connection window too, and the other streams need room.
     */
    static void openConnectionWindow(Channel channel, FlowControlConfig flow) {
        int delta = flow.connectionWindow() - Http2CodecUtil.DEFAULT_WINDOW_SIZE;
        if (delta > 0) {
            // Written from the tail so that it passes through the frame codec.
            channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(delta));
        }
    }
}
