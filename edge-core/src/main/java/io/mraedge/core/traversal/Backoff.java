package io.mraedge.core.traversal;

import io.mraedge.core.config.BackoffConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Reconnect delays with full-jitter exponential backoff: attempt {@code n} waits a uniformly
 * random time in {@code [0, min(cap, base x 2^n))}. Spreading reconnects over the whole window
 * keeps a restarted edge from meeting every connector at the same instant (the "thundering
 * herd"; cloudflared's retry/backoffhandler.go does the same).
 *
 * <p>The attempt counter resets once a connection has stayed up for {@code resetAfter}, so a
 * link that flaps quickly keeps backing off while one that was healthy for a while reconnects
 * fast. Time and randomness are injected so tests control both. Not thread-safe: each link
 * uses its own instance on its own event loop.
 */
public final class Backoff {
    private static final int MAX_SHIFT = 30;

    private final long baseNanos;
    private final long capNanos;
    private final long resetAfterNanos;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;
    private int attempt;
    private long connectedAt = -1;

    /**
     * @param nanoClock monotonic time in nanoseconds (e.g. {@code System::nanoTime})
     * @param random uniform values in [0, 1)
     */
    public Backoff(BackoffConfig config, LongSupplier nanoClock, DoubleSupplier random) {
        this.baseNanos = config.base().toNanos();
        this.capNanos = config.cap().toNanos();
        this.resetAfterNanos = config.resetAfter().toNanos();
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /** The delay before the next connection attempt; each call counts as one attempt. */
    public Duration nextDelay() {
        int shift = Math.min(attempt, MAX_SHIFT);
        long ceiling = baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
        attempt++;
        return Duration.ofNanos((long) (random.getAsDouble() * ceiling));
    }

    /** The link came up. */
    public void connected() {
        connectedAt = nanoClock.getAsLong();
    }

    /** The link went down: if it had been healthy for {@code resetAfter}, start over at the base. */
    public void disconnected() {
        if (connectedAt >= 0 && nanoClock.getAsLong() - connectedAt >= resetAfterNanos) {
            attempt = 0;
        }
        connectedAt = -1;
    }

    /** Attempts made since the last reset. */
    public int attempts() {
        return attempt;
    }
}
