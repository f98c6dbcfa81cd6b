package io.mraedge.core.routing;

/**
 * What routing needs to know of one traversal connection: which connector it leads to, whether
 * it can take a new stream, the connector's last reported state, and how busy the connection
 * is locally.
 */
public interface RoutingCandidate {
    /** Name of the connector node (from its report, else its certificate). */
    String connectorName();

    /** True when the connection is UP: handshake done, status received, PINGs answered, no GOAWAY. */
    boolean acceptsStreams();

    /** The connector's last report said it is in maintenance. */
    boolean inMaintenance();

    /** The connector's last reported load for a kind of flow; its total load when kind is null. */
    long reportedLoad(String kind);

    /** Streams this edge has open on this connection now. */
    int activeStreams();
}
