package io.mraedge.core.protection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of failure that count towards a ban, after the product's automated intrusion
 * protection categories, plus one for our own traversal listener. Each has a YAML key (under
 * {@code protection.categories}), a label for operators, and a default policy.
 *
 * <p>The product does not publish its thresholds, so the defaults follow fail2ban's habits
 * (a handful of failures in a short window, a ban of minutes): long enough to make online
 * guessing useless (a few tries per ten minutes), short enough that a real user who mistyped
 * a password, or an office behind one NAT, recovers without a call to the help desk.
 * <ul>
 *   <li>Authentication failures (HTTP proxy, SIP): 5 in 60 s, ban 10 min. A person mistypes
 *       once or twice; a client with a stale password retries a few times, then asks the user.
 *   <li>Protocol violations (HTTP proxy, XMPP) and SIP registration failures: 10 in 60 s, ban
 *       10 min. Scanners and fuzzers produce these in bursts of dozens; a real client produces
 *       one now and then (a bad network path, a misconfigured domain that it keeps retrying),
 *       so allow more slack than for credentials.
 *   <li>HTTP proxy resource access failure: <b>disabled</b> (10 in 60 s, ban 10 min when turned
 *       on). Clients legitimately ask for resources the allow list does not hold, and the
 *       product recommends not enabling this category on the edge.
 *   <li>Traversal authentication failure: 3 in 60 s, ban 15 min. Only a few known connectors
 *       ever dial the traversal port, from inside, so repeated mutual-TLS failures there mean a
 *       misconfiguration to fix or a host that should not be talking to the edge at all.
 * </ul>
 */
public enum ProtectionCategory {
    HTTP_PROXY_AUTH_FAILURE("http-proxy-auth-failure", "HTTP proxy authentication failure",
            CategoryPolicy.enabled(5, Duration.ofSeconds(60), Duration.ofMinutes(10))),
    HTTP_PROXY_PROTOCOL_VIOLATION("http-proxy-protocol-violation", "HTTP proxy protocol violation",
            CategoryPolicy.enabled(10, Duration.ofSeconds(60), Duration.ofMinutes(10))),
    HTTP_PROXY_RESOURCE_ACCESS_FAILURE("http-proxy-resource-access-failure", "HTTP proxy resource access failure",
            new CategoryPolicy(false, 10, Duration.ofSeconds(60), Duration.ofMinutes(10), List.of())),
    SIP_AUTH_FAILURE("sip-auth-failure", "SIP authentication failure",
            CategoryPolicy.enabled(5, Duration.ofSeconds(60), Duration.ofMinutes(10))),
    SIP_REGISTRATION_FAILURE("sip-registration-failure", "SIP registration failure",
            CategoryPolicy.enabled(10, Duration.ofSeconds(60), Duration.ofMinutes(10))),
    XMPP_PROTOCOL_VIOLATION("xmpp-protocol-violation", "XMPP protocol violation",
            CategoryPolicy.enabled(10, Duration.ofSeconds(60), Duration.ofMinutes(10))),
    TRAVERSAL_AUTH_FAILURE("traversal-auth-failure", "Traversal authentication failure",
            CategoryPolicy.enabled(3, Duration.ofSeconds(60), Duration.ofMinutes(15)));

    private final String yamlKey;
    private final String label;
    private final CategoryPolicy defaultPolicy;

    ProtectionCategory(String yamlKey, String label, CategoryPolicy defaultPolicy) {
        this.yamlKey = yamlKey;
        this.label = label;
        this.defaultPolicy = defaultPolicy;
    }

    /** The key under {@code protection.categories}, e.g. {@code sip-auth-failure}. */
    public String yamlKey() {
        return yamlKey;
    }

    /** The name operators read in logs and status, e.g. "SIP authentication failure". */
    public String label() {
        return label;
    }

    /** The policy when the config file says nothing about this category. */
    public CategoryPolicy defaultPolicy() {
        return defaultPolicy;
    }

    /** The category whose {@link #yamlKey()} is {@code key}, for the admin API and CLI. */
    public static Optional<ProtectionCategory> fromYamlKey(String key) {
        for (ProtectionCategory category : values()) {
            if (category.yamlKey.equals(key)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
