package io.mraedge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status page from hand-built {@code /status} documents of both roles. */
class StatusPageTest {
    private static final String MARKER = "(Maintenance Mode)";
    private static final String BANNER = "Maintenance mode is ON: new flows are refused; running ones finish";

    @Test
    void isAStandaloneHtmlPageThatRefreshesItselfWithoutScript() {
        String page = StatusPage.render(edge(false));
        assertThat(page).startsWith("<!DOCTYPE html>")
                .contains("<meta charset=\"utf-8\">")
                .contains("<meta http-equiv=\"refresh\" content=\"10\">")
                .contains("<title>mra-edge edge-1 — Status</title>")
                .contains("<style>");
        assertThat(page.toLowerCase()).doesNotContain("<script", "<link", "src=", "http://", "https://", "@import");
        assertBalanced(page);
    }

    @Test
    void headerShowsRoleNameVersionUptimeAndTransport() {
        String page = StatusPage.render(edge(false));
        assertThat(page).contains("<h1>edge-1 <span class=\"role\">edge</span></h1>")
                .contains("<dt>Version</dt><dd>0.1.0</dd>")
                .contains("<dt>Uptime</dt><dd>3 h 12 min</dd>")
                .contains("<dt>Transport</dt><dd>epoll</dd>")
                .contains("<dt>Maintenance</dt><dd>off</dd>");
    }

    @Test
    void scriptInANodeNameOrAWarningIsShownAsTextNeverAsATag() {
        Map<String, Object> status = edge(false);
        status.put("name", "<script>alert('name')</script>");
        status.put("warnings", List.of("<script>alert(\"warn\")</script>", "tls & <b>bold</b>"));
        String page = StatusPage.render(status);
        assertThat(page).doesNotContain("<script", "<b>")
                .contains("<title>mra-edge &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; — Status</title>")
                .contains("<h1>&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; ")
                .contains("<li>&lt;script&gt;alert(&quot;warn&quot;)&lt;/script&gt;</li>")
                .contains("<li>tls &amp; &lt;b&gt;bold&lt;/b&gt;</li>");
    }

    @Test
    void everyOtherValueFromOutsideIsEscapedToo() {
        Map<String, Object> status = edge(false);
        Map<String, Object> connector = map("name", "c<1>", "state", "<UP>", "mtls", true, "rttMillis", null,
                "maintenance", false, "load", map("<k>", 1L), "version", "<v>",
                "links", List.of(map("id", 1, "state", "UP", "from", "<from>", "identity", "<id>",
                        "rttMillis", 0.5, "activeStreams", 0, "reason", "<why>")));
        status.put("connectors", List.of(connector));
        status.put("services", map("<svc>", map("state", "ACTIVE", "activeFlows", 0)));
        String page = StatusPage.render(status);
        assertThat(page).doesNotContain("<1>", "<UP>", "<k>", "<v>", "<from>", "<id>", "<why>", "<svc>")
                .contains("c&lt;1&gt;", "&lt;UP&gt;", "&lt;k&gt; 1", "&lt;v&gt;", "&lt;from&gt;", "&lt;id&gt;",
                        "&lt;why&gt;", "&lt;svc&gt;");
    }

    @Test
    void maintenanceOffShowsNoMarkerAndNoBanner() {
        String page = StatusPage.render(edge(false));
        assertThat(page).doesNotContain(MARKER).doesNotContain(BANNER).doesNotContain("class=\"banner\"");
    }

    @Test
    void maintenanceOnShowsTheBannerAndMarksEveryServiceAndTheNode() {
        String page = StatusPage.render(edge(true));
        assertThat(count(page, BANNER)).isEqualTo(1);
        assertThat(page).contains("<p class=\"banner\" id=\"maintenance\">" + BANNER + "</p>")
                .contains("<dt>Maintenance</dt><dd>ON " + MARKER + "</dd>");
        assertThat(row(page, "traversal")).contains("DRAINING</span> <span class=\"maint\">" + MARKER + "</span>");
        assertThat(row(page, "echo")).contains("STOPPED</span> <span class=\"maint\">" + MARKER + "</span>");
        // Header plus two services; connector-1 itself is not in maintenance.
        assertThat(count(page, MARKER)).isEqualTo(3);
    }

    @Test
    void aConnectorInMaintenanceIsMarkedWhileTheEdgeIsNot() {
        Map<String, Object> status = edge(false);
        Map<String, Object> c2 = connector("connector-2", "UP", 2.0);
        c2.put("maintenance", true);
        status.put("connectors", List.of(connector("connector-1", "UP", 1.25), c2));
        String page = StatusPage.render(status);
        assertThat(row(page, "connector-2")).contains("<span class=\"maint\">" + MARKER + "</span>");
        assertThat(row(page, "connector-1")).doesNotContain(MARKER).contains("<td>off</td>");
        assertThat(count(page, MARKER)).isEqualTo(1);
        assertThat(page).doesNotContain(BANNER);
    }

