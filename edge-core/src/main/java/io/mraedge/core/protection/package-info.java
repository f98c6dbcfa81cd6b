/**
 * Automated intrusion protection of the edge, fail2ban style, and the per-source connection rate
 * limit.
 *
 * <ul>
 *   <li>{@link io.mraedge.core.protection.ProtectionConfig} — the {@code protection} config
 *       section: per-{@link io.mraedge.core.protection.ProtectionCategory} policies, exemptions,
 *       the rate limit, the memory bound.
 *   <li>{@link io.mraedge.core.protection.IntrusionProtection} — protocol handlers record
 *       failures; enough of them from one source on one port make a
 *       {@link io.mraedge.core.protection.Ban}.
 *   <li>{@link io.mraedge.core.protection.ConnectionRateLimiter} — per-source token bucket on new
 *       connections.
 *   <li>{@link io.mraedge.core.protection.AcceptGate} — the first handler of every accepted
 *       connection; enforces both by closing silently.
 * </ul>
 */
package io.mraedge.core.protection;
