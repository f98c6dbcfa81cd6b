package io.mraedge.http.edge;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The edge's {@code http:} section: the HTTPS 8443 listener (ARCHITECTURE.md, "HTTP (8443)").
 * Parsed by {@link HttpEdgeConfigParser}; an edge without the section has no HTTPS listener.
 *
 * @param listenPort       {@code listen-port} on the edge's outside address, default 8443 (0: any)
 * @param serviceDomains   {@code service-domains}, required: the domains clients discover the
 *                         edge for; any other domain in a URL gets 403
 * @param limits           {@code limits}, see {@link HttpLimits}
 * @param auth             {@code auth}, see {@link AuthSettings}
 * @param publicInputs     {@code edge-config}, see {@link EdgePublicInputs}
 * @param responseTimeout  {@code response-timeout}: how long the edge waits for a connector's
 *                         response headers before answering 504, default 65 s (longer than the
 *                         connector's upstream timeout, so that the connector's 504 wins)
 * @param retryAfter       {@code maintenance-retry-after}: {@code Retry-After} of the 503 sent in
 *                         maintenance, default 60 s
 */
public record HttpEdgeConfig(int listenPort, List<String> serviceDomains, HttpLimits limits, AuthSettings auth,
                             EdgePublicInputs publicInputs, Duration responseTimeout, Duration retryAfter) {
    public static final int DEFAULT_PORT = 8443;
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(65);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    public HttpEdgeConfig {
        serviceDomains = List.copyOf(serviceDomains);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(publicInputs, "publicInputs");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }
}