    @Test
    void edgeShowsTheMediaRelayCardOnlyWhenItHasAMediaSection() {
        assertThat(StatusPage.render(edge(false))).doesNotContain("Media relay");
        Map<String, Object> status = new LinkedHashMap<>(edge(false));
        status.put("media", map("streamsActive", 4, "portsFree", 23990, "portsExhausted", 2L,
                "toInside", map("forwardedPackets", 1000L, "forwardedBytes", 172000L, "droppedPackets", 3L),
                "toOutside", map("forwardedPackets", 998L, "forwardedBytes", 171656L, "droppedPackets", 0L)));
        assertThat(StatusPage.render(status)).contains("<h2>Media relay</h2>")
                .contains("<p>Streams 4 · ports free 23990 · refused for want of ports 2</p>")
                .contains("<tr><td>client → inside</td><td class=\"num\">1000</td><td class=\"num\">172000</td>"
                        + "<td class=\"num\">3</td></tr>")
                .contains("<tr><td>inside → client</td><td class=\"num\">998</td>");
    }

    @Test
    void edgeShowsMraRegistrationsCurrentAndPeak() {
        String page = StatusPage.render(edge(false));
        assertThat(page).contains("<h2>MRA Registration</h2>")
                .contains("<tr><th>Current</th><th>Peak since restart</th></tr>\n"
                        + "<tr><td class=\"num\">12</td><td class=\"num\">40</td></tr>");
    }

    @Test
    void edgeShowsConnectorsWithStateRttLoadVersionAndLinks() {
        String page = StatusPage.render(edge(false));
        String row = row(page, "connector-1");
        assertThat(row).contains("<span class=\"state up\">UP</span>", "<td>yes</td>", "1.25 ms",
                "echo 2, sip-tls 5", "<td>0.1.0</td>",
                "<li>#7 <span class=\"state up\">UP</span> from 127.0.0.1:40001 as connector-1.test · RTT 1.25 ms · 2 streams</li>",
                "<li>#8 <span class=\"state draining\">DRAINING</span> from 127.0.0.1:40002 as connector-1.test"
                        + " · RTT — · 0 streams · GOAWAY received</li>");
        assertThat(page).contains("<h2>Connectors</h2>").doesNotContain("<h2>Edges</h2>", "<h2>Load</h2>");
        assertThat(page).contains("<p>Protection: 3 active bans</p>");
    }

    @Test
    void connectorShowsEdgesWithLinksAndItsLoad() {
        String page = StatusPage.render(connectorRole());
        assertThat(page).contains("<title>mra-edge connector-1 — Status</title>", "<h2>Edges</h2>", "<h2>Load</h2>")
                .doesNotContain("<h2>Connectors</h2>", "MRA Registration");
        String edgeRow = row(page, "edge.example.com:7001");
        assertThat(edgeRow).contains("<td>edge.example.com</td>", "<span class=\"state up\">UP</span>",
                "<li>link 0 <span class=\"state up\">UP</span> · 1 connect · up since 2024-05-01 10:00:00 UTC</li>",
                "<li>link 1 <span class=\"state down\">BACKING_OFF</span> · 4 connects"
                        + " · last error: connection refused &lt;127.0.0.1&gt;</li>");
        assertThat(row(page, "edge-b.example.com:7001")).contains("<span class=\"state down\">DOWN</span>",
                "<li>link 0 <span class=\"state draining\">CONNECTING</span> · 0 connects</li>");
        assertThat(row(page, "echo")).contains("<td class=\"num\">3</td>");
        assertThat(page).contains("<p>Protection: 1 active ban</p>");
        assertBalanced(page);
    }

    @Test
    void emptyListsSayNoneInsteadOfShowingEmptyTables() {
        Map<String, Object> status = edge(false);
        status.put("connectors", List.of());
        status.put("services", Map.of());
        status.put("warnings", List.of());
        status.put("bans", 0);
        String page = StatusPage.render(status);
        assertThat(page).contains("No connectors connected.", "No services registered.", "No configuration warnings",
                "<p>Protection: 0 active bans</p>");
        Map<String, Object> connector = connectorRole();
        connector.put("edges", List.of());
        connector.put("load", Map.of());
        assertThat(StatusPage.render(connector)).contains("No edges configured.", "No active flows.");
    }

    @Test
    void aConnectorWithoutLinksOrMeasurementsShowsDashes() {
        Map<String, Object> status = edge(false);
        Map<String, Object> c = connector("connector-1", "DOWN", null);
        c.put("links", List.of());
        c.put("load", Map.of());
        c.put("version", null);
        status.put("connectors", List.of(c));
        String row = row(StatusPage.render(status), "connector-1");
        assertThat(row).contains("<span class=\"state down\">DOWN</span>", "<td class=\"num\">—</td>",
                "<span class=\"muted\">none</span>");
    }

    @Test
    void aMinimalDocumentRendersOnlyWhatItHas() {
        String page = StatusPage.render(map("role", "edge", "name", "e"));
        assertThat(page).contains("<title>mra-edge e — Status</title>", "No configuration warnings")
                .doesNotContain("<h2>Services</h2>", "<h2>Connectors</h2>", "<h2>Protection</h2>", "Uptime");
        assertBalanced(page);
    }

