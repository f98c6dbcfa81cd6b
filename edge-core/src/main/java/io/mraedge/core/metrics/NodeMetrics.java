package io.mraedge.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.mraedge.core.net.NetTransport;

/**
 * The metrics registry of one node (Prometheus text on the admin {@code /metrics}), with the
 * JVM and Netty allocator meters bound. Other parts register their own meters on
 * {@link #registry()} under the names of {@link MetricNames}. Common tags: role and node name.
 */
public final class NodeMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public NodeMetrics(String role, String node) {
        registry.config().commonTags(Tags.of(MetricNames.TAG_ROLE, role, MetricNames.TAG_NODE, node));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ByteBufAllocatorMetric allocator = ((ByteBufAllocatorMetricProvider) NetTransport.ALLOCATOR).metric();
        registry.gauge(MetricNames.ALLOCATOR_USED, Tags.of(MetricNames.TAG_MEMORY, "direct"), allocator,
                ByteBufAllocatorMetric::usedDirectMemory);
        registry.gauge(MetricNames.ALLOCATOR_USED, Tags.of(MetricNames.TAG_MEMORY, "heap"), allocator,
                ByteBufAllocatorMetric::usedHeapMemory);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A counter under {@code name} with tags given as key, value pairs. */
    public Counter counter(String name, String... tags) {
        return registry.counter(name, tags);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
