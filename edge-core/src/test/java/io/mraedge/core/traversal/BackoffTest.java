package io.mraedge.core.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.config.BackoffConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconnect schedule, with time and randomness injected. */
class BackoffTest {
    private static final BackoffConfig DEFAULTS =
            new BackoffConfig(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    private long now;
    private double random = 0.999999;
    private final Backoff backoff = new Backoff(DEFAULTS, () -> now, () -> random);

    @Test
    void ceilingDoublesFromBaseUpToCap() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            millis.add(backoff.nextDelay().toMillis());
        }
        // random -> 1: each delay is just under its ceiling 1, 2, 4, 8, 16, then the 30 s cap.
        assertThat(millis).containsExactly(999L, 1999L, 3999L, 7999L, 15999L, 29999L, 29999L, 29999L);
    }

    @Test
    void fullJitterSpreadsOverTheWholeWindow() {
        random = 0.0;
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ZERO);
        random = 0.5;
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(1000)); // half of the 2 s ceiling
        random = 0.25;
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(1000)); // a quarter of 4 s
    }

    @Test
    void resetsOnlyAfterSixtySecondsHealthy() {
        for (int i = 0; i < 5; i++) {
            backoff.nextDelay();
        }
        backoff.connected();
        now += Duration.ofSeconds(59).toNanos();
        backoff.disconnected();
        assertThat(backoff.attempts()).as("a short-lived connection keeps the count").isEqualTo(5);
        assertThat(backoff.nextDelay().toMillis()).isEqualTo(29999L);

        backoff.connected();
        now += Duration.ofSeconds(60).toNanos();
        backoff.disconnected();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.nextDelay().toMillis()).as("back to the base").isEqualTo(999L);
    }

    @Test
    void manyAttemptsNeverOverflow() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.nextDelay()).isBetween(Duration.ZERO, Duration.ofSeconds(30));
        }
    }
}
