package io.mraedge.core.protection;

import io.mraedge.core.config.ConfigReader;
import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything intrusion protection and the connection rate limit are configured with. Immutable.
 *
 * <p>YAML, the {@code protection} section of the edge's (and the connector's) file; every key is
 * optional:
 * <pre>{@code
 * protection:
 *   max-tracked-sources: 100000      # per-source entries each table may hold, 100 to 10000000
 *   exemptions: [10.0.0.0/8]         # never counted in any category, never rate limited
 *   connection-rate: {per-second: 100, burst: 20}
 *   categories:
 *     sip-auth-failure: {enabled: true, trigger-level: 5, window: 60s, ban-duration: 10m,
 *                        exemptions: [198.51.100.0/24]}
 * }</pre>
 * A category the file leaves out, and each key a category leaves out, keeps the default of
 * {@link ProtectionCategory#defaultPolicy()}. To list no exemptions, leave the key out.
 *
 * @param categories        the policy of every category (all of them present)
 * @param connectionRate    the per-source new-connection limit of the outside listeners
 * @param maxTrackedSources the most per-source entries each table (failure counters, bans, rate
 *                          buckets) keeps in memory; past it the least useful are forgotten, so a
 *                          flood of distinct sources cannot exhaust the heap
 * @param exemptAll         sources exempt from every category and from the rate limit
 */
public record ProtectionConfig(Map<ProtectionCategory, CategoryPolicy> categories, RateLimitPolicy connectionRate,
                               int maxTrackedSources, List<Cidr> exemptAll) {

    public static final int DEFAULT_MAX_TRACKED_SOURCES = 100_000;
    /** Config bounds of {@code max-tracked-sources}: below 100 protection forgets too soon to work. */
    public static final int MIN_MAX_TRACKED_SOURCES = 100;
    public static final int MAX_MAX_TRACKED_SOURCES = 10_000_000;

    public ProtectionConfig {
        Objects.requireNonNull(categories, "categories");
        EnumMap<ProtectionCategory, CategoryPolicy> all = new EnumMap<>(ProtectionCategory.class);
        all.putAll(categories);
        for (ProtectionCategory category : ProtectionCategory.values()) {
            Objects.requireNonNull(all.get(category), () -> "no policy for " + category);
        }
        categories = Collections.unmodifiableMap(all);
        Objects.requireNonNull(connectionRate, "connectionRate");
        if (maxTrackedSources < 1) {
            throw new IllegalArgumentException("maxTrackedSources must be at least 1, got " + maxTrackedSources);
        }
        exemptAll = List.copyOf(exemptAll);
    }

    /** Every category at its default, the product's rate limit, no exemptions. */
    public static ProtectionConfig defaults() {
        EnumMap<ProtectionCategory, CategoryPolicy> categories = new EnumMap<>(ProtectionCategory.class);
        for (ProtectionCategory category : ProtectionCategory.values()) {
            categories.put(category, category.defaultPolicy());
        }
        return new ProtectionConfig(categories, RateLimitPolicy.DEFAULT, DEFAULT_MAX_TRACKED_SOURCES, List.of());
    }

    /**
     * Reads the {@code protection} section; register it with
     * {@code ConfigLoader.withSection(role, "protection", ProtectionConfig::parse)}. Problems
     * (bad CIDR, bad duration, unknown key) are recorded on the reader with their key path.
     *
     * @return the config, or {@code null} when a problem was recorded
     */
    public static ProtectionConfig parse(ConfigReader section) {
        return ProtectionConfigParser.parse(section);
    }

    /** The policy of {@code category}. */
    public CategoryPolicy policy(ProtectionCategory category) {
        return categories.get(category);
    }

    /** Whether {@code address} is exempt from {@code category}: by the global or the category's list. */
    public boolean exempts(ProtectionCategory category, InetAddress address) {
        return Cidr.anyContains(exemptAll, address) || policy(category).exempts(address);
    }

    /** A copy with {@code category}'s policy replaced; for tests and the admin API. */
    public ProtectionConfig with(ProtectionCategory category, CategoryPolicy policy) {
        EnumMap<ProtectionCategory, CategoryPolicy> copy = new EnumMap<>(categories);
        copy.put(category, Objects.requireNonNull(policy, "policy"));
        return new ProtectionConfig(copy, connectionRate, maxTrackedSources, exemptAll);
    }
}
