package io.mraedge.http.connector;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The connector's client toward inside servers (YAML {@code http.upstream}).
 *
 * @param connectTimeout        {@code connect-timeout}, default 5 s; a failed connect answers 502
 * @param responseTimeout       {@code response-timeout}: from the request to the response
 *                              headers, default 30 s; then 504
 * @param idleTimeout           {@code idle-timeout}: a pooled connection unused this long is
 *                              closed, default 30 s (below common server keep-alive timeouts,
 *                              so the connector closes first)
 * @param maxIdlePerOrigin      {@code max-idle-per-origin}: pooled connections kept per inside
 *                              server and event loop, default 64 (nginx's keepalive for an upstream pool is sized alike)
 * @param verifyOrigin          {@code verify-origin}: check inside servers' certificates and
 *                              names (the product's VerifyOriginServer), default true
 * @param trustStore            {@code trust-store}: PEM bundle of the CAs to trust when verifying,
 *                              or null for the JDK's default anchors
 * @param maxResponseHeaderSize {@code max-response-header-size}, default 64 KiB
 */
public record UpstreamSettings(Duration connectTimeout, Duration responseTimeout, Duration idleTimeout,
                               int maxIdlePerOrigin, boolean verifyOrigin, Path trustStore, int maxResponseHeaderSize) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_IDLE_PER_ORIGIN = 64;
    public static final int DEFAULT_MAX_RESPONSE_HEADER_SIZE = 64 * 1024;
}
