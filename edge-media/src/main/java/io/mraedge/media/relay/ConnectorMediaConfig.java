package io.mraedge.media.relay;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.media.ports.PortRange;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The connector's media relay settings (ARCHITECTURE.md, "Media (UDP)"), parsed from its
 * {@code media:} section:
 *
 * <pre>{@code
 * media:
 *   address: 10.0.0.10          # required: inside legs bind here, SDP toward the inside says it
 *   ports: 36002-59999          # per-stream inside ports, in RTP/RTCP pairs
 *   idle-timeout: 60s           # a stream without media both ways for this long is closed
 *   probe-interval: 100ms       # first probe retry toward the edge, doubling up to 1s until acked
 *   keepalive: 10s              # probe interval once acked; keeps the firewall path open
 *   setup-timeout: 180s         # how long a stream that never carried media keeps its ports
 *   max-datagram: 2048          # largest datagram relayed (64-65507)
 *   recv-batch: 16              # datagrams per recvmmsg (1-1024)
 * }</pre>
 *
 * @param address       where inside legs bind (and traversal legs send from); never a wildcard
 * @param ports         the per-stream inside ports
 * @param idleTimeout   how long a stream may carry no media before it is closed
 * @param probeInterval the first retry interval of the probe toward the edge; it doubles up to
 *                      {@link #MAX_PROBE_INTERVAL} (or stays, when it is longer) until acked
 * @param keepalive     the probe interval once the edge has acked
 * @param maxDatagram   largest datagram payload received
 * @param recvBatch     datagrams per recvmmsg
 * @param setupTimeout  how long a stream that never carried media keeps its ports
 */
public record ConnectorMediaConfig(InetAddress address, PortRange ports, Duration idleTimeout,
                                   Duration probeInterval, Duration keepalive, int maxDatagram, int recvBatch,
                                   Duration setupTimeout) {

    public static final PortRange DEFAULT_PORTS = PortRange.of(36002, 59999);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SETUP_TIMEOUT = EdgeMediaConfig.DEFAULT_SETUP_TIMEOUT;
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(10);
    /** Unacked probes back off to this interval. */
    public static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(1);

    /** With the default {@code setup-timeout}. */
    public ConnectorMediaConfig(InetAddress address, PortRange ports, Duration idleTimeout, Duration probeInterval,
                                Duration keepalive, int maxDatagram, int recvBatch) {
        this(address, ports, idleTimeout, probeInterval, keepalive, maxDatagram, recvBatch, DEFAULT_SETUP_TIMEOUT);
    }

    public ConnectorMediaConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(keepalive, "keepalive");
        if (address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("address must be a concrete address, not " + address.getHostAddress());
        }
        Objects.requireNonNull(setupTimeout, "setupTimeout");
        for (Duration d : new Duration[] {idleTimeout, probeInterval, keepalive, setupTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
        MediaConfigKeys.checkDatagram(maxDatagram, recvBatch);
    }

    /**
     * The {@code media:} section of a connector.
     *
     * @return the config, or {@code null} when a problem was recorded
     */
    public static ConnectorMediaConfig parse(ConfigReader media) {
        InetAddress address = media.inetAddress("address", null);
        if (address == null && media.optionalString("address").isEmpty()) {
            media.problem("address", "required key is missing: the connector's inside IP address, where "
                    + "inside media ports bind");
        }
        MediaConfigKeys.concrete(media, "address", address, "SDP toward the inside carries it");
        PortRange ports = MediaConfigKeys.portRange(media, "ports", DEFAULT_PORTS);
        Duration idle = media.positiveDuration("idle-timeout", DEFAULT_IDLE_TIMEOUT);
        Duration setup = media.positiveDuration("setup-timeout", DEFAULT_SETUP_TIMEOUT);
        Duration probe = media.positiveDuration("probe-interval", DEFAULT_PROBE_INTERVAL);
        Duration keepalive = media.positiveDuration("keepalive", DEFAULT_KEEPALIVE);
        int maxDatagram = media.integer("max-datagram", MediaConfigKeys.DEFAULT_MAX_DATAGRAM,
                MediaConfigKeys.MIN_DATAGRAM, MediaConfigKeys.MAX_UDP_PAYLOAD);
        int recvBatch = media.integer("recv-batch", MediaConfigKeys.DEFAULT_RECV_BATCH, 1,
                MediaConfigKeys.MAX_RECV_BATCH);
        MediaConfigKeys.readBufferFits(media, maxDatagram, recvBatch);
        return media.finish(() -> new ConnectorMediaConfig(address, ports, idle, probe, keepalive, maxDatagram,
                recvBatch, setup));
    }
}
