package io.mraedge.http.connector;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.http.allowlist.AllowRule;
import io.mraedge.http.allowlist.HostSyntax;
import io.mraedge.http.allowlist.HttpMethods;
import io.mraedge.http.allowlist.MatchType;
import io.mraedge.http.allowlist.RuleOrigin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the connector's {@code http:} section into an {@link HttpConnectorConfig}; every key is
 * documented on the records. Checks across keys: a domain needs at least one Unified CM (a CE
 * endpoint fails on an empty {@code userUdsServer}); one host has one {@code address}; domains
 * are listed once.
 */
public final class HttpConnectorConfigParser {
    private HttpConnectorConfigParser() {
    }

    public static HttpConnectorConfig parse(ConfigReader http) {
        Map<String, String> addresses = new HashMap<>();
        List<ServiceDomain> domains = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader d : http.children("domains")) {
            ServiceDomain domain = domain(d, addresses);
            if (domain != null && !names.add(domain.name())) {
                d.problem("name", "domain " + domain.name() + " is listed twice");
            } else if (domain != null) {
                domains.add(domain);
            }
        }
        VerifierSettings verifier = verifier(http.child("verifier"));
        ConfigReader credentials = http.child("credentials");
        Duration refresh = credentials.positiveDuration("refresh-interval", HttpConnectorConfig.DEFAULT_REFRESH_INTERVAL);
        Duration cleanup = credentials.positiveDuration("cleanup-interval", HttpConnectorConfig.DEFAULT_CLEANUP_INTERVAL);
        credentials.finish();
        ConfigReader allow = http.child("allow-list");
        Set<String> defaultMethods = methods(allow, "default-methods", HttpConnectorConfig.DEFAULT_METHODS);
        List<AllowRule> rules = manualRules(allow, defaultMethods);
        allow.finish();
        UpstreamSettings upstream = upstream(http.child("upstream"));
        return http.finish(() -> new HttpConnectorConfig(domains, verifier, refresh, cleanup, defaultMethods, rules,
                upstream));
    }

    private static ServiceDomain domain(ConfigReader d, Map<String, String> addresses) {
        String name = d.string("name");
        Optional<String> canonical = name == null ? Optional.empty() : HostSyntax.canonical(name);
        if (name != null && (canonical.isEmpty() || HostSyntax.isIpv4(canonical.get()))) {
            d.problem("name", "\"" + name + "\" is not a DNS name; write the service domain, e.g. example.com");
        }
        List<UcNode> ucm = d.has("unified-cm") ? nodes(d, "unified-cm", 8443, addresses) : List.of();
        if (!d.has("unified-cm")) {
            d.problem("unified-cm", "each domain needs at least one Unified CM node: get_edge_config's userUdsServer"
                    + " must not be empty (CE endpoints fail on it)");
        }
        List<TftpNode> tftp = new ArrayList<>();
        if (d.has("tftp")) {
            for (ConfigReader t : d.children("tftp")) {
                String host = host(t);
                String address = address(t, host, addresses);
                int http = t.integer("http-port", TftpNode.DEFAULT_HTTP_PORT, 1, 65_535);
                int https = t.integer("https-port", TftpNode.DEFAULT_HTTPS_PORT, 1, 65_535);
                TftpNode node = t.finish(() -> new TftpNode(host, address, http, https));
                if (node != null) {
                    tftp.add(node);
                }
            }
        } else {
            d.optionalString("tftp");
        }
        List<UcNode> imp = optionalNodes(d, "im-presence", 8443, addresses);
        List<UcNode> cuc = optionalNodes(d, "unity-connection", 443, addresses);
        Optional<String> route = d.optionalString("sip-route");
        route.ifPresent(r -> {
            if (!r.startsWith("<sip:") || !r.endsWith(">") || r.chars().anyMatch(c -> c < 0x20)) {
                d.problem("sip-route", "write a SIP URI in angle brackets, e.g. <sip:10.0.0.5:5061;transport=tls;lr>");
            }
        });
        return d.finish(() -> new ServiceDomain(canonical.orElseThrow(), ucm, tftp, imp, cuc, route.orElse(null)));
    }

    private static List<UcNode> optionalNodes(ConfigReader d, String key, int defaultPort, Map<String, String> addresses) {
        if (!d.has(key)) {
            d.optionalString(key);
            return List.of();
        }
        return nodes(d, key, defaultPort, addresses);
    }

    private static List<UcNode> nodes(ConfigReader d, String key, int defaultPort, Map<String, String> addresses) {
        List<UcNode> nodes = new ArrayList<>();
        for (ConfigReader n : d.children(key)) {
            String host = host(n);
            String address = address(n, host, addresses);
            int priority = n.integer("priority", 1, 0, 65_535);
            int weight = n.integer("weight", 1, 0, 65_535);
            int port = n.integer("port", defaultPort, 1, 65_535);
            UcNode node = n.finish(() -> new UcNode(host, address, priority, weight, port));
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    private static String host(ConfigReader n) {
        String host = n.string("host");
        if (host == null) {
            return null;
        }
        Optional<String> canonical = HostSyntax.canonical(host);
        if (canonical.isEmpty()) {
            n.problem("host", "\"" + host + "\" is not a DNS name or IPv4 address");
            return null;
        }
        return canonical.get();
    }

    /** The optional {@code address}; one host must have one address everywhere it is listed. */
    private static String address(ConfigReader n, String host, Map<String, String> addresses) {
        Optional<String> address = n.optionalString("address");
        if (address.isEmpty() || host == null) {
            return null;
        }
        Optional<String> canonical = HostSyntax.canonical(address.get());
        if (canonical.isEmpty()) {
            n.problem("address", "\"" + address.get() + "\" is not an IPv4 address or DNS name");
            return null;
        }
        String previous = addresses.putIfAbsent(host, canonical.get());
        if (previous != null && !previous.equals(canonical.get())) {
            n.problem("address", host + " is given two addresses: " + previous + " and " + canonical.get());
        }
        return canonical.get();
    }

    private static VerifierSettings verifier(ConfigReader v) {
        String type = v.string("type", "uds");
        VerifierSettings.Kind kind = switch (type) {
            case "uds" -> VerifierSettings.Kind.UDS;
            case "static" -> VerifierSettings.Kind.STATIC;
            default -> {
                v.problem("type", "must be uds or static, got \"" + type + "\"");
                yield null;
            }
        };
        Path file = null;
        if (kind == VerifierSettings.Kind.STATIC) {
            file = v.file("credentials-file");
        } else if (v.has("credentials-file")) {
            v.file("credentials-file");
            v.problem("credentials-file", "is only read by the static verifier (type: static)");
        } else {
            v.optionalString("credentials-file");
        }
        Path credentialsFile = file;
        return v.finish(() -> new VerifierSettings(kind, credentialsFile));
    }

    private static Set<String> methods(ConfigReader r, String key, Set<String> defaults) {
        if (!r.has(key)) {
            r.optionalString(key);
            return defaults;
        }
        try {
            return HttpMethods.parse(r.stringList(key));
        } catch (IllegalArgumentException e) {
            r.problem(key, e.getMessage());
            return defaults;
        }
    }

    private static List<AllowRule> manualRules(ConfigReader allow, Set<String> defaultMethods) {
        if (!allow.has("rules")) {
            allow.optionalString("rules");
            return List.of();
        }
        List<AllowRule> rules = new ArrayList<>();
        for (ConfigReader r : allow.children("rules")) {
            String url = r.string("url");
            String matchText = r.string("match", "exact");
            Optional<MatchType> match = MatchType.parse(matchText);
            if (match.isEmpty()) {
                r.problem("match", "must be exact or prefix, got \"" + matchText + "\"");
            }
            Set<String> methods = methods(r, "methods", defaultMethods);
            String description = r.string("description", "");
            AllowRule candidate = null;
            if (url != null && match.isPresent()) {
                try {
                    candidate = AllowRule.fromUrl(url, match.get(), methods, RuleOrigin.MANUAL, description);
                } catch (IllegalArgumentException e) {
                    r.problem("url", e.getMessage());
                }
            }
            AllowRule built = candidate;
            // A null candidate always comes with a recorded problem, so finish never builds it.
            AllowRule rule = r.finish(() -> built);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static UpstreamSettings upstream(ConfigReader u) {
        Duration connect = u.positiveDuration("connect-timeout", UpstreamSettings.DEFAULT_CONNECT_TIMEOUT);
        Duration response = u.positiveDuration("response-timeout", UpstreamSettings.DEFAULT_RESPONSE_TIMEOUT);
        Duration idle = u.positiveDuration("idle-timeout", UpstreamSettings.DEFAULT_IDLE_TIMEOUT);
        int maxIdle = u.integer("max-idle-per-origin", UpstreamSettings.DEFAULT_MAX_IDLE_PER_ORIGIN, 0, 10_000);
        boolean verify = u.bool("verify-origin", true);
        Path trust = u.has("trust-store") ? u.file("trust-store") : null;
        if (!u.has("trust-store")) {
            u.optionalString("trust-store");
        }
        if (trust != null && !verify) {
            u.problem("trust-store", "is unused while verify-origin is false; remove one of them");
        }
        int headers = (int) u.size("max-response-header-size", UpstreamSettings.DEFAULT_MAX_RESPONSE_HEADER_SIZE,
                1024, 1 << 20);
        return u.finish(() -> new UpstreamSettings(connect, response, idle, maxIdle, verify, trust, headers));
    }
}
