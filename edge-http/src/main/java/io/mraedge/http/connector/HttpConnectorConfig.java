package io.mraedge.http.connector;

import io.mraedge.http.allowlist.AllowList;
import io.mraedge.http.allowlist.AllowRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The connector's {@code http:} section: the UC nodes per service domain, how credentials are
 * verified and cached, the manual allow-list rules, and the upstream client. Parsed by
 * {@link HttpConnectorConfigParser}.
 *
 * @param domains                    {@code domains}, at least one
 * @param verifier                   {@code verifier}
 * @param credentialsRefreshInterval {@code credentials.refresh-interval}: how long a verified
 *                                   credential stays cached, default 480 min (keep it equal to
 *                                   the edges' token lifetime)
 * @param cleanupInterval            {@code credentials.cleanup-interval}: how often expired
 *                                   entries are purged, default 720 min
 * @param defaultMethods             {@code allow-list.default-methods}, default {@code [GET]}
 * @param manualRules                {@code allow-list.rules}
 * @param upstream                   {@code upstream}
 */
public record HttpConnectorConfig(List<ServiceDomain> domains, VerifierSettings verifier,
                                  Duration credentialsRefreshInterval, Duration cleanupInterval,
                                  Set<String> defaultMethods, List<AllowRule> manualRules, UpstreamSettings upstream) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(480);
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(720);
    public static final Set<String> DEFAULT_METHODS = Set.of("GET");

    public HttpConnectorConfig {
        domains = List.copyOf(domains);
        Objects.requireNonNull(verifier, "verifier");
        defaultMethods = Set.copyOf(defaultMethods);
        manualRules = List.copyOf(manualRules);
        Objects.requireNonNull(upstream, "upstream");
    }

    /** Automatic rules for the UC nodes, then the manual ones. */
    public AllowList allowList() {
        List<AllowRule> all = new ArrayList<>(AutomaticRules.of(domains));
        all.addAll(manualRules);
        return AllowList.of(all);
    }

    public Optional<ServiceDomain> domain(String name) {
        return domains.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * The address to dial for each configured host that has one ({@code address:}); other hosts
     * (manual rules' hosts included) are resolved by name.
     */
    public Map<String, String> connectAddresses() {
        Map<String, String> map = new HashMap<>();
        for (ServiceDomain d : domains) {
            for (UcNode n : d.unifiedCm()) {
                put(map, n.host(), n.address());
            }
            for (UcNode n : d.imPresence()) {
                put(map, n.host(), n.address());
            }
            for (UcNode n : d.unityConnection()) {
                put(map, n.host(), n.address());
            }
            for (TftpNode n : d.tftp()) {
                put(map, n.host(), n.address());
            }
        }
        return Map.copyOf(map);
    }

    private static void put(Map<String, String> map, String host, String address) {
        if (address != null) {
            map.put(host, address);
        }
    }
}
