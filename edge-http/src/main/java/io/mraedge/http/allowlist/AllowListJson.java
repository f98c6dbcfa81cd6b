package io.mraedge.http.allowlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Allow-list rules as JSON, the form they travel in from connector to edge in the status
 * stream: {@code [{"url": "https://h:8443/p/", "match": "prefix", "methods": ["GET"],
 * "origin": "automatic"}, ...]}. The description stays on the connector.
 */
public final class AllowListJson {
    private AllowListJson() {
    }

    public static ArrayNode write(List<AllowRule> rules) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (AllowRule r : rules) {
            ObjectNode o = array.addObject();
            o.put("url", r.url());
            o.put("match", r.match().key());
            ArrayNode methods = o.putArray("methods");
            r.methods().stream().sorted().forEach(methods::add);
            o.put("origin", r.origin().key());
        }
        return array;
    }

    /**
     * Reads rules written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the first bad rule
     */
    public static AllowList read(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("allow-list is not a JSON array");
        }
        List<AllowRule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode o = array.get(i);
            try {
                MatchType match = MatchType.parse(o.path("match").asText())
                        .orElseThrow(() -> new IllegalArgumentException("match is not exact or prefix"));
                Set<String> methods = new HashSet<>();
                o.path("methods").forEach(m -> methods.add(m.asText()));
                RuleOrigin origin = "manual".equals(o.path("origin").asText()) ? RuleOrigin.MANUAL : RuleOrigin.AUTOMATIC;
                rules.add(AllowRule.fromUrl(o.path("url").asText(), match, methods, origin, ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("allow-list rule " + i + ": " + e.getMessage(), e);
            }
        }
        return AllowList.of(rules);
    }
}
