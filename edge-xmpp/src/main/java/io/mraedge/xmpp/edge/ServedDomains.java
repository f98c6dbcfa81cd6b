package io.mraedge.xmpp.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.mraedge.core.traversal.StatusReport;
import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.xmpp.XmppProtocol;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which XMPP domains the edge may accept now, as its connectors report them: each connector's
 * status carries an {@value XmppProtocol#STATUS_SECTION} section with the client and server
 * domains it serves. A domain counts while at least one connection to a connector serving it is
 * UP; the edge keeps no list of its own, so a connector that leaves takes its domains along.
 *
 * <p>Reads the live reports on every call (a handful of connections), so it is never stale;
 * thread-safe.
 */
public final class ServedDomains {
    private final StreamRouter router;

    public ServedDomains(StreamRouter router) {
        this.router = router;
    }

    /** True when an UP connection leads to a connector serving {@code domain} for {@code flowProtocol}. */
    public boolean served(String domain, String flowProtocol) {
        Predicate<TraversalConnection> serves = serving(domain, flowProtocol);
        for (TraversalConnection c : router.connections()) {
            if (c.state() == TraversalConnection.State.UP && serves.test(c)) {
                return true;
            }
        }
        return false;
    }

    /** Accepts the connections whose connector reports serving {@code domain} for {@code flowProtocol}. */
    public Predicate<TraversalConnection> serving(String domain, String flowProtocol) {
        String field = XmppProtocol.SERVER_FLOW.equals(flowProtocol) ? XmppProtocol.SERVER_DOMAINS
                : XmppProtocol.CLIENT_DOMAINS;
        return connection -> {
            StatusReport report = connection.report();
            if (report == null) {
                return false;
            }
            JsonNode list = report.raw().path(XmppProtocol.STATUS_SECTION).path(field);
            for (JsonNode d : list) {
                if (domain.equals(d.asText())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Every domain served now for {@code flowProtocol}, sorted (edge status). */
    public List<String> all(String flowProtocol) {
        String field = XmppProtocol.SERVER_FLOW.equals(flowProtocol) ? XmppProtocol.SERVER_DOMAINS
                : XmppProtocol.CLIENT_DOMAINS;
        TreeSet<String> out = new TreeSet<>();
        for (TraversalConnection c : router.connections()) {
            StatusReport report = c.report();
            if (c.state() == TraversalConnection.State.UP && report != null) {
                report.raw().path(XmppProtocol.STATUS_SECTION).path(field).forEach(d -> out.add(d.asText()));
            }
        }
        return List.copyOf(out);
    }
}
