package io.mraedge.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a connector's file into a {@link ConnectorConfig}. Keys and defaults are documented on
 * the records; this class adds the checks that span keys (backoff cap at least base, each edge
 * listed once).
 */
final class ConnectorConfigParser {

    /** The connector's own top-level keys; protocol sections may not take these names. */
    static final Set<String> CORE_KEYS = Set.of("role", "name", "tls", "traversal", "admin", "shutdown");

    private ConnectorConfigParser() {
    }

    /** Reads the file; {@code role} has been read already. Null when a problem was recorded. */
    static ConnectorConfig parse(ConfigReader root, Path source, Map<String, SectionParser<?>> sectionParsers) {
        String name = CommonConfigParser.name(root);
        TlsConfig tls = CommonConfigParser.tls(root);
        TraversalClientConfig traversal = traversal(root.child("traversal"));
        AdminConfig admin = CommonConfigParser.admin(root.child("admin"), AdminConfig.DEFAULT_CONNECTOR_LISTEN, null);
        ShutdownConfig shutdown = CommonConfigParser.shutdown(root);
        Map<String, Object> sections = CommonConfigParser.sections(root, sectionParsers);
        return root.finish(() -> new ConnectorConfig(source, name, tls, traversal, admin, shutdown, sections));
    }

    private static TraversalClientConfig traversal(ConfigReader traversal) {
        List<EdgeTarget> edges = edges(traversal.children("edges"));
        Path ca = traversal.file("ca");
        int connectionsPerEdge = traversal.integer("connections-per-edge",
                TraversalClientConfig.DEFAULT_CONNECTIONS_PER_EDGE, 1, TraversalClientConfig.MAX_CONNECTIONS_PER_EDGE);
        BackoffConfig backoff = backoff(traversal.child("backoff"));
        Duration connectTimeout = traversal.positiveDuration("connect-timeout",
                TraversalClientConfig.DEFAULT_CONNECT_TIMEOUT);
        Duration statusInterval = traversal.positiveDuration("status-interval",
                TraversalClientConfig.DEFAULT_STATUS_INTERVAL);
        LivenessConfig liveness = CommonConfigParser.liveness(traversal);
        FlowControlConfig flowControl = CommonConfigParser.flowControl(traversal);
        return traversal.finish(() -> new TraversalClientConfig(edges, ca, connectionsPerEdge, backoff,
                connectTimeout, statusInterval, liveness, flowControl));
    }

    private static List<EdgeTarget> edges(List<ConfigReader> items) {
        List<EdgeTarget> edges = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigReader item : items) {
            EdgeTarget edge = edge(item);
            if (edge == null) {
                continue;
            }
            String first = seen.putIfAbsent(edge.host() + " " + edge.port(), item.path());
            if (first != null) {
                item.problem("address", "the same edge as " + first + "; list each edge once");
            } else {
                edges.add(edge);
            }
        }
        return edges;
    }

    private static EdgeTarget edge(ConfigReader item) {
        String address = item.string("address");
        Optional<String> serverName = item.optionalString("server-name");
        HostPort hostPort = null;
        if (address != null) {
            try {
                hostPort = HostPort.parse(address, EdgeTarget.DEFAULT_PORT, 1);
            } catch (InvalidValueException e) {
                item.problem("address", e.getMessage());
            }
        }
        if (serverName.isPresent() && !HostSyntax.isDnsName(serverName.get())
                && HostSyntax.ipLiteral(serverName.get()).isEmpty()) {
            item.problem("server-name", YamlNode.quote(serverName.get())
                    + " is not a DNS name; write the name the edge's certificate carries");
        }
        HostPort target = hostPort;
        return item.finish(() -> new EdgeTarget(target.host(), target.port(), serverName.orElse(target.host())));
    }

    private static BackoffConfig backoff(ConfigReader backoff) {
        Duration base = backoff.positiveDuration("base", BackoffConfig.DEFAULT_BASE);
        Duration cap = backoff.positiveDuration("cap", BackoffConfig.DEFAULT_CAP);
        Duration resetAfter = backoff.positiveDuration("reset-after", BackoffConfig.DEFAULT_RESET_AFTER);
        if (cap.compareTo(base) < 0) {
            backoff.problem("cap", "must be at least base (" + DurationSyntax.format(base) + "), got "
                    + DurationSyntax.format(cap));
        }
        return backoff.finish(() -> new BackoffConfig(base, cap, resetAfter));
    }
}

