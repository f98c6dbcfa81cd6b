package io.mraedge.core.testing;

import io.mraedge.core.net.NetTransport;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the pooled allocator's used direct memory every 5 ms on a daemon thread and keeps
 * the peak: the bound memory tests assert (every role in the test JVM together).
 */
public final class DirectMemoryPeak implements AutoCloseable {
    private final ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) NetTransport.ALLOCATOR).metric();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean sampling = true;

    private DirectMemoryPeak() {
        sampler = new Thread(this::sample, "direct-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling now. */
    public static DirectMemoryPeak start() {
        return new DirectMemoryPeak();
    }

    private void sample() {
        while (sampling) {
            peak.accumulateAndGet(metric.usedDirectMemory(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The highest value seen so far, in bytes. */
    public long peak() {
        return peak.get();
    }

    /** Stops sampling (after one last sample). */
    @Override
    public void close() throws InterruptedException {
        sampling = false;
        sampler.join();
        peak.accumulateAndGet(metric.usedDirectMemory(), Math::max);
    }
}
