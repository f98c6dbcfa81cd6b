package io.mraedge.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The connector's side of the traversal tunnel: which edges to dial, how to trust them, how many
 * links to keep to each, and how to pace reconnects and status reports.
 *
 * <p>YAML, under {@code traversal}: {@code edges} (required, not empty; see {@link EdgeTarget}),
 * {@code ca} (required file), {@code connections-per-edge} (default 2, 1 to 16),
 * {@code backoff} ({@link BackoffConfig}), {@code connect-timeout} (default 10s, more than 0,
 * TCP connect plus TLS handshake), {@code status-interval} (default 5s, more than 0), and flat
 * beside them the {@link LivenessConfig} and {@link FlowControlConfig} keys, which must match the
 * edge's.
 *
 * @param edges              the edges to dial, in file order, no duplicates
 * @param ca                 PEM CA certificate(s) edge certificates must chain to
 * @param connectionsPerEdge links kept open to each edge
 * @param backoff            reconnect pacing
 * @param connectTimeout     how long one dial (TCP and TLS) may take
 * @param statusInterval     how often the connector reports status when nothing changed
 * @param liveness           PING and TCP_USER_TIMEOUT settings
 * @param flowControl        HTTP/2 windows and stream limit
 */
public record TraversalClientConfig(List<EdgeTarget> edges, Path ca, int connectionsPerEdge, BackoffConfig backoff,
                                    Duration connectTimeout, Duration statusInterval, LivenessConfig liveness,
                                    FlowControlConfig flowControl) {

    public static final int DEFAULT_CONNECTIONS_PER_EDGE = 2;
    public static final int MAX_CONNECTIONS_PER_EDGE = 16;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(5);

    public TraversalClientConfig {
        edges = List.copyOf(edges);
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("edges must not be empty");
        }
        Objects.requireNonNull(ca, "ca");
        if (connectionsPerEdge < 1 || connectionsPerEdge > MAX_CONNECTIONS_PER_EDGE) {
            throw new IllegalArgumentException("connectionsPerEdge must be 1 to 16: " + connectionsPerEdge);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(statusInterval, "statusInterval");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(flowControl, "flowControl");
    }
}
