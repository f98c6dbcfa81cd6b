package io.mraedge.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the edge's admin HTTP endpoint (status, metrics, maintenance, bans) listens. YAML key
 * {@code admin.listen}, default {@code 127.0.0.1:9090}. It must be loopback or an inside
 * address, never the outside: a wildcard address, or the edge's {@code outside-address}, is
 * refused when the file is loaded.
 *
 * @param listen the address to bind; port 0 picks a free port (tests)
 */
public record AdminConfig(InetSocketAddress listen) {

    /** Default {@code listen}: loopback only, reachable through an SSH tunnel or a local CLI. */
    public static final InetSocketAddress DEFAULT_LISTEN =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 9090);

    public AdminConfig {
        Objects.requireNonNull(listen, "listen");
    }

    /** All defaults. */
    public static AdminConfig defaults() {
        return new AdminConfig(DEFAULT_LISTEN);
    }
}
