package io.mraedge.core.testing;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes role configs as YAML files and loads them through the real loader, so that tests use
 * the same path as operators. Everything listens on 127.0.0.1 with port 0.
 */
public final class TestConfigs {
    private TestConfigs() {
    }

    /**
     * An edge config.
     *
     * @param traversalExtra extra YAML lines under {@code traversal:} (e.g. {@code "ping-interval: 300ms"})
     */
    public static EdgeConfig edge(TestPki pki, String name, List<String> allowed, String... traversalExtra) {
        return edgeWithProtection(pki, name, allowed, DEFAULT_PROTECTION, null, traversalExtra);
    }

    /**
     * The protection block of test edges: the connection rate limit raised (tests open many
     * loopback connections at once) and 127.0.0.1 exempt from traversal bans, so that refusal
     * tests see TLS refusals rather than bans. Protection tests pass their own block.
     */
    public static final String DEFAULT_PROTECTION = """
            protection:
              connection-rate: {per-second: 100000, burst: 10000}
              categories:
                traversal-auth-failure: {exemptions: [127.0.0.1/32]}
            """;

    /**
     * An edge config with {@code protectionYaml} (a whole top-level {@code protection:} block)
     * and, when {@code adminTokenFile} is not null, an admin token.
     */
    public static EdgeConfig edgeWithProtection(TestPki pki, String name, List<String> allowed, String protectionYaml,
                                                java.nio.file.Path adminTokenFile, String... traversalExtra) {
        StringBuilder y = new StringBuilder()
                .append("role: edge\n")
                .append("name: ").append(name).append('\n')
                .append("outside-address: 127.0.0.1\n")
                .append("tls:\n")
                .append("  certificate: ").append(pki.cert("edge")).append('\n')
                .append("  private-key: ").append(pki.key("edge")).append('\n')
                .append("traversal:\n")
                .append("  listen: 127.0.0.1:0\n")
                .append("  ca: ").append(pki.caCert()).append('\n')
                .append("  allowed-connectors: [").append(String.join(", ", allowed)).append("]\n");
        for (String line : traversalExtra) {
            y.append("  ").append(line).append('\n');
        }
        y.append("admin:\n  listen: 127.0.0.1:0\n");
        if (adminTokenFile != null) {
            y.append("  token-file: ").append(adminTokenFile).append('\n');
        }
        y.append(protectionYaml);
        return load(pki.dir().resolve(name + ".yaml"), y.toString(), EdgeConfig.class);
    }

    /**
     * A connector config dialling {@code edgePort} on 127.0.0.1.
     *
     * @param certName which certificate of {@code certPki} the connector presents
     * @param trustPki whose CA the connector trusts for the edge
     * @param serverName the name the edge certificate must carry
     */
    public static ConnectorConfig connector(String name, TestPki certPki, String certName, TestPki trustPki,
                                            int edgePort, String serverName, String... traversalExtra) {
        return connectorWithDrain(name, certPki, certName, trustPki, edgePort, serverName, "2s", traversalExtra);
    }

    /** As above, with {@code shutdown.drain-timeout} set to {@code drainTimeout} (e.g. {@code "20s"}). */
    public static ConnectorConfig connectorWithDrain(String name, TestPki certPki, String certName, TestPki trustPki,
                                            int edgePort, String serverName, String drainTimeout,
                                            String... traversalExtra) {
        StringBuilder y = new StringBuilder()
                .append("role: connector\n")
                .append("name: ").append(name).append('\n')
                .append("tls:\n")
                .append("  certificate: ").append(certPki.cert(certName)).append('\n')
                .append("  private-key: ").append(certPki.key(certName)).append('\n')
                .append("traversal:\n")
                .append("  edges:\n")
                .append("    - address: 127.0.0.1:").append(edgePort).append('\n')
                .append("      server-name: ").append(serverName).append('\n')
                .append("  ca: ").append(trustPki.caCert()).append('\n')
                .append("  backoff: {base: 50ms, cap: 500ms, reset-after: 60s}\n");
        for (String line : traversalExtra) {
            y.append("  ").append(line).append('\n');
        }
        y.append("admin:\n  listen: 127.0.0.1:0\n");
        y.append("shutdown:\n  drain-timeout: ").append(drainTimeout).append('\n');
        return load(certPki.dir().resolve(name + "-" + edgePort + ".yaml"), y.toString(), ConnectorConfig.class);
    }

    /** A connector with the usual test identity: {@code connector-1} of {@code pki}, trusting it. */
    public static ConnectorConfig connector(TestPki pki, int edgePort, String... traversalExtra) {
        return connector("connector-1", pki, "connector-1", pki, edgePort, "localhost", traversalExtra);
    }

    private static <T> T load(Path file, String yaml, Class<T> type) {
        try {
            Files.writeString(file, yaml);
            return type.cast(ConfigLoader.standard().load(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("test config is invalid:\n" + yaml + "\n" + e.getMessage(), e);
        }
    }
}
