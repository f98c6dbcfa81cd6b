package io.mraedge.core.metrics;

/**
 * Every metric name and tag of the project, in one place (reactor-netty's Metrics.java habit).
 * Names use dots; the Prometheus registry renders them with underscores and unit suffixes,
 * e.g. {@code mra.traversal.bytes} → {@code mra_traversal_bytes_total}.
 */
public final class MetricNames {
    /** Traversal connections on the edge, by {@link #TAG_STATE}. */
    public static final String TRAVERSAL_CONNECTIONS = "mra.traversal.connections";
    /** Traversal links on the connector, by {@link #TAG_STATE}. */
    public static final String TRAVERSAL_LINKS = "mra.traversal.links";
    /** Streams opened on traversal connections since start. */
    public static final String TRAVERSAL_STREAMS_OPENED = "mra.traversal.streams.opened";
    /** Streams open now. */
    public static final String TRAVERSAL_STREAMS_ACTIVE = "mra.traversal.streams.active";
    /** Bytes on traversal sockets, by {@link #TAG_DIRECTION} (in/out). */
    public static final String TRAVERSAL_BYTES = "mra.traversal.bytes";
    /** PING round-trip time on the edge's traversal connections. */
    public static final String TRAVERSAL_PING_RTT = "mra.traversal.ping.rtt";
    /** Flows open now, by {@link #TAG_PROTOCOL}. */
    public static final String FLOWS_ACTIVE = "mra.flows.active";
    /** Flows opened since start, by {@link #TAG_PROTOCOL}. */
    public static final String FLOWS_OPENED = "mra.flows.opened";
    /** Refusals counted by protection, by {@link #TAG_CATEGORY}. */
    public static final String REFUSALS = "mra.refusals";
    /** Connections dropped at accept, by {@link #TAG_LISTENER} and {@link #TAG_REASON} (banned/rate-limited). */
    public static final String ACCEPT_DROPS = "mra.accept.drops";
    /** Bans in force now. */
    public static final String BANS_ACTIVE = "mra.bans.active";
    /** Bans made since start. */
    public static final String BANS_TOTAL = "mra.bans.total";
    /** TLS handshakes, by {@link #TAG_LISTENER} and {@link #TAG_RESULT} (success/failure). */
    public static final String TLS_HANDSHAKES = "mra.tls.handshakes";
    /** Netty pooled allocator memory in use, by {@link #TAG_MEMORY} (direct/heap). */
    public static final String ALLOCATOR_USED = "mra.netty.allocator.used";
    /** 1 while maintenance mode is on. */
    public static final String MAINTENANCE = "mra.maintenance";
    /** Services by name and state (1 for the current state). */
    public static final String SERVICE_STATE = "mra.service.state";

    public static final String TAG_STATE = "state";
    public static final String TAG_DIRECTION = "direction";
    public static final String TAG_PROTOCOL = "protocol";
    public static final String TAG_CATEGORY = "category";
    public static final String TAG_LISTENER = "listener";
    public static final String TAG_REASON = "reason";
    public static final String TAG_RESULT = "result";
    public static final String TAG_MEMORY = "memory";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_ROLE = "role";
    public static final String TAG_NODE = "node";

    private MetricNames() {
    }
}
