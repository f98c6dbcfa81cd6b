package io.mraedge.core.config;

import io.mraedge.core.protection.ProtectionConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The whole config of an edge, the DMZ role: its names, the outside address its protocol
 * listeners bind, its certificate, the traversal listener for connectors, admin and shutdown,
 * plus the protocol sections modules registered. Loaded with {@link ConfigLoader#loadEdge}.
 *
 * <p>Top-level YAML keys: {@code role: edge}; {@code name} (required); {@code public-name}
 * (default: {@code name}); {@code outside-address} (default {@code 0.0.0.0}); {@code tls}
 * ({@link TlsConfig}, required); {@code traversal} ({@link TraversalServerConfig});
 * {@code admin} ({@link AdminConfig}); {@code shutdown} ({@link ShutdownConfig}).
 *
 * @param source         the file this was read from
 * @param name           this edge's name, {@code [A-Za-z0-9._-]{1,64}}: status, logs, metrics
 * @param publicName     the DNS name clients use to reach this edge (SRV target, certificate
 *                       name); it is what the edge tells connectors and clients about itself
 * @param outsideAddress the address outside listeners bind; an IP literal
 * @param tls            the certificate presented to outside clients and to connectors
 * @param traversal      the listener connectors dial into
 * @param admin          where admin HTTP listens, and its token
 * @param protection     intrusion protection: categories, bans, exemptions, connection rate
 * @param shutdown       how to stop
 * @param sections       parsed protocol sections by key
 */
public record EdgeConfig(Path source, String name, String publicName, InetAddress outsideAddress, TlsConfig tls,
                         TraversalServerConfig traversal, AdminConfig admin, ProtectionConfig protection,
                         ShutdownConfig shutdown,
                         Map<String, Object> sections) implements RoleConfig {

    /** Default {@code outside-address}: every IPv4 interface. Set it on a dual-NIC VM. */
    public static final InetAddress DEFAULT_OUTSIDE_ADDRESS = HostSyntax.ANY_IPV4;

    public EdgeConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicName, "publicName");
        Objects.requireNonNull(outsideAddress, "outsideAddress");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(traversal, "traversal");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(shutdown, "shutdown");
        sections = Map.copyOf(sections);
    }

    @Override
    public Role role() {
        return Role.EDGE;
    }
}
