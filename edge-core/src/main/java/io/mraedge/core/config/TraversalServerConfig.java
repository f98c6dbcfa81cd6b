package io.mraedge.core.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The edge's side of the traversal tunnel: where connectors dial in, and which of them are let
 * in. A connector must present a client certificate that chains to {@code ca} and whose subject
 * alternative name (DNS name or IP address) is in {@code allowedConnectors}.
 *
 * <p>YAML, under {@code traversal}: {@code listen} (default {@code 0.0.0.0:7001}; bind it to the
 * inside interface in production), {@code ca} (required file), {@code allowed-connectors}
 * (required, not empty), {@code handshake-timeout} (default 10s, more than 0), and flat beside
 * them the {@link LivenessConfig} and {@link FlowControlConfig} keys.
 *
 * @param listen            address the traversal listener binds
 * @param ca                PEM CA certificate(s) that connector certificates must chain to
 * @param allowedConnectors SANs of the connectors allowed in, in file order, no duplicates
 * @param handshakeTimeout  how long a TLS handshake may take before the socket is closed
 * @param liveness          PING and TCP_USER_TIMEOUT settings
 * @param flowControl       HTTP/2 windows and stream limit
 */
public record TraversalServerConfig(InetSocketAddress listen, Path ca, List<String> allowedConnectors,
                                    Duration handshakeTimeout, LivenessConfig liveness,
                                    FlowControlConfig flowControl) {

    /** The port of the one firewall rule between DMZ and inside. */
    public static final int DEFAULT_PORT = 7001;
    public static final InetSocketAddress DEFAULT_LISTEN =
            new InetSocketAddress(HostSyntax.ANY_IPV4, DEFAULT_PORT);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public TraversalServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(ca, "ca");
        allowedConnectors = List.copyOf(allowedConnectors);
        if (allowedConnectors.isEmpty()) {
            throw new IllegalArgumentException("allowedConnectors must not be empty");
        }
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(flowControl, "flowControl");
    }
}
