package io.mraedge.core.admin;

import static io.mraedge.core.admin.HtmlEscaper.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The admin status page a person reads in a browser, without JavaScript: the {@code /status}
 * document of either role as plain HTML5, modelled on the product's Status &gt; Overview and
 * Status &gt; Unified Communications pages. The page reloads itself with a meta refresh; every
 * value is HTML-escaped. Keys absent from the document are sections not shown.
 */
public final class StatusPage {
    /** What the admin route answers with. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** Shown wherever maintenance affects something, as the product's status pages do. */
    public static final String MAINTENANCE_MARKER = "(Maintenance Mode)";
    public static final String MAINTENANCE_BANNER = "Maintenance mode is ON: new flows are refused; running ones finish";
    /** Seconds between reloads; a meta refresh, since the page carries no script. */
    static final int REFRESH_SECONDS = 10;

    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String NONE = "—";
    private static final String STYLE = """
            body{margin:0;font:14px/1.45 system-ui,"DejaVu Sans",Arial,sans-serif;color:#1b1f23;background:#f3f5f7}
            header{background:#123047;color:#fff;padding:12px 24px}
            h1{margin:0;font-size:22px;font-weight:600}
            h1 .role{font-size:13px;font-weight:600;text-transform:uppercase;background:#2c5478;padding:2px 8px;border-radius:3px;vertical-align:middle}
            header dl{display:flex;flex-wrap:wrap;gap:4px 28px;margin:8px 0 0}
            header dl div{display:flex;gap:6px}
            header dt{opacity:.75} header dd{margin:0;font-weight:600}
            main{padding:16px 24px;max-width:1150px}
            section{background:#fff;border:1px solid #d5dce3;border-radius:4px;margin:0 0 16px;padding:8px 16px 12px}
            h2{font-size:16px;margin:4px 0 8px} table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e7eb;vertical-align:top;white-space:nowrap}
            td.wrap{white-space:normal;width:100%}
            th{background:#eef1f4;font-weight:600}
            td.num{font-variant-numeric:tabular-nums}
            .state{display:inline-block;padding:0 6px;border-radius:3px;font-weight:700;font-size:12px}
            .up{background:#d3f3da;color:#0f5c27} .down{background:#fcdede;color:#a01414}
            .draining{background:#fff0bd;color:#754f00} .stopped{background:#e2e5e9;color:#454d55}
            .unknown{background:#ececec;color:#333}
            .maint{color:#8a4b00;font-weight:700}
            .banner{background:#ffb400;color:#1b1f23;border:2px solid #8a5a00;border-radius:4px;padding:10px 16px;margin:0 0 16px;font-size:17px;font-weight:700}
            ul.links{margin:0;padding-left:18px;font-size:12.5px} ul.warnings li{color:#8a3b00}
            .muted{color:#5c6670} footer{padding:0 24px 16px;color:#5c6670;font-size:12px}
            """;

    private StatusPage() {
    }

