package io.mraedge.media.relay;

/**
 * A fixed-bucket latency histogram for the UDP load driver (HdrHistogram is not a dependency):
 * 1 µs buckets below 2 ms, 100 µs buckets from 2 ms to 200 ms, and one overflow bucket above.
 * Percentiles are reported as the upper edge of the bucket that holds them, so they are never
 * optimistic. Not thread-safe: one instance per event loop, merged afterwards.
 */
final class LatencyHistogram {
    private static final int FINE_LIMIT_MICROS = 2_000;
    private static final int COARSE_STEP_MICROS = 100;
    private static final int COARSE_LIMIT_MICROS = 200_000;
    private static final int COARSE_BUCKETS = (COARSE_LIMIT_MICROS - FINE_LIMIT_MICROS) / COARSE_STEP_MICROS;
    private static final int OVERFLOW = FINE_LIMIT_MICROS + COARSE_BUCKETS;

    private final long[] counts = new long[OVERFLOW + 1];
    private long total;
    private long maxNanos;

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        int bucket;
        if (micros < FINE_LIMIT_MICROS) {
            bucket = (int) micros;
        } else if (micros < COARSE_LIMIT_MICROS) {
            bucket = FINE_LIMIT_MICROS + (int) ((micros - FINE_LIMIT_MICROS) / COARSE_STEP_MICROS);
        } else {
            bucket = OVERFLOW;
        }
        counts[bucket]++;
        total++;
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    long count() {
        return total;
    }

    /** Upper bucket edge, in microseconds, at quantile {@code q} (0..1); the maximum for the overflow bucket. */
    double percentileMicros(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) {
                return upperEdgeMicros(i);
            }
        }
        return maxNanos / 1_000.0;
    }

    double maxMicros() {
        return maxNanos / 1_000.0;
    }

    private double upperEdgeMicros(int bucket) {
        if (bucket < FINE_LIMIT_MICROS) {
            return bucket + 1;
        }
        if (bucket < OVERFLOW) {
            return FINE_LIMIT_MICROS + (bucket - FINE_LIMIT_MICROS + 1) * (double) COARSE_STEP_MICROS;
        }
        return maxNanos / 1_000.0;
    }
}
