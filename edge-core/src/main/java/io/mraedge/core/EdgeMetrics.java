package io.mraedge.core;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.maintenance.MaintenanceMode;
import io.mraedge.core.maintenance.ServiceState;
import io.mraedge.core.metrics.MetricNames;
import io.mraedge.core.protection.AcceptGate;
import io.mraedge.core.protection.IntrusionProtection;
import io.mraedge.core.traversal.ConnectorRegistry;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.core.traversal.TraversalStats;
import java.util.concurrent.TimeUnit;

/**
 * Binds the edge's state to its metrics registry: gauges and function counters read the live
 * objects when scraped, so nothing on a hot path touches the registry.
 */
final class EdgeMetrics {
    private EdgeMetrics() {
    }

    static void bindTraversal(MeterRegistry registry, ConnectorRegistry connectors, TraversalStats stats) {
        for (TraversalConnection.State state : TraversalConnection.State.values()) {
            Gauge.builder(MetricNames.TRAVERSAL_CONNECTIONS, connectors,
                            c -> c.snapshot().stream().filter(t -> t.state() == state).count())
                    .tag(MetricNames.TAG_STATE, state.name()).register(registry);
        }
        Gauge.builder(MetricNames.TRAVERSAL_STREAMS_ACTIVE, connectors,
                c -> c.snapshot().stream().mapToInt(TraversalConnection::activeStreams).sum()).register(registry);
        FunctionCounter.builder(MetricNames.TRAVERSAL_STREAMS_OPENED, stats, TraversalStats::streamsOpened)
                .register(registry);
        FunctionCounter.builder(MetricNames.TRAVERSAL_BYTES, stats, TraversalStats::bytesIn)
                .tag(MetricNames.TAG_DIRECTION, "in").baseUnit("bytes").register(registry);
        FunctionCounter.builder(MetricNames.TRAVERSAL_BYTES, stats, TraversalStats::bytesOut)
                .tag(MetricNames.TAG_DIRECTION, "out").baseUnit("bytes").register(registry);
        Timer rtt = Timer.builder(MetricNames.TRAVERSAL_PING_RTT).register(registry);
        stats.onRtt(nanos -> rtt.record(nanos, TimeUnit.NANOSECONDS));
    }

    static void bindProtection(MeterRegistry registry, IntrusionProtection protection) {
        Gauge.builder(MetricNames.BANS_ACTIVE, protection, IntrusionProtection::bansActive).register(registry);
        FunctionCounter.builder(MetricNames.BANS_TOTAL, protection, IntrusionProtection::bansTotal).register(registry);
    }

    static void bindGate(MeterRegistry registry, AcceptGate gate) {
        for (AcceptGate.Verdict reason : new AcceptGate.Verdict[] {AcceptGate.Verdict.BANNED, AcceptGate.Verdict.RATE_LIMITED}) {
            FunctionCounter.builder(MetricNames.ACCEPT_DROPS, gate, g -> g.dropped(reason))
                    .tag(MetricNames.TAG_LISTENER, gate.listenerName())
                    .tag(MetricNames.TAG_REASON, reason.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    static void bindMaintenance(MeterRegistry registry, MaintenanceMode maintenance) {
        Gauge.builder(MetricNames.MAINTENANCE, maintenance, m -> m.enabled() ? 1 : 0).register(registry);
    }

    static void bindService(MeterRegistry registry, MaintainedService service) {
        for (ServiceState state : ServiceState.values()) {
            Gauge.builder(MetricNames.SERVICE_STATE, service, s -> s.state() == state ? 1 : 0)
                    .tag(MetricNames.TAG_SERVICE, service.name()).tag(MetricNames.TAG_STATE, state.name())
                    .register(registry);
        }
        Gauge.builder(MetricNames.FLOWS_ACTIVE, service, MaintainedService::activeFlows)
                .tag(MetricNames.TAG_PROTOCOL, service.name()).register(registry);
    }
}
