package io.mraedge.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a role's admin HTTP endpoint (status page, {@code /status}, {@code /metrics},
 * maintenance, bans) listens, and the token that guards its write endpoints. YAML keys
 * {@code admin.listen} (default {@code 127.0.0.1:9090} on the edge, {@code 127.0.0.1:9091} on
 * the connector) and {@code admin.token-file} (optional). It must be loopback or an inside
 * address, never the outside: a wildcard address, or the edge's {@code outside-address}, is
 * refused when the file is loaded.
 *
 * @param listen the address to bind; port 0 picks a free port (tests)
 * @param tokenFile a file holding the bearer token that {@code POST}/{@code DELETE} requests
 *                  must carry ({@code Authorization: Bearer …}); empty: write endpoints are open
 *                  to whoever reaches {@code listen}, which status reports as a warning
 */
public record AdminConfig(InetSocketAddress listen, Optional<Path> tokenFile) {

    /** Default {@code listen} of the edge: loopback only, reachable through SSH or a local CLI. */
    public static final InetSocketAddress DEFAULT_LISTEN =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 9090);

    /** Default {@code listen} of the connector. */
    public static final InetSocketAddress DEFAULT_CONNECTOR_LISTEN =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 9091);

    public AdminConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** The edge's defaults. */
    public static AdminConfig defaults() {
        return new AdminConfig(DEFAULT_LISTEN, Optional.empty());
    }
}