    /** Renders the {@code /status} document ({@code EdgeNode.status()} or the connector's) as a page. */
    public static String render(Map<String, Object> status) {
        boolean maintenance = Boolean.TRUE.equals(status.get("maintenance"));
        StringBuilder out = new StringBuilder(8192);
        head(out, status);
        header(out, status, maintenance);
        out.append("<main>\n");
        if (maintenance) {
            out.append("<p class=\"banner\" id=\"maintenance\">").append(MAINTENANCE_BANNER).append("</p>\n");
        }
        services(out, status.get("services"), maintenance);
        registrations(out, status.get("registrations"));
        media(out, status.get("media"));
        connectors(out, status.get("connectors"));
        edges(out, status.get("edges"));
        load(out, status.get("load"));
        protection(out, status.get("bans"));
        warnings(out, status.get("warnings"));
        out.append("</main>\n<footer>Reloads every ").append(REFRESH_SECONDS)
                .append(" s. The same data as JSON: <a href=\"/status\">/status</a></footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void head(StringBuilder out, Map<String, Object> status) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>mra-edge ").append(escape(status.get("name"))).append(" — Status</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    }

    private static void header(StringBuilder out, Map<String, Object> status, boolean maintenance) {
        out.append("<header>\n<h1>").append(escape(status.get("name")))
                .append(" <span class=\"role\">").append(escape(status.get("role"))).append("</span></h1>\n<dl>");
        fact(out, "Role", escape(status.get("role")));
        fact(out, "Version", escape(status.get("version")));
        if (status.get("uptimeSeconds") instanceof Number n) {
            fact(out, "Uptime", uptime(n.longValue()));
        }
        fact(out, "Transport", escape(status.get("transport")));
        fact(out, "Maintenance", maintenance ? "ON " + MAINTENANCE_MARKER : "off");
        out.append("</dl>\n</header>\n");
    }

    private static void fact(StringBuilder out, String term, String html) {
        out.append("<div><dt>").append(term).append("</dt><dd>").append(html.isEmpty() ? NONE : html).append("</dd></div>");
    }

    private static void services(StringBuilder out, Object value, boolean maintenance) {
        Map<?, ?> services = asMap(value);
        if (value == null || !section(out, "Services", services.isEmpty(), "No services registered.")) {
            return;
        }
        out.append("<table>\n<tr><th>Service</th><th>State</th><th>Active flows</th></tr>\n");
        services.forEach((name, service) -> {
            Map<?, ?> s = asMap(service);
            out.append("<tr><td>").append(escape(name)).append("</td><td>").append(state(s.get("state")));
            if (maintenance) {
                out.append(' ').append(marker());
            }
            out.append("</td><td class=\"num\">").append(count(s.get("activeFlows"))).append("</td></tr>\n");
        });
        out.append("</table>\n</section>\n");
    }

    private static void registrations(StringBuilder out, Object value) {
        if (value == null) {
            return;
        }
        Map<?, ?> r = asMap(value);
        section(out, "MRA Registration");
        out.append("<table>\n<tr><th>Current</th><th>Peak since restart</th></tr>\n<tr><td class=\"num\">")
                .append(count(r.get("current"))).append("</td><td class=\"num\">").append(count(r.get("peak")))
                .append("</td></tr>\n</table>\n</section>\n");
    }

    /** The media relay: {@code streamsActive}, {@code portsFree}, {@code portsExhausted}, {@code toInside}/{@code toOutside}. */
    private static void media(StringBuilder out, Object value) {
        if (value == null) {
            return;
        }
        Map<?, ?> m = asMap(value);
        section(out, "Media relay");
        out.append("<p>Streams ").append(count(m.get("streamsActive"))).append(" · ports free ")
                .append(count(m.get("portsFree"))).append(" · refused for want of ports ")
                .append(count(m.get("portsExhausted"))).append("</p>\n");
        out.append("<table>\n<tr><th>Direction</th><th>Forwarded packets</th><th>Forwarded bytes</th>"
                + "<th>Dropped packets</th></tr>\n");
        for (String[] direction : new String[][] {{"toInside", "client → inside"}, {"toOutside", "inside → client"}}) {
            Map<?, ?> d = asMap(m.get(direction[0]));
            out.append("<tr><td>").append(direction[1]).append("</td><td class=\"num\">")
                    .append(count(d.get("forwardedPackets"))).append("</td><td class=\"num\">")
                    .append(count(d.get("forwardedBytes"))).append("</td><td class=\"num\">")
                    .append(count(d.get("droppedPackets"))).append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static void connectors(StringBuilder out, Object value) {
        List<?> connectors = asList(value);
        if (value == null || !section(out, "Connectors", connectors.isEmpty(), "No connectors connected.")) {
            return;
        }
        out.append("<table>\n<tr><th>Connector</th><th>State</th><th>mTLS</th><th>RTT</th><th>Maintenance</th>"
                + "<th>Load</th><th>Version</th><th>Links</th></tr>\n");
        for (Object o : connectors) {
            Map<?, ?> c = asMap(o);
            out.append("<tr><td>").append(escape(c.get("name")))
                    .append("</td><td>").append(state(c.get("state")))
                    .append("</td><td>").append(Boolean.TRUE.equals(c.get("mtls")) ? "yes" : "no")
                    .append("</td><td class=\"num\">").append(millis(c.get("rttMillis")))
                    .append("</td><td>").append(Boolean.TRUE.equals(c.get("maintenance")) ? marker() : "off")
                    .append("</td><td>").append(loadText(c.get("load")))
                    .append("</td><td>").append(orNone(c.get("version")))
                    .append("</td><td class=\"wrap\">").append(links(c.get("links"), StatusPage::connectorLink))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static String connectorLink(Map<?, ?> link) {
        String line = "#" + escape(link.get("id")) + " " + state(link.get("state"))
                + " from " + orNone(link.get("from")) + " as " + orNone(link.get("identity"))
                + " · RTT " + millis(link.get("rttMillis")) + " · " + plural(link.get("activeStreams"), "stream");
        return link.get("reason") == null ? line : line + " · " + escape(link.get("reason"));
    }

    private static void edges(StringBuilder out, Object value) {
        List<?> edges = asList(value);
        if (value == null || !section(out, "Edges", edges.isEmpty(), "No edges configured.")) {
            return;
        }
        out.append("<table>\n<tr><th>Edge</th><th>Server name</th><th>State</th><th>Links</th></tr>\n");
        for (Object o : edges) {
            Map<?, ?> e = asMap(o);
            out.append("<tr><td>").append(escape(e.get("address")))
                    .append("</td><td>").append(orNone(e.get("serverName")))
                    .append("</td><td>").append(state(e.get("state")))
                    .append("</td><td class=\"wrap\">").append(links(e.get("links"), StatusPage::edgeLink))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static String edgeLink(Map<?, ?> link) {
        StringBuilder line = new StringBuilder("link ").append(escape(link.get("index"))).append(' ')
                .append(state(link.get("state"))).append(" · ").append(plural(link.get("connects"), "connect"));
        if (link.get("upSinceMillis") instanceof Number since && since.longValue() > 0) {
            line.append(" · up since ").append(SINCE.format(Instant.ofEpochMilli(since.longValue())));
        }
        if (link.get("lastError") instanceof String error && !error.isEmpty()) {
            line.append(" · last error: ").append(escape(error));
        }
        return line.toString();
    }

    private static String links(Object value, Function<Map<?, ?>, String> line) {
        List<?> links = asList(value);
        if (links.isEmpty()) {
            return "<span class=\"muted\">none</span>";
        }
        StringBuilder out = new StringBuilder("<ul class=\"links\">");
        for (Object link : links) {
            out.append("<li>").append(line.apply(asMap(link))).append("</li>");
        }
        return out.append("</ul>").toString();
    }

    private static void load(StringBuilder out, Object value) {
        Map<?, ?> load = asMap(value);
        if (value == null || !section(out, "Load", load.isEmpty(), "No active flows.")) {
            return;
        }
        out.append("<table>\n<tr><th>Kind</th><th>Active flows</th></tr>\n");
        load.forEach((kind, n) -> out.append("<tr><td>").append(escape(kind)).append("</td><td class=\"num\">")
                .append(count(n)).append("</td></tr>\n"));
        out.append("</table>\n</section>\n");
    }

    private static void protection(StringBuilder out, Object value) {
        if (value instanceof Number bans) {
            section(out, "Protection");
            out.append("<p>Protection: ").append(plural(bans, "active ban")).append("</p>\n</section>\n");
        }
    }

    private static void warnings(StringBuilder out, Object value) {
        List<?> warnings = asList(value);
        if (!section(out, "Configuration warnings", warnings.isEmpty(), "No configuration warnings")) {
            return;
        }
        out.append("<ul class=\"warnings\">\n");
        warnings.forEach(w -> out.append("<li>").append(escape(w)).append("</li>\n"));
        out.append("</ul>\n</section>\n");
    }

    private static void section(StringBuilder out, String title) {
        out.append("<section>\n<h2>").append(title).append("</h2>\n");
    }

    /** Opens a section; when it has nothing to show, says so, closes it and returns false. */
    private static boolean section(StringBuilder out, String title, boolean empty, String emptyText) {
        section(out, title);
        if (empty) {
            out.append("<p class=\"muted\">").append(emptyText).append("</p>\n</section>\n");
        }
        return !empty;
    }

    /** A state as a badge whose CSS class says how it looks: up, down, draining, stopped. */
    private static String state(Object value) {
        String text = value == null ? "UNKNOWN" : value.toString();
        return "<span class=\"state " + stateClass(text) + "\">" + escape(text) + "</span>";
    }

    static String stateClass(String state) {
        return switch (state) {
            case "UP", "ACTIVE" -> "up";
            case "DOWN", "BACKING_OFF" -> "down";
            case "DRAINING", "CONNECTING" -> "draining";
            case "STOPPED" -> "stopped";
            default -> "unknown";
        };
    }

    private static String marker() {
        return "<span class=\"maint\">" + MAINTENANCE_MARKER + "</span>";
    }

    /** "3 h 12 min", "2 d 4 h", "5 min", "42 s". */
    static String uptime(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return minutes > 0 ? minutes + " min" : Math.max(0, seconds) + " s";
    }

    private static String millis(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.2f ms", n.doubleValue()) : NONE;
    }

    private static String count(Object value) {
        return value instanceof Number n ? Long.toString(n.longValue()) : NONE;
    }

    /** "1 stream", "3 streams". */
    private static String plural(Object value, String noun) {
        return count(value) + " " + noun + (value instanceof Number n && n.longValue() == 1 ? "" : "s");
    }

    private static String orNone(Object value) {
        return value == null || value.toString().isEmpty() ? NONE : escape(value);
    }

    private static String loadText(Object value) {
        String text = asMap(value).entrySet().stream().map(e -> escape(e.getKey()) + " " + count(e.getValue()))
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? NONE : text;
    }

    private static Map<?, ?> asMap(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
