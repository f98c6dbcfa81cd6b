package io.mraedge.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a process stops on SIGTERM: it enters maintenance, stops taking new work, and waits up to
 * {@code drainTimeout} for what is in flight before closing the rest. YAML key
 * {@code shutdown.drain-timeout}, default 60s; {@code 0s} closes at once.
 *
 * @param drainTimeout how long to wait for in-flight work; zero or more
 */
public record ShutdownConfig(Duration drainTimeout) {

    /** Default {@code drain-timeout}: long enough for a SIP transaction or a file upload. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);

    public ShutdownConfig {
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative: " + drainTimeout);
        }
    }

    /** All defaults. */
    public static ShutdownConfig defaults() {
        return new ShutdownConfig(DEFAULT_DRAIN_TIMEOUT);
    }
}
