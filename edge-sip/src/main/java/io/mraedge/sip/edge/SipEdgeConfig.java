package io.mraedge.sip.edge;

import io.mraedge.sip.codec.SipDecoderConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The edge's {@code sip:} section. Every field has a default, so an edge without the section
 * still serves SIP/TLS on 5061.
 *
 * <pre>{@code
 * sip:
 *   listen-port: 5061            # on outside-address
 *   retry-after: 60s             # Retry-After of the maintenance 503
 *   imbalance-threshold: 60      # % of the cluster's registrations above which REGISTER 200 gets a Warning
 *   message-timeout: 10s         # a started message must complete within this, else 400 and close
 *   limits: {start-line: 4KiB, header-size: 32KiB, header-count: 100, body-size: 64KiB}
 * }</pre>
 *
 * @param listenPort        TLS port on the outside address (0: any, tests)
 * @param limits            decoder limits
 * @param imbalancePercent  this edge's share of the cluster's registrations, in percent, above which
 *                          the REGISTER 200 carries a load-imbalance Warning
 * @param retryAfter        Retry-After of the 503 sent in maintenance
 * @param messageTimeout    time allowed between a message's first byte and its last
 */
public record SipEdgeConfig(int listenPort, SipDecoderConfig limits, int imbalancePercent, Duration retryAfter,
                            Duration messageTimeout) {
    public static final SipEdgeConfig DEFAULT = new SipEdgeConfig(5061, SipDecoderConfig.DEFAULT, 60,
            Duration.ofSeconds(60), Duration.ofSeconds(10));

    public SipEdgeConfig {
        Objects.requireNonNull(limits);
        Objects.requireNonNull(retryAfter);
        Objects.requireNonNull(messageTimeout);
    }

    /** The {@link io.mraedge.core.config.SectionParser} of the edge's {@code sip:} section. */
    public static SipEdgeConfig parse(io.mraedge.core.config.ConfigReader sip) {
        int port = sip.integer("listen-port", DEFAULT.listenPort, 0, 65535);
        Duration retryAfter = sip.positiveDuration("retry-after", DEFAULT.retryAfter);
        int imbalance = sip.integer("imbalance-threshold", DEFAULT.imbalancePercent, 1, 100);
        Duration messageTimeout = sip.positiveDuration("message-timeout", DEFAULT.messageTimeout);
        SipDecoderConfig limits = io.mraedge.sip.SipConfigs.limits(sip);
        return sip.finish(() -> new SipEdgeConfig(port, limits, imbalance, retryAfter, messageTimeout));
    }
}
