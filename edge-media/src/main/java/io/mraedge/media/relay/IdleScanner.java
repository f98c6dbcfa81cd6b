package io.mraedge.media.relay;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Closes the streams of one event loop that carried no media for the idle timeout, or, when
 * they never carried any (a call still ringing), for the setup timeout. One scanner
 * per loop runs every {@link #period(Duration)} on that loop and compares each stream's media
 * count ({@link DirectionCounters}) with the count it saw last time: the hot path never reads a
 * clock; time comes from the injected nano clock, so tests move it instead of sleeping.
 *
 * <p>Loop-confined: {@link #add} and {@link #remove} run on the scanner's loop.
 */
final class IdleScanner implements Runnable {
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoop loop;
    private final LongSupplier clock;
    private final long idleNanos;
    private final long setupNanos;
    private final ArrayList<RelayStream> streams = new ArrayList<>();
    private ScheduledFuture<?> task;

    IdleScanner(EventLoop loop, LongSupplier clock, Duration idleTimeout, Duration setupTimeout) {
        this.loop = loop;
        this.clock = clock;
        this.idleNanos = idleTimeout.toNanos();
        this.setupNanos = setupTimeout.toNanos();
    }

    /**
     * A quarter of the idle timeout, between 10 ms and 1 s: a stream outlives its timeout by at
     * most a period, and an idle relay wakes each loop at most once a second.
     */
    static long period(Duration idleTimeout) {
        return Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, idleTimeout.toNanos() / 4));
    }

    void start() {
        long period = period(java.time.Duration.ofNanos(Math.min(idleNanos, setupNanos)));
        task = loop.scheduleAtFixedRate(this, period, period, TimeUnit.NANOSECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    long now() {
        return clock.getAsLong();
    }

    void add(RelayStream stream) {
        stream.scanIndex = streams.size();
        streams.add(stream);
    }

    void remove(RelayStream stream) {
        int i = stream.scanIndex;
        if (i < 0 || i >= streams.size() || streams.get(i) != stream) {
            return;
        }
        RelayStream last = streams.remove(streams.size() - 1);
        if (last != stream) {
            streams.set(i, last);
            last.scanIndex = i;
        }
        stream.scanIndex = -1;
    }

    @Override
    public void run() {
        long now = clock.getAsLong();
        for (int i = streams.size() - 1; i >= 0; i--) {
            // An expiry callback may close other streams of this loop: the list can shrink.
            if (i >= streams.size()) {
                continue;
            }
            RelayStream stream = streams.get(i);
            if (stream.idle(now, idleNanos, setupNanos)) {
                remove(stream);
                stream.expire();
            }
        }
    }
}
