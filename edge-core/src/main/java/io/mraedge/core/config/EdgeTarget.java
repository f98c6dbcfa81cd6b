package io.mraedge.core.config;

import java.util.Objects;

/**
 * One edge the connector dials. The host is resolved when dialling, not at load, so DNS changes
 * are followed. The edge's certificate must carry {@code serverName}, which is also sent as SNI.
 *
 * <p>YAML, an item of {@code traversal.edges}: {@code address} ({@code host:port},
 * {@code [v6]:port}, or a bare host with port {@value #DEFAULT_PORT}) and {@code server-name}
 * (default: the host).
 *
 * @param host       DNS name or IP literal (IPv6 without brackets)
 * @param port       1-65535
 * @param serverName the name to verify in the edge's certificate
 */
public record EdgeTarget(String host, int port, String serverName) {

    /** The traversal port, as in {@link TraversalServerConfig#DEFAULT_PORT}. */
    public static final int DEFAULT_PORT = TraversalServerConfig.DEFAULT_PORT;

    public EdgeTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(serverName, "serverName");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + (serverName.equals(host) ? "" : " (" + serverName + ")");
    }
}
