package io.mraedge.core.edge;

import io.mraedge.core.EdgeNode;
import io.mraedge.core.Version;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.protection.ProtectionConfig;
import io.mraedge.core.traversal.StatusReport;
import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.core.traversal.TraversalConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The edge's status document ({@code GET /status}, and the status page): role, version,
 * uptime, maintenance, services, connectors with their links, registrations, bans and
 * configuration warnings. Built fresh on each request from live state.
 */
public final class EdgeStatus {
    private EdgeStatus() {
    }

    public static Map<String, Object> document(EdgeNode edge, long startedAtMillis, boolean adminTokenConfigured) {
        EdgeConfig config = edge.config();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("role", "edge");
        s.put("name", config.name());
        s.put("version", Version.get());
        s.put("uptimeSeconds", (System.currentTimeMillis() - startedAtMillis) / 1000);
        s.put("transport", edge.transport().describe());
        s.put("maintenance", edge.maintenance().enabled());
        s.put("services", edge.maintenance().describe());
        List<Map<String, Object>> connectors = connectors(edge.connectors().snapshot());
        s.put("connectors", connectors);
        s.put("registrations", Map.of("current", 0L, "peak", 0L));
        s.put("bans", edge.protection().map(p -> p.bansActive()).orElse(0));
        s.put("warnings", warnings(config, edge.adminAddress(), connectors, adminTokenConfigured));
        return s;
    }

    private static List<String> warnings(EdgeConfig config, java.net.InetSocketAddress adminBound,
                                         List<Map<String, Object>> connectors, boolean token) {
        List<String> w = new ArrayList<>();
        if (connectors.stream().noneMatch(c -> "UP".equals(c.get("state")))) {
            w.add("No connector is UP: new flows are refused until a connector connects to traversal port "
                    + config.traversal().listen().getPort() + ".");
        }
        if (!token) {
            w.add("admin.token-file is not set: anyone who reaches "
                    + StreamRouter.format(adminBound != null ? adminBound : config.admin().listen())
                    + " can switch maintenance and lift bans.");
        }
        if (config.traversal().listen().getAddress().isAnyLocalAddress()) {
            w.add("traversal.listen is " + StreamRouter.format(config.traversal().listen())
                    + ": bind it to the inside interface so that the internet cannot reach the traversal port.");
        }
        if (config.outsideAddress().isAnyLocalAddress()) {
            w.add("outside-address is " + config.outsideAddress().getHostAddress()
                    + ": outside listeners bind every interface, the inside one included.");
        }
        ProtectionConfig protection = config.protection();
        for (ProtectionCategory c : ProtectionCategory.values()) {
            boolean enabled = protection.policy(c).enabled();
            if (!enabled && c.defaultPolicy().enabled()) {
                w.add("Intrusion protection for \"" + c.label() + "\" is disabled.");
            } else if (enabled && c == ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE) {
                w.add("Intrusion protection for \"" + c.label() + "\" is enabled; it can ban legitimate clients"
                        + " that ask for a resource the allow list does not hold.");
            }
        }
        return w;
    }

    private static List<Map<String, Object>> connectors(List<TraversalConnection> all) {
        Map<String, List<TraversalConnection>> byName = new TreeMap<>();
        for (TraversalConnection c : all) {
            byName.computeIfAbsent(c.connectorName(), k -> new ArrayList<>()).add(c);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byName.forEach((name, conns) -> {
            conns.sort((a, b) -> Long.compare(a.id(), b.id()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("state", conns.stream().anyMatch(TraversalConnection::acceptsStreams) ? "UP" : "DOWN");
            entry.put("mtls", true);
            entry.put("rttMillis", millis(conns.stream().mapToLong(TraversalConnection::rttNanos).filter(r -> r >= 0)
                    .min().orElse(-1)));
            entry.put("maintenance", conns.stream().anyMatch(TraversalConnection::inMaintenance));
            Optional<StatusReport> report = conns.stream().map(TraversalConnection::report)
                    .filter(r -> r != null).findFirst();
            entry.put("load", report.map(StatusReport::load).orElse(Map.of()));
            entry.put("version", report.map(StatusReport::version).orElse(null));
            List<Map<String, Object>> links = new ArrayList<>();
            for (TraversalConnection c : conns) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("id", c.id());
                link.put("state", c.state().name());
                link.put("from", StreamRouter.format(c.remoteAddress()));
                link.put("identity", c.identity());
                link.put("rttMillis", millis(c.rttNanos()));
                link.put("activeStreams", c.activeStreams());
                if (!c.reason().isEmpty()) {
                    link.put("reason", c.reason());
                }
                links.add(link);
            }
            entry.put("links", links);
            out.add(entry);
        });
        return out;
    }

    /** Nanoseconds as milliseconds with two decimals; null for "not measured yet" (negative). */
    static Double millis(long nanos) {
        return nanos < 0 ? null : Math.round(nanos / 10_000.0) / 100.0;
    }
}
