package io.mraedge.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a traversal link notices that its peer is gone. The edge sends an HTTP/2 PING every
 * {@code pingInterval} (RFC 9113 §6.7); a side that hears nothing for
 * {@code pingInterval x pingMisses} closes the link. {@code tcpUserTimeout} (TCP_USER_TIMEOUT,
 * RFC 5482) bounds how long unacknowledged data may sit in the kernel, which catches a dead peer
 * even while the application is busy writing.
 *
 * <p>YAML keys, flat under {@code traversal}: {@code ping-interval} (default 5s, more than 0),
 * {@code ping-misses} (default 3, 1 to 100), {@code tcp-user-timeout} (default 20s; 0 leaves the
 * operating system's default; at most {@link #MAX_TCP_USER_TIMEOUT}).
 *
 * @param pingInterval   time between pings; more than zero
 * @param pingMisses     silent intervals tolerated before closing
 * @param tcpUserTimeout TCP_USER_TIMEOUT, or zero for the operating system's default
 */
public record LivenessConfig(Duration pingInterval, int pingMisses, Duration tcpUserTimeout) {

    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_PING_MISSES = 3;
    public static final int MIN_PING_MISSES = 1;
    public static final int MAX_PING_MISSES = 100;
    public static final Duration DEFAULT_TCP_USER_TIMEOUT = Duration.ofSeconds(20);
    /** The socket option is an int of milliseconds. */
    public static final Duration MAX_TCP_USER_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    public LivenessConfig {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(tcpUserTimeout, "tcpUserTimeout");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be more than 0: " + pingInterval);
        }
        if (pingMisses < MIN_PING_MISSES || pingMisses > MAX_PING_MISSES) {
            throw new IllegalArgumentException("pingMisses must be 1 to 100: " + pingMisses);
        }
        if (tcpUserTimeout.isNegative() || tcpUserTimeout.compareTo(MAX_TCP_USER_TIMEOUT) > 0) {
            throw new IllegalArgumentException("tcpUserTimeout out of range: " + tcpUserTimeout);
        }
    }

    /** All defaults. */
    public static LivenessConfig defaults() {
        return new LivenessConfig(DEFAULT_PING_INTERVAL, DEFAULT_PING_MISSES, DEFAULT_TCP_USER_TIMEOUT);
    }

    /** How long a link may stay silent before it is closed: {@code pingInterval x pingMisses}. */
    public Duration silenceLimit() {
        return pingInterval.multipliedBy(pingMisses);
    }
}
