package io.mraedge.http.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mraedge.core.traversal.StatusReport;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.allowlist.AllowList;
import io.mraedge.http.allowlist.AllowListJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allow lists connectors report in their status stream ({@code http} section: a
 * {@code revision} and the {@code allow-list} rules), parsed once per revision. Status lines
 * arrive on every load change, so parsing is keyed by the revision the connector computed from
 * its rules, not done per line. A section that does not parse counts as an empty list: default
 * deny. Thread-safe.
 */
final class ConnectorAllowLists {
    private static final Logger log = LoggerFactory.getLogger(ConnectorAllowLists.class);

    private final Cache<String, AllowList> byRevision = Caffeine.newBuilder().maximumSize(64).build();

    /** The rules of the connector behind {@code connection}; empty before its first report. */
    AllowList of(TraversalConnection connection) {
        StatusReport report = connection.report();
        if (report == null) {
            return AllowList.empty();
        }
        JsonNode section = report.raw().get(HttpTraversal.STATUS_SECTION);
        if (section == null || !section.path("revision").isTextual()) {
            return AllowList.empty();
        }
        return byRevision.get(section.path("revision").asText(), revision -> parse(report.name(), section));
    }

    private static AllowList parse(String connector, JsonNode section) {
        try {
            AllowList list = AllowListJson.read(section.get("allow-list"));
            log.info("HTTP allow list of connector {}: {} rule(s), revision {}", connector, list.rules().size(),
                    section.path("revision").asText());
            return list;
        } catch (IllegalArgumentException e) {
            log.error("connector {} reported an HTTP allow list that does not parse ({}); denying everything it"
                    + " would allow", connector, e.getMessage());
            return AllowList.empty();
        }
    }
}
