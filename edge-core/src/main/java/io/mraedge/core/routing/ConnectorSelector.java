package io.mraedge.core.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the connection for a new flow (ARCHITECTURE.md, "Choosing a connector"):
 * among connectors that are healthy and not in maintenance, the least loaded by its last
 * report; then, among that connector's usable connections, the one with the fewest streams.
 * Ties between equally loaded connectors go to the one with fewer streams from this edge, then
 * by name, so the choice is deterministic. For REGISTER flows this is adaptive routing.
 */
public final class ConnectorSelector {
    private ConnectorSelector() {
    }

    /**
     * @param kind the flow kind whose load counts (e.g. {@code "sip"}); null compares total load
     * @return the chosen connection, or empty when no connector is eligible
     */
    public static <C extends RoutingCandidate> Optional<C> select(String kind, Collection<C> connections) {
        Map<String, Group<C>> byConnector = new HashMap<>();
        for (C c : connections) {
            if (c.acceptsStreams() && !c.inMaintenance()) {
                byConnector.computeIfAbsent(c.connectorName(), Group::new).add(c);
            }
        }
        return byConnector.values().stream()
                .min(Comparator.<Group<C>>comparingLong(g -> g.load(kind))
                        .thenComparingLong(g -> g.streams)
                        .thenComparing(g -> g.name))
                .map(g -> g.members.stream().min(Comparator.comparingInt(RoutingCandidate::activeStreams)).orElseThrow());
    }

    private static final class Group<C extends RoutingCandidate> {
        final String name;
        final List<C> members = new java.util.ArrayList<>();
        long streams;

        Group(String name) {
            this.name = name;
        }

        void add(C c) {
            members.add(c);
            streams += c.activeStreams();
        }

        long load(String kind) {
            // Every connection of one connector carries the same report; the freshest wins.
            long load = 0;
            for (C c : members) {
                load = Math.max(load, c.reportedLoad(kind));
            }
            return load;
        }
    }
}
