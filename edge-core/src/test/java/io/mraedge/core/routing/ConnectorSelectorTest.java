package io.mraedge.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing rule on its own: healthy, not in maintenance, least loaded, then fewest streams. */
class ConnectorSelectorTest {
    record Fake(String connectorName, boolean acceptsStreams, boolean inMaintenance, Map<String, Long> load,
                int activeStreams) implements RoutingCandidate {
        @Override
        public long reportedLoad(String kind) {
            return kind == null ? load.values().stream().mapToLong(Long::longValue).sum() : load.getOrDefault(kind, 0L);
        }
    }

    static Fake up(String name, long sipLoad, int streams) {
        return new Fake(name, true, false, Map.of("sip", sipLoad, "xmpp-client", 100L), streams);
    }

    @Test
    void leastLoadedConnectorForTheKindWins() {
        Fake a = up("a", 10, 0);
        Fake b = up("b", 3, 50);
        assertThat(ConnectorSelector.select("sip", List.of(a, b))).containsSame(b);
    }

    @Test
    void maintenanceAndUnhealthyConnectorsGetNothing() {
        Fake busy = up("busy", 50, 0);
        Fake idleInMaintenance = new Fake("m", true, true, Map.of(), 0);
        Fake idleDown = new Fake("d", false, false, Map.of(), 0);
        assertThat(ConnectorSelector.select("sip", List.of(idleInMaintenance, idleDown, busy))).containsSame(busy);
        assertThat(ConnectorSelector.select("sip", List.of(idleInMaintenance, idleDown))).isEmpty();
    }

    @Test
    void withinAConnectorTheConnectionWithFewestStreams() {
        Fake first = up("a", 1, 9);
        Fake second = up("a", 1, 2);
        assertThat(ConnectorSelector.select("sip", List.of(first, second))).containsSame(second);
    }

    @Test
    void equalLoadTiesBreakByLocalStreamsThenName() {
        Fake a = up("a", 5, 4);
        Fake b = up("b", 5, 1);
        assertThat(ConnectorSelector.select("sip", List.of(a, b))).containsSame(b);
        Fake c = up("c", 5, 1);
        assertThat(ConnectorSelector.select("sip", List.of(c, b))).containsSame(b);
    }

    @Test
    void nullKindComparesTotalLoad() {
        Fake a = new Fake("a", true, false, Map.of("sip", 1L, "http", 9L), 0);
        Fake b = new Fake("b", true, false, Map.of("sip", 5L), 0);
        assertThat(ConnectorSelector.select(null, List.of(a, b))).containsSame(b);
        assertThat(ConnectorSelector.select("sip", List.of(a, b))).containsSame(a);
    }
}
