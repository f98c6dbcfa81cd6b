package io.mraedge.distribution;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Waits until the lab edge holds the connector's links, printing a progress line every few
 * seconds, as long work should. Time comes from an injected nanosecond ticker and waiting from
 * an injected {@link Pause}, so tests run it without sleeping.
 */
final class LabReadiness {

    /** How the wait ended. */
    enum Outcome {
        /** Enough links are UP. */
        UP,
        /** The timeout passed first. */
        TIMED_OUT,
        /** A stop signal arrived first. */
        STOPPED
    }

    /** Waits up to some milliseconds; returns true when a stop was requested meanwhile. */
    @FunctionalInterface
    interface Pause {
        boolean stopRequestedWithin(long millis) throws InterruptedException;
    }

    /** How often the links are looked at. */
    static final long POLL_MILLIS = 25;

    private final LongSupplier nanoTime;
    private final Pause pause;
    private final Duration progressEvery;

    LabReadiness(LongSupplier nanoTime, Pause pause, Duration progressEvery) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.progressEvery = Objects.requireNonNull(progressEvery, "progressEvery");
    }

    /**
     * Polls {@code upLinks} until it reaches {@code wanted}, {@code timeout} passes, or a stop
     * is requested.
     */
    Outcome await(LongSupplier upLinks, long wanted, Duration timeout, PrintWriter out) throws InterruptedException {
        long start = nanoTime.getAsLong();
        long nextProgress = start + progressEvery.toNanos();
        while (upLinks.getAsLong() < wanted) {
            long now = nanoTime.getAsLong();
            if (now - start >= timeout.toNanos()) {
                return Outcome.TIMED_OUT;
            }
            if (now - nextProgress >= 0) {
                out.printf("lab: still waiting for the connector: %d of %d links UP after %d s (giving up after %d s)%n",
                        upLinks.getAsLong(), wanted, Duration.ofNanos(now - start).toSeconds(), timeout.toSeconds());
                out.flush();
                nextProgress += progressEvery.toNanos();
            }
            if (pause.stopRequestedWithin(POLL_MILLIS)) {
                return Outcome.STOPPED;
            }
        }
        return Outcome.UP;
    }
}