    @Test
    void warningsAreListedInOrder() {
        Map<String, Object> status = edge(false);
        status.put("warnings", List.of("first", "second"));
        assertThat(StatusPage.render(status)).contains("<h2>Configuration warnings</h2>\n<ul class=\"warnings\">\n"
                + "<li>first</li>\n<li>second</li>\n</ul>").doesNotContain("No configuration warnings");
    }

    @Test
    void uptimeReadsLikeTheProduct() {
        assertThat(StatusPage.uptime(3 * 3600 + 12 * 60 + 59)).isEqualTo("3 h 12 min");
        assertThat(StatusPage.uptime(2 * 86_400 + 4 * 3600)).isEqualTo("2 d 4 h");
        assertThat(StatusPage.uptime(5 * 60 + 3)).isEqualTo("5 min");
        assertThat(StatusPage.uptime(42)).isEqualTo("42 s");
        assertThat(StatusPage.uptime(0)).isEqualTo("0 s");
    }

    @Test
    void everyStateHasAClassOfItsKind() {
        assertThat(StatusPage.stateClass("ACTIVE")).isEqualTo("up");
        assertThat(StatusPage.stateClass("UP")).isEqualTo("up");
        assertThat(StatusPage.stateClass("DRAINING")).isEqualTo("draining");
        assertThat(StatusPage.stateClass("CONNECTING")).isEqualTo("draining");
        assertThat(StatusPage.stateClass("STOPPED")).isEqualTo("stopped");
        assertThat(StatusPage.stateClass("DOWN")).isEqualTo("down");
        assertThat(StatusPage.stateClass("BACKING_OFF")).isEqualTo("down");
        assertThat(StatusPage.stateClass("SOMETHING_NEW")).isEqualTo("unknown");
    }

    // --- documents -------------------------------------------------------------------------

    private static Map<String, Object> edge(boolean maintenance) {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("traversal", map("state", maintenance ? "DRAINING" : "ACTIVE", "activeFlows", 4));
        services.put("echo", map("state", maintenance ? "STOPPED" : "ACTIVE", "activeFlows", 0));
        return map("role", "edge", "name", "edge-1", "version", "0.1.0", "uptimeSeconds", 11_520L,
                "transport", "epoll", "maintenance", maintenance, "services", services,
                "registrations", map("current", 12L, "peak", 40L), "bans", 3, "warnings", List.of(),
                "connectors", List.of(connector("connector-1", "UP", 1.25)));
    }

    private static Map<String, Object> connector(String name, String state, Double rtt) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("echo", 2L);
        load.put("sip-tls", 5L);
        return map("name", name, "state", state, "mtls", true, "rttMillis", rtt, "maintenance", false,
                "load", load, "version", "0.1.0", "links", List.of(
                        map("id", 7L, "state", "UP", "from", "127.0.0.1:40001", "identity", name + ".test",
                                "rttMillis", rtt, "activeStreams", 2),
                        map("id", 8L, "state", "DRAINING", "from", "127.0.0.1:40002", "identity", name + ".test",
                                "rttMillis", null, "activeStreams", 0, "reason", "GOAWAY received")));
    }

    private static Map<String, Object> connectorRole() {
        List<Object> edges = List.of(
                map("address", "edge.example.com:7001", "serverName", "edge.example.com", "state", "UP",
                        "links", List.of(
                                map("index", 0, "state", "UP", "connects", 1, "lastError", "",
                                        "upSinceMillis", 1_714_557_600_000L),
                                map("index", 1, "state", "BACKING_OFF", "connects", 4,
                                        "lastError", "connection refused <127.0.0.1>", "upSinceMillis", 0L))),
                map("address", "edge-b.example.com:7001", "serverName", "edge-b.example.com", "state", "DOWN",
                        "links", List.of(map("index", 0, "state", "CONNECTING", "connects", 0, "lastError", "",
                                "upSinceMillis", 0L))));
        return map("role", "connector", "name", "connector-1", "version", "0.1.0", "uptimeSeconds", 42L,
                "transport", "nio", "maintenance", false,
                "services", map("traversal", map("state", "ACTIVE", "activeFlows", 3)),
                "bans", 1, "warnings", List.of(), "edges", edges, "load", map("echo", 3L));
    }

    /** A mutable, ordered map that allows null values (as the status document does). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    // --- page inspection ---------------------------------------------------------------------

    /** The table row whose first cell is {@code firstCell}. */
    private static String row(String page, String firstCell) {
        Matcher m = Pattern.compile("<tr><td>" + Pattern.quote(firstCell) + "</td>.*?</tr>").matcher(page);
        assertThat(m.find()).as("a row for " + firstCell + " in\n" + page).isTrue();
        return m.group();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    /** Every container element the page opens it also closes. */
    private static void assertBalanced(String page) {
        for (String tag : List.of("html", "head", "body", "header", "main", "footer", "section", "table", "tr", "td",
                "th", "ul", "li", "dl", "dt", "dd", "div", "span", "p", "h1", "h2", "style", "title")) {
            assertThat(count(page, "<" + tag + ">") + count(page, "<" + tag + " "))
                    .as("<%s> opened and closed", tag).isEqualTo(count(page, "</" + tag + ">"));
        }
    }
}
