package io.mraedge.http.connector;

import java.util.Objects;

/**
 * One inside server of a service domain: a Unified CM node (UDS), an IM and Presence node or a
 * Unity Connection node, as the connector is configured with it.
 *
 * @param host     the name clients and the allow list use, lower case
 * @param address  where the connector connects instead of resolving {@code host} (an IP literal
 *                 or another name), or null to resolve {@code host}; TLS still checks {@code host}
 * @param priority SRV-style priority reported by get_edge_config (lower is preferred)
 * @param weight   SRV-style weight reported by get_edge_config
 * @param port     the HTTPS port (UDS 8443, IM and Presence 8443, Unity Connection 443)
 */
public record UcNode(String host, String address, int priority, int weight, int port) {
    public UcNode {
        Objects.requireNonNull(host, "host");
    }

    /** The host or address the connector dials. */
    public String connectHost() {
        return address != null ? address : host;
    }
}
