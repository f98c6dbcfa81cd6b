package io.mraedge.http.edge;

import io.netty.handler.codec.http.HttpDecoderConfig;
import java.time.Duration;

/**
 * Every limit of the edge's HTTPS listener, in one validated object (YAML {@code http.limits}).
 * A request over a limit is refused with 414 (request line or a path segment), 431 (header
 * size or count), 413 (body) or 400, and counts as an HTTP proxy protocol violation.
 *
 * @param maxRequestLine         longest request line (HTTP/1.1) or {@code :path} (h2), bytes;
 *                               {@code max-request-line}, default 8 KiB
 * @param maxHeaderSize          total size of the header fields, bytes; {@code max-header-size},
 *                               default 16 KiB
 * @param maxHeaderCount         most header fields in one request; {@code max-header-count},
 *                               default 100
 * @param maxBodySize            largest request body, bytes; {@code max-body-size}, default 10 MiB
 * @param maxPathSegment         longest segment of a proxied path, characters;
 *                               {@code max-path-segment}, default 255
 * @param idleTimeout            a connection with no traffic either way for this long is closed;
 *                               {@code idle-timeout}, default 60 s
 * @param h2MaxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS offered to h2 clients;
 *                               {@code h2-max-concurrent-streams}, default 100
 * @param h2StreamWindow         initial h2 stream window for request bodies, bytes;
 *                               {@code h2-stream-window}, default 1 MiB
 */
public record HttpLimits(int maxRequestLine, int maxHeaderSize, int maxHeaderCount, long maxBodySize,
                         int maxPathSegment, Duration idleTimeout, int h2MaxConcurrentStreams, int h2StreamWindow) {
    public static final int DEFAULT_MAX_REQUEST_LINE = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    public static final long DEFAULT_MAX_BODY_SIZE = 10L << 20;
    public static final int DEFAULT_MAX_PATH_SEGMENT = 255;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_H2_MAX_CONCURRENT_STREAMS = 100;
    public static final int DEFAULT_H2_STREAM_WINDOW = 1 << 20;

    /** Netty's HTTP/1.1 decoder chunk size; bodies are streamed in pieces of at most this. */
    static final int MAX_CHUNK_SIZE = 16 * 1024;

    public HttpLimits {
        if (maxRequestLine < 64 || maxHeaderSize < 256 || maxHeaderCount < 4 || maxBodySize < 0 || maxPathSegment < 1
                || h2MaxConcurrentStreams < 1 || h2StreamWindow < 65_535) {
            throw new IllegalArgumentException("limits out of range");
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_REQUEST_LINE, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_PATH_SEGMENT, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_H2_MAX_CONCURRENT_STREAMS, DEFAULT_H2_STREAM_WINDOW);
    }

    /** The HTTP/1.1 decoder's configuration for these limits. */
    public HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(maxRequestLine)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(MAX_CHUNK_SIZE)
                .setValidateHeaders(true);
    }
}
