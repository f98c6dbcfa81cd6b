package io.mraedge.core;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mraedge.core.maintenance.MaintenanceMode;
import io.mraedge.core.metrics.MetricNames;
import io.mraedge.core.traversal.ConnectorStatus;
import io.mraedge.core.traversal.TraversalClient;
import io.mraedge.core.traversal.TraversalLink;
import io.mraedge.core.traversal.TraversalStats;

/** Binds the connector's live state to its metrics registry (read when scraped). */
final class ConnectorMetrics {
    private ConnectorMetrics() {
    }

    static void bind(MeterRegistry registry, TraversalClient client, TraversalStats stats, ConnectorStatus status,
                     MaintenanceMode maintenance) {
        for (TraversalLink.State state : TraversalLink.State.values()) {
            Gauge.builder(MetricNames.TRAVERSAL_LINKS, client,
                            c -> c.links().stream().filter(l -> l.state() == state).count())
                    .tag(MetricNames.TAG_STATE, state.name()).register(registry);
        }
        FunctionCounter.builder(MetricNames.TRAVERSAL_STREAMS_OPENED, stats, TraversalStats::streamsOpened)
                .register(registry);
        FunctionCounter.builder(MetricNames.TRAVERSAL_BYTES, stats, TraversalStats::bytesIn)
                .tag(MetricNames.TAG_DIRECTION, "in").baseUnit("bytes").register(registry);
        FunctionCounter.builder(MetricNames.TRAVERSAL_BYTES, stats, TraversalStats::bytesOut)
                .tag(MetricNames.TAG_DIRECTION, "out").baseUnit("bytes").register(registry);
        Gauge.builder(MetricNames.MAINTENANCE, maintenance, m -> m.enabled() ? 1 : 0).register(registry);
        Gauge.builder(MetricNames.FLOWS_ACTIVE, maintenance, MaintenanceMode::activeFlows)
                .tag(MetricNames.TAG_PROTOCOL, "all").register(registry);
    }
}
