package io.mraedge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's status document ({@code GET /status}, either role) as the few lines
 * {@code mra-edge status} prints, for instance:
 * <pre>
 * edge edge-1, mra-edge 0.1.0, up 2h 03m 04s
 * maintenance    off
 * services       sip-tls  ACTIVE  3 flows
 * connectors     connector-1  UP  rtt 0.42 ms  links: 2 UP
 * registrations  0 now, peak 0
 * bans           0 active
 * warnings       none
 * </pre>
 * A connector's document has {@code edges} instead of connectors, and no registrations or bans.
 * Whatever the document lacks is left out, so that a node of another version still prints.
 */
final class StatusSummary {
    private static final int LABEL_WIDTH = "registrations".length() + 2;

    private StatusSummary() {
    }

    static List<String> lines(JsonNode status) {
        List<String> out = new ArrayList<>();
        out.add(header(status));
        if (status.has("maintenance")) {
            section(out, "maintenance", List.of(maintenance(status.path("maintenance").asBoolean())));
        }
        if (status.has("services")) {
            section(out, "services", orNone(services(status.path("services")).lines()));
        }
        if (status.has("connectors")) {
            section(out, "connectors", orNone(connectors(status.path("connectors")).lines()));
        }
        if (status.has("edges")) {
            section(out, "edges", orNone(edges(status.path("edges")).lines()));
        }
        if (status.has("registrations")) {
            JsonNode registrations = status.path("registrations");
            section(out, "registrations", List.of(registrations.path("current").asLong() + " now, peak "
                    + registrations.path("peak").asLong()));
        }
        if (status.has("bans")) {
            long bans = status.path("bans").asLong();
            section(out, "bans", List.of(bans + " active" + (bans > 0 ? " (mra-edge bans lists them)" : "")));
        }
        if (status.has("warnings")) {
            List<String> warnings = new ArrayList<>();
            status.path("warnings").forEach(w -> warnings.add(w.asText()));
            section(out, "warnings", orNone(warnings));
        }
        return out;
    }

    /** What maintenance means for traffic, in the words of the status page. */
    static String maintenance(boolean on) {
        return on ? "on: new flows are refused, running ones finish" : "off";
    }

    /** Service name, state and running flows, one row each; the same in status and maintenance. */
    static TextTable services(JsonNode services) {
        TextTable table = new TextTable();
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            long flows = service.getValue().path("activeFlows").asLong();
            table.row(service.getKey(), service.getValue().path("state").asText("?"),
                    flows + (flows == 1 ? " flow" : " flows"));
        }
        return table;
    }

    /** Uptime as an operator reads it: {@code 45s}, {@code 12m 03s}, {@code 2h 03m 04s}, {@code 3d 02h 03m}. */
    static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3_600;
        long m = seconds % 3_600 / 60;
        long s = seconds % 60;
        if (d > 0) {
            return String.format(Locale.ROOT, "%dd %02dh %02dm", d, h, m);
        }
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh %02dm %02ds", h, m, s);
        }
        if (m > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", m, s);
        }
        return s + "s";
    }

    private static String header(JsonNode status) {
        StringBuilder header = new StringBuilder()
                .append(status.path("role").asText("node")).append(' ').append(status.path("name").asText("?"));
        if (status.hasNonNull("version")) {
            header.append(", mra-edge ").append(status.path("version").asText());
        }
        if (status.has("uptimeSeconds")) {
            header.append(", up ").append(duration(status.path("uptimeSeconds").asLong()));
        }
        return header.toString();
    }

    /** The edge's view: each connector, its state, best RTT, its links' states, maintenance. */
    private static TextTable connectors(JsonNode connectors) {
        TextTable table = new TextTable();
        for (JsonNode c : connectors) {
            JsonNode rtt = c.path("rttMillis");
            table.row(c.path("name").asText("?"), c.path("state").asText("?"),
                    rtt.isNumber() ? String.format(Locale.ROOT, "rtt %.2f ms", rtt.asDouble()) : "rtt -",
                    "links: " + linkStates(c.path("links")),
                    c.path("maintenance").asBoolean() ? "in maintenance" : "");
        }
        return table;
    }

    /** The connector's view: each edge it dials, its state, its links, and the last error while not UP. */
    private static TextTable edges(JsonNode edges) {
        TextTable table = new TextTable();
        for (JsonNode e : edges) {
            String state = e.path("state").asText("?");
            String address = e.path("address").asText("?");
            if (e.hasNonNull("serverName")) {
                address += " (" + e.path("serverName").asText() + ")";
            }
            String lastError = "";
            if (!"UP".equals(state)) {
                for (JsonNode link : e.path("links")) {
                    if (link.hasNonNull("lastError") && !link.path("lastError").asText().isEmpty()) {
                        lastError = "last error: " + link.path("lastError").asText();
                        break;
                    }
                }
            }
            table.row(address, state, "links: " + linkStates(e.path("links")), lastError);
        }
        return table;
    }

    /** Links counted by state, in order of first appearance: {@code 2 UP}, {@code 1 UP, 1 DRAINING}. */
    private static String linkStates(JsonNode links) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        links.forEach(link -> counts.merge(link.path("state").asText("?"), 1, Integer::sum));
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(n + " " + state));
        return String.join(", ", parts);
    }

    private static List<String> orNone(List<String> lines) {
        return lines.isEmpty() ? List.of("none") : lines;
    }

    private static void section(List<String> out, String label, List<String> lines) {
        String pad = " ".repeat(LABEL_WIDTH);
        for (int i = 0; i < lines.size(); i++) {
            String head = i == 0 ? label + " ".repeat(LABEL_WIDTH - label.length()) : pad;
            out.add(head + lines.get(i));
        }
    }
}
