package io.mraedge.media.relay;

/**
 * The media relay's metric names and tags (reactor-netty's Metrics.java habit; the core's are in
 * {@link io.mraedge.core.metrics.MetricNames}). Names use dots; Prometheus renders
 * {@code mra.media.packets} as {@code mra_media_packets_total}.
 */
public final class MediaMetricNames {
    /**
     * Datagrams, by {@link #TAG_ROLE}, {@link #TAG_DIRECTION}, {@link #TAG_RESULT} (forwarded/dropped)
     * and {@link #TAG_REASON} ({@link DropReason#tag()}, or {@link #REASON_NONE} when forwarded).
     */
    public static final String PACKETS = "mra.media.packets";
    /** Payload bytes of {@link #PACKETS}, same tags. */
    public static final String BYTES = "mra.media.bytes";
    /** Streams open now, by {@link #TAG_ROLE}. */
    public static final String STREAMS_ACTIVE = "mra.media.streams.active";
    /** Per-stream ports free now, by {@link #TAG_ROLE}. */
    public static final String PORTS_FREE = "mra.media.ports.free";
    /** Allocations refused for want of a port, by {@link #TAG_ROLE}. */
    public static final String PORTS_EXHAUSTED = "mra.media.ports.exhausted";

    public static final String TAG_ROLE = io.mraedge.core.metrics.MetricNames.TAG_ROLE;
    public static final String TAG_DIRECTION = io.mraedge.core.metrics.MetricNames.TAG_DIRECTION;
    public static final String TAG_RESULT = io.mraedge.core.metrics.MetricNames.TAG_RESULT;
    public static final String TAG_REASON = io.mraedge.core.metrics.MetricNames.TAG_REASON;

    public static final String RESULT_FORWARDED = "forwarded";
    public static final String RESULT_DROPPED = "dropped";
    /** The reason of forwarded datagrams: Prometheus wants one tag set per name. */
    public static final String REASON_NONE = "none";
    public static final String ROLE_EDGE = "edge";
    public static final String ROLE_CONNECTOR = "connector";

    private MediaMetricNames() {
    }
}
