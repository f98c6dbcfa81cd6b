package io.mraedge.core.config;

/**
 * HTTP/2 flow control and concurrency of a traversal link (RFC 9113 §5.2 and §6.9). Every
 * proxied connection is one stream, so {@code streamWindow} bounds what one slow client can make
 * the tunnel buffer, {@code connectionWindow} bounds the whole link, and
 * {@code maxConcurrentStreams} bounds how many client connections one link carries.
 *
 * <p>YAML keys, flat under {@code traversal}: {@code stream-window} (default 1MiB, 64KiB to
 * 1GiB-1), {@code connection-window} (default 64MiB, at least {@code stream-window}, at most
 * 2^31-1, the largest window HTTP/2 allows), {@code max-concurrent-streams} (default 10000,
 * 1 to 1000000).
 *
 * @param streamWindow         initial window of each stream, in bytes
 * @param connectionWindow     window of the whole connection, in bytes
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS
 */
public record FlowControlConfig(int streamWindow, int connectionWindow, int maxConcurrentStreams) {

    public static final int DEFAULT_STREAM_WINDOW = 1 << 20;
    public static final int MIN_STREAM_WINDOW = 64 << 10;
    public static final int MAX_STREAM_WINDOW = (1 << 30) - 1;
    public static final int DEFAULT_CONNECTION_WINDOW = 64 << 20;
    /** RFC 9113 §6.9.1: a flow-control window must not exceed 2^31-1 octets. */
    public static final int MAX_CONNECTION_WINDOW = Integer.MAX_VALUE;
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 10_000;
    public static final int MAX_MAX_CONCURRENT_STREAMS = 1_000_000;

    public FlowControlConfig {
        if (streamWindow < MIN_STREAM_WINDOW || streamWindow > MAX_STREAM_WINDOW) {
            throw new IllegalArgumentException("streamWindow out of range: " + streamWindow);
        }
        if (connectionWindow < streamWindow) {
            throw new IllegalArgumentException("connectionWindow " + connectionWindow
                    + " is smaller than streamWindow " + streamWindow);
        }
        if (maxConcurrentStreams < 1 || maxConcurrentStreams > MAX_MAX_CONCURRENT_STREAMS) {
            throw new IllegalArgumentException("maxConcurrentStreams out of range: " + maxConcurrentStreams);
        }
    }

    /** All defaults. */
    public static FlowControlConfig defaults() {
        return new FlowControlConfig(DEFAULT_STREAM_WINDOW, DEFAULT_CONNECTION_WINDOW, DEFAULT_MAX_CONCURRENT_STREAMS);
    }
}
