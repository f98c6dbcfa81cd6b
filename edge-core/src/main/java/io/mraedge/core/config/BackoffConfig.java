package io.mraedge.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the connector paces reconnects to an edge: full-jitter exponential backoff, the n-th
 * attempt waiting a random time in {@code [0, min(cap, base x 2^n)]}, so that connectors do not
 * all come back at once after an edge restarts. A link that stays up for {@code resetAfter}
 * starts the sequence over.
 *
 * <p>YAML, under {@code traversal.backoff}: {@code base} (default 1s, more than 0), {@code cap}
 * (default 30s, at least {@code base}), {@code reset-after} (default 60s, more than 0).
 *
 * @param base       the first ceiling
 * @param cap        the largest ceiling
 * @param resetAfter healthy time after which backoff starts over
 */
public record BackoffConfig(Duration base, Duration cap, Duration resetAfter) {

    public static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RESET_AFTER = Duration.ofSeconds(60);

    public BackoffConfig {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be more than 0: " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap " + cap + " is less than base " + base);
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("resetAfter must be more than 0: " + resetAfter);
        }
    }

    /** All defaults. */
    public static BackoffConfig defaults() {
        return new BackoffConfig(DEFAULT_BASE, DEFAULT_CAP, DEFAULT_RESET_AFTER);
    }
}
