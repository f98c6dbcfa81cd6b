package io.mraedge.core;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeTarget;
import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.core.traversal.TraversalLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector's status document ({@code GET /status} on its admin server, and its status
 * page): role, version, uptime, maintenance, services, the edges it dials with each link's
 * state and last error, its load, and configuration warnings.
 */
final class ConnectorStatusDocument {
    private ConnectorStatusDocument() {
    }

    static Map<String, Object> build(ConnectorNode node, long startedAtMillis, boolean adminTokenConfigured) {
        ConnectorConfig config = node.config();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("role", "connector");
        s.put("name", config.name());
        s.put("version", Version.get());
        s.put("uptimeSeconds", (System.currentTimeMillis() - startedAtMillis) / 1000);
        s.put("transport", node.transport().describe());
        s.put("maintenance", node.maintenance().enabled());
        s.put("services", node.maintenance().describe());
        List<Map<String, Object>> edges = edges(config, node.traversal().links());
        s.put("edges", edges);
        s.put("load", node.status().toJson().get("load"));
        List<String> warnings = new ArrayList<>();
        for (Map<String, Object> edge : edges) {
            if (!"UP".equals(edge.get("state"))) {
                warnings.add("No link to edge " + edge.get("address") + " is UP.");
            }
        }
        if (!adminTokenConfigured) {
            warnings.add("admin.token-file is not set: anyone who reaches "
                    + StreamRouter.format(node.adminAddress() != null ? node.adminAddress() : config.admin().listen())
                    + " can switch maintenance.");
        }
        s.put("warnings", warnings);
        return s;
    }

    private static List<Map<String, Object>> edges(ConnectorConfig config, List<TraversalLink> links) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EdgeTarget target : config.traversal().edges()) {
            List<Map<String, Object>> linkList = new ArrayList<>();
            boolean up = false;
            for (TraversalLink link : links) {
                if (!link.target().equals(target)) {
                    continue;
                }
                up |= link.state() == TraversalLink.State.UP;
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("index", link.index());
                l.put("state", link.state().name());
                l.put("connects", link.connects());
                l.put("lastError", link.lastError());
                l.put("upSinceMillis", link.upSinceMillis());
                linkList.add(l);
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("address", target.host() + ":" + target.port());
            e.put("serverName", target.serverName());
            e.put("state", up ? "UP" : "DOWN");
            e.put("links", linkList);
            out.add(e);
        }
        return out;
    }
}
