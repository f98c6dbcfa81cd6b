package io.mraedge.xmpp.connector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the connector talks to IM&P ({@code xmpp.upstream}).
 *
 * @param tls                how TLS starts: STARTTLS on a plain port (5222/5269) or direct TLS
 * @param verify             whether the IM&P certificate is checked (chain and name); turning it
 *                           off is for labs only and is logged as a warning
 * @param ca                 PEM trust anchors for IM&P certificates; null: the JDK's default trust store
 * @param connectTimeout     TCP connect to one IM&P server; the next one is tried after it
 * @param negotiationTimeout from connect until the replayed header is sent (stream, STARTTLS, TLS)
 */
public record UpstreamSettings(UpstreamTls tls, boolean verify, Path ca, Duration connectTimeout,
                               Duration negotiationTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NEGOTIATION_TIMEOUT = Duration.ofSeconds(15);

    /** How TLS to IM&P starts. */
    public enum UpstreamTls {
        /** RFC 6120 §5: a plain stream, then STARTTLS. */
        STARTTLS("starttls"),
        /** XEP-0368: TLS from the first byte. */
        DIRECT("direct-tls");

        private final String yaml;

        UpstreamTls(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    public UpstreamSettings {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(negotiationTimeout, "negotiationTimeout");
    }

    public static UpstreamSettings defaults() {
        return new UpstreamSettings(UpstreamTls.STARTTLS, true, null, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_NEGOTIATION_TIMEOUT);
    }
}
