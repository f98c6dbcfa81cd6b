package io.mraedge.core.traversal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One status line from a connector as the edge parsed it. {@code raw} keeps the whole object
 * so that plugins can read the sections they added on the connector side.
 *
 * @param name the connector's node name
 * @param maintenance whether it is in maintenance (routing sends it no new flows)
 * @param load active flows per kind
 * @param version the connector's software version
 * @param raw the full line as parsed
 */
public record StatusReport(String name, boolean maintenance, Map<String, Long> load, String version, ObjectNode raw) {
    /** Fields every report carries; plugin sections may not reuse them. */
    public static final Set<String> CORE_FIELDS = Set.of("name", "maintenance", "load", "version");

    public StatusReport {
        load = Map.copyOf(load);
    }

    /** Load of a kind, or the total over all kinds when {@code kind} is null. */
    public long load(String kind) {
        if (kind == null) {
            return load.values().stream().mapToLong(Long::longValue).sum();
        }
        return load.getOrDefault(kind, 0L);
    }

    /**
     * Reads a report; throws {@link IllegalArgumentException} naming the field when the line is
     * not a well-formed report.
     */
    public static StatusReport parse(JsonNode node) {
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("status line is not a JSON object");
        }
        JsonNode name = obj.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new IllegalArgumentException("status line has no 'name'");
        }
        JsonNode maintenance = obj.get("maintenance");
        if (maintenance != null && !maintenance.isBoolean()) {
            throw new IllegalArgumentException("status 'maintenance' is not a boolean");
        }
        Map<String, Long> load = new HashMap<>();
        JsonNode loadNode = obj.get("load");
        if (loadNode != null) {
            if (!loadNode.isObject()) {
                throw new IllegalArgumentException("status 'load' is not an object");
            }
            loadNode.fields().forEachRemaining(e -> {
                if (!e.getValue().canConvertToLong()) {
                    throw new IllegalArgumentException("status load '" + e.getKey() + "' is not a number");
                }
                load.put(e.getKey(), e.getValue().asLong());
            });
        }
        JsonNode version = obj.get("version");
        return new StatusReport(name.asText(), maintenance != null && maintenance.asBoolean(), load,
                version == null ? "" : version.asText(), obj);
    }
}
