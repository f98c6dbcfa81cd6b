package io.mraedge.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The whole config of a connector, the inside role: its name, its client certificate, the edges
 * it dials, shutdown, plus the protocol sections modules registered (the inside servers each
 * protocol reaches). Loaded with {@link ConfigLoader#loadConnector}.
 *
 * <p>Top-level YAML keys: {@code role: connector}; {@code name} (required); {@code tls}
 * ({@link TlsConfig}, required; the certificate's SAN must be on each edge's
 * {@code allowed-connectors}); {@code traversal} ({@link TraversalClientConfig});
 * {@code shutdown} ({@link ShutdownConfig}). There is no admin endpoint yet.
 *
 * @param source    the file this was read from
 * @param name      this connector's name, {@code [A-Za-z0-9._-]{1,64}}: status, logs, metrics
 * @param tls       the client certificate presented to the edges
 * @param traversal the edges to dial and how
 * @param admin     where the connector's admin HTTP listens (default 127.0.0.1:9091), and its token
 * @param shutdown  how to stop
 * @param sections  parsed protocol sections by key
 */
public record ConnectorConfig(Path source, String name, TlsConfig tls, TraversalClientConfig traversal,
                              AdminConfig admin, ShutdownConfig shutdown, Map<String, Object> sections) implements RoleConfig {

    public ConnectorConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(traversal, "traversal");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(shutdown, "shutdown");
        sections = Map.copyOf(sections);
    }

    @Override
    public Role role() {
        return Role.CONNECTOR;
    }
}
