package io.mraedge.sip.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.traversal.StatusReport;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.sip.SdpRewriter;
import io.mraedge.sip.SipMetricNames;
import io.mraedge.sip.registration.RegistrationCounter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What every SIP flow of one edge shares: its config, the edge's services, the registration
 * count (in {@code /status} as {@code registrations: {current, peak}} and in the metrics), and
 * the cluster view that the load-imbalance hint needs.
 */
public final class SipEdgeService {
    /** Name of the outside listener, its maintained service, and its TLS context. */
    public static final String LISTENER = "sip-tls";

    private final EdgeContext edge;
    private final SipEdgeConfig config;
    private final RegistrationCounter registrations = new RegistrationCounter();
    private final SdpRewriter sdp;
    private final LongSupplier clock;

    public SipEdgeService(EdgeContext edge, SipEdgeConfig config, SdpRewriter sdp, LongSupplier clock) {
        this.edge = edge;
        this.config = config;
        this.sdp = sdp;
        this.clock = clock;
        edge.statusSection("registrations", () -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("current", registrations.current());
            r.put("peak", registrations.peak());
            return r;
        });
        Gauge.builder(SipMetricNames.REGISTRATIONS_CURRENT, registrations, RegistrationCounter::current)
                .description("SIP registrations held through this node now").register(edge.metrics().registry());
        Gauge.builder(SipMetricNames.REGISTRATIONS_PEAK, registrations, RegistrationCounter::peak)
                .description("Most SIP registrations held at once since start").register(edge.metrics().registry());
    }

    public EdgeContext edge() {
        return edge;
    }

    public SipEdgeConfig config() {
        return config;
    }

    public RegistrationCounter registrations() {
        return registrations;
    }

    SdpRewriter sdp() {
        return sdp;
    }

    long now() {
        return clock.getAsLong();
    }

    MaintainedService maintained() {
        return edge.maintenance().service(LISTENER);
    }

    /**
     * This edge's share of the cluster's registrations in percent, from the connectors' per-edge
     * counts (ARCHITECTURE.md "Scaling out": totals come from connector reports), or -1 when
     * fewer than two edges hold registrations (no imbalance to speak of).
     */
    int clusterShare() {
        Map<String, Long> perEdge = new HashMap<>();
        Map<String, JsonNode> latest = new HashMap<>();
        for (TraversalConnection c : edge.streams().connections()) {
            StatusReport r = c.report();
            if (r != null) {
                latest.put(r.name(), r.raw().path("sip").path("per-edge"));
            }
        }
        latest.values().forEach(node -> node.fields().forEachRemaining(
                e -> perEdge.merge(e.getKey(), e.getValue().asLong(), Long::sum)));
        long total = perEdge.values().stream().mapToLong(Long::longValue).sum();
        if (perEdge.size() < 2 || total == 0) {
            return -1;
        }
        return (int) (100 * perEdge.getOrDefault(edge.config().name(), 0L) / total);
    }
}
