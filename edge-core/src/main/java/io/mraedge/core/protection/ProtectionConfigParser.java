package io.mraedge.core.protection;

import io.mraedge.core.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code protection} section into a {@link ProtectionConfig}. Keys and defaults are
 * documented on the records; every value goes through {@link ConfigReader}, so problems carry
 * the key path and line, and keys nobody asked for are reported as unknown.
 */
final class ProtectionConfigParser {

    private static final String CIDR_HINT = "; write e.g. 10.0.0.0/8, 2001:db8::/32 or a single address";

    private ProtectionConfigParser() {
    }

    static ProtectionConfig parse(ConfigReader section) {
        int maxTracked = section.integer("max-tracked-sources", ProtectionConfig.DEFAULT_MAX_TRACKED_SOURCES,
                ProtectionConfig.MIN_MAX_TRACKED_SOURCES, ProtectionConfig.MAX_MAX_TRACKED_SOURCES);
        List<Cidr> exemptAll = exemptions(section, List.of());
        RateLimitPolicy rate = connectionRate(section.child("connection-rate"));
        Map<ProtectionCategory, CategoryPolicy> categories = categories(section.child("categories"));
        return section.finish(() -> new ProtectionConfig(categories, rate, maxTracked, exemptAll));
    }

    private static RateLimitPolicy connectionRate(ConfigReader rate) {
        int perSecond = rate.integer("per-second", RateLimitPolicy.DEFAULT_PER_SECOND, 1, RateLimitPolicy.MAX);
        int burst = rate.integer("burst", RateLimitPolicy.DEFAULT_BURST, 1, RateLimitPolicy.MAX);
        return rate.finish(() -> new RateLimitPolicy(perSecond, burst));
    }

    private static Map<ProtectionCategory, CategoryPolicy> categories(ConfigReader categories) {
        Map<ProtectionCategory, CategoryPolicy> policies = new EnumMap<>(ProtectionCategory.class);
        for (ProtectionCategory category : ProtectionCategory.values()) {
            // Asking for every category's key is what lets finish() flag a misspelt one.
            CategoryPolicy policy = categories.optionalChild(category.yamlKey())
                    .map(reader -> category(reader, category.defaultPolicy()))
                    .orElse(category.defaultPolicy());
            if (policy != null) {
                policies.put(category, policy);
            }
        }
        return categories.finish(() -> policies);
    }

    private static CategoryPolicy category(ConfigReader reader, CategoryPolicy defaults) {
        boolean enabled = reader.bool("enabled", defaults.enabled());
        int triggerLevel = reader.integer("trigger-level", defaults.triggerLevel(), 1,
                CategoryPolicy.MAX_TRIGGER_LEVEL);
        Duration window = reader.positiveDuration("window", defaults.window());
        Duration banDuration = reader.positiveDuration("ban-duration", defaults.banDuration());
        List<Cidr> exemptions = exemptions(reader, defaults.exemptions());
        return reader.finish(() -> new CategoryPolicy(enabled, triggerLevel, window, banDuration, exemptions));
    }

    /** The optional {@code exemptions} list of {@code reader}; each bad entry is one problem. */
    private static List<Cidr> exemptions(ConfigReader reader, List<Cidr> defaults) {
        if (!reader.has("exemptions")) {
            // Asking for the absent key allows it, so "did you mean exemptions?" works for typos.
            reader.optionalString("exemptions");
            return defaults;
        }
        Set<Cidr> prefixes = new LinkedHashSet<>();
        List<String> items = reader.stringList("exemptions");
        for (int i = 0; i < items.size(); i++) {
            try {
                prefixes.add(Cidr.parse(items.get(i)));
            } catch (IllegalArgumentException e) {
                reader.problem("exemptions", "item " + i + ": " + e.getMessage() + CIDR_HINT);
            }
        }
        return new ArrayList<>(prefixes);
    }
}
