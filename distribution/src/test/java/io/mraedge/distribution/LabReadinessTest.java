package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The lab's wait for the connector, on a fake clock: pausing advances it, nothing sleeps. */
class LabReadinessTest {
    private long now = 1_000;
    private int pausesLeftBeforeStop = Integer.MAX_VALUE;
    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);

    private final LabReadiness readiness = new LabReadiness(() -> now, millis -> {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
        return --pausesLeftBeforeStop <= 0;
    }, Duration.ofSeconds(3));

    @Test
    void upAtOnceNeedsNoWaitAndPrintsNothing() throws InterruptedException {
        assertThat(readiness.await(() -> 2, 2, Duration.ofSeconds(30), out)).isEqualTo(LabReadiness.Outcome.UP);
        assertThat(printed.toString()).isEmpty();
        assertThat(now).isEqualTo(1_000);
    }

    @Test
    void upAfterAWhileShowsProgressEveryFewSeconds() throws InterruptedException {
        long start = now;
        LongSupplier up = () -> now - start >= TimeUnit.SECONDS.toNanos(7) ? 2 : 1;

        assertThat(readiness.await(up, 2, Duration.ofSeconds(30), out)).isEqualTo(LabReadiness.Outcome.UP);

        assertThat(printed.toString().lines()).containsExactly(
                "lab: still waiting for the connector: 1 of 2 links UP after 3 s (giving up after 30 s)",
                "lab: still waiting for the connector: 1 of 2 links UP after 6 s (giving up after 30 s)");
    }

    @Test
    void givesUpAfterTheTimeout() throws InterruptedException {
        long start = now;

        assertThat(readiness.await(() -> 0, 2, Duration.ofSeconds(30), out))
                .isEqualTo(LabReadiness.Outcome.TIMED_OUT);

        assertThat(now - start).isBetween(TimeUnit.SECONDS.toNanos(30),
                TimeUnit.SECONDS.toNanos(30) + TimeUnit.MILLISECONDS.toNanos(LabReadiness.POLL_MILLIS));
        assertThat(printed.toString().lines()).hasSize(9);
    }

    @Test
    void aStopSignalEndsTheWait() throws InterruptedException {
        pausesLeftBeforeStop = 3;

        assertThat(readiness.await(() -> 0, 2, Duration.ofSeconds(30), out)).isEqualTo(LabReadiness.Outcome.STOPPED);
    }
}
