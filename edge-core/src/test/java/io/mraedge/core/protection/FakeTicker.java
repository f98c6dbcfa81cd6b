package io.mraedge.core.protection;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker that moves only when a test says so, and a wall clock that follows it, so that
 * protection tests never sleep. Starts far from zero so that nothing relies on time zero.
 */
final class FakeTicker implements Ticker {

    static final Instant ORIGIN = Instant.parse("2025-01-01T00:00:00Z");
    private static final long START = Duration.ofDays(3).toNanos();

    private final AtomicLong nanos = new AtomicLong(START);

    @Override
    public long read() {
        return nanos.get();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** The wall clock: {@link #ORIGIN} plus however far the ticker has moved. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return ORIGIN.plusNanos(nanos.get() - START);
            }
        };
    }
}
