package io.mraedge.core.traversal;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Counters of one role's traversal side, kept as plain adders so that the hot paths know
 * nothing of the metrics library; {@code io.mraedge.core.metrics} exposes them.
 */
public final class TraversalStats {
    private final LongAdder streamsOpened = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private volatile LongConsumer rttListener = nanos -> { };

    public long streamsOpened() {
        return streamsOpened.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Receives every PING round trip, in nanoseconds. */
    public void onRtt(LongConsumer listener) {
        rttListener = listener;
    }

    void streamOpened() {
        streamsOpened.increment();
    }

    void read(long bytes) {
        bytesIn.add(bytes);
    }

    void written(long bytes) {
        bytesOut.add(bytes);
    }

    void rtt(long nanos) {
        rttListener.accept(nanos);
    }
}
