package io.mraedge.core.protection;

/**
 * The per-source limit on new connections to an outside listener (HTTPS 8443 and the SIP
 * ports): a token bucket refilled at {@code perSecond} that holds at most {@code burst} tokens.
 * Immutable.
 *
 * <p>YAML, under {@code protection.connection-rate}: {@code per-second} (default
 * {@value #DEFAULT_PER_SECOND}) and {@code burst} (default {@value #DEFAULT_BURST}), each 1 to
 * {@value #MAX}. The defaults are the product's ("default 100 new connections/s, burst 20").
 *
 * @param perSecond sustained new connections per second one source may open
 * @param burst     how many it may open at once after being quiet
 */
public record RateLimitPolicy(int perSecond, int burst) {

    public static final int DEFAULT_PER_SECOND = 100;
    public static final int DEFAULT_BURST = 20;
    /** Upper bound of both values; above it a "limit" limits nothing on one edge node. */
    public static final int MAX = 1_000_000;

    /** The product's default: 100 new connections/s, burst 20. */
    public static final RateLimitPolicy DEFAULT = new RateLimitPolicy(DEFAULT_PER_SECOND, DEFAULT_BURST);

    public RateLimitPolicy {
        if (perSecond < 1 || perSecond > MAX) {
            throw new IllegalArgumentException("perSecond must be 1-" + MAX + ", got " + perSecond);
        }
        if (burst < 1 || burst > MAX) {
            throw new IllegalArgumentException("burst must be 1-" + MAX + ", got " + burst);
        }
    }
}
