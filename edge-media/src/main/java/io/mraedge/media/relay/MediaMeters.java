package io.mraedge.media.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

/**
 * Registers one relay's meters ({@link MediaMetricNames}) and removes them when it closes. The
 * packet and byte counters are {@link FunctionCounter}s that sum the per-loop
 * {@link LoopTotals} when scraped, so counting on the hot path stays a plain addition.
 */
final class MediaMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter exhausted;

    MediaMeters(MeterRegistry registry, String role, List<LoopTotals> loops, IntSupplier streams,
                IntSupplier portsFree) {
        this.registry = registry;
        for (MediaDirection direction : MediaDirection.values()) {
            counter(role, direction, MediaMetricNames.RESULT_FORWARDED, MediaMetricNames.REASON_NONE, loops,
                    c -> c.forwardedPackets(), c -> c.forwardedBytes());
            for (DropReason reason : DropReason.values()) {
                counter(role, direction, MediaMetricNames.RESULT_DROPPED, reason.tag(), loops,
                        c -> c.droppedPackets(reason), c -> c.droppedBytes(reason));
            }
        }
        meters.add(Gauge.builder(MediaMetricNames.STREAMS_ACTIVE, streams, IntSupplier::getAsInt)
                .tag(MediaMetricNames.TAG_ROLE, role).description("media streams open now")
                .strongReference(true).register(registry));
        meters.add(Gauge.builder(MediaMetricNames.PORTS_FREE, portsFree, IntSupplier::getAsInt)
                .tag(MediaMetricNames.TAG_ROLE, role).description("per-stream media ports free now")
                .strongReference(true).register(registry));
        exhausted = Counter.builder(MediaMetricNames.PORTS_EXHAUSTED).tag(MediaMetricNames.TAG_ROLE, role)
                .description("media allocations refused for want of a port").register(registry);
        meters.add(exhausted);
    }

    private void counter(String role, MediaDirection direction, String result, String reason, List<LoopTotals> loops,
                         ToLongFunction<DirectionCounters> packets, ToLongFunction<DirectionCounters> bytes) {
        meters.add(FunctionCounter.builder(MediaMetricNames.PACKETS, loops, l -> sum(l, direction, packets))
                .tags(MediaMetricNames.TAG_ROLE, role, MediaMetricNames.TAG_DIRECTION, direction.tag(),
                        MediaMetricNames.TAG_RESULT, result, MediaMetricNames.TAG_REASON, reason)
                .description("media datagrams relayed or dropped").register(registry));
        meters.add(FunctionCounter.builder(MediaMetricNames.BYTES, loops, l -> sum(l, direction, bytes))
                .tags(MediaMetricNames.TAG_ROLE, role, MediaMetricNames.TAG_DIRECTION, direction.tag(),
                        MediaMetricNames.TAG_RESULT, result, MediaMetricNames.TAG_REASON, reason)
                .baseUnit("bytes").description("media payload bytes relayed or dropped").register(registry));
    }

    private static double sum(List<LoopTotals> loops, MediaDirection direction, ToLongFunction<DirectionCounters> f) {
        long sum = 0;
        for (LoopTotals totals : loops) {
            sum += f.applyAsLong(totals.of(direction));
        }
        return sum;
    }

    void portsExhausted() {
        exhausted.increment();
    }

    long portsExhaustedCount() {
        return (long) exhausted.count();
    }

    @Override
    public void close() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
    }
}
