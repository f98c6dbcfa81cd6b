package io.mraedge.http.connector;

import io.mraedge.http.allowlist.AllowRule;
import io.mraedge.http.allowlist.MatchType;
import io.mraedge.http.allowlist.RuleOrigin;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The allow-list rules the connector derives from its UC nodes (mra-facts.md, "HTTP allow
 * list": automatic, not editable): what clients legitimately fetch from each kind of node.
 * <ul>
 *   <li>Unified CM: UDS, {@code https://host:port/cucm-uds/} (prefix); GET, HEAD, PUT, POST
 *       (Jabber updates its devices' settings with PUT/POST);
 *   <li>TFTP: {@code http://host:6970/} and {@code https://host:6972/} (prefix), GET and HEAD;
 *   <li>IM and Presence: {@code https://host:port/} (prefix), GET, HEAD, POST;
 *   <li>Unity Connection: {@code https://host:port/vmrest/} (prefix), GET, HEAD, POST, PUT, DELETE.
 * </ul>
 */
public final class AutomaticRules {
    static final Set<String> UDS_METHODS = Set.of("GET", "HEAD", "PUT", "POST");
    static final Set<String> TFTP_METHODS = Set.of("GET", "HEAD");
    static final Set<String> IMP_METHODS = Set.of("GET", "HEAD", "POST");
    static final Set<String> CUC_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

    private AutomaticRules() {
    }

    /** The rules for every node of every domain, without duplicates, in config order. */
    public static List<AllowRule> of(List<ServiceDomain> domains) {
        Set<AllowRule> rules = new LinkedHashSet<>();
        for (ServiceDomain d : domains) {
            for (UcNode n : d.unifiedCm()) {
                rules.add(rule("https", n.host(), n.port(), "/cucm-uds/", UDS_METHODS, "Unified CM UDS, " + d.name()));
            }
            for (TftpNode n : d.tftp()) {
                rules.add(rule("http", n.host(), n.httpPort(), "/", TFTP_METHODS, "TFTP over HTTP, " + d.name()));
                rules.add(rule("https", n.host(), n.httpsPort(), "/", TFTP_METHODS, "TFTP over HTTPS, " + d.name()));
            }
            for (UcNode n : d.imPresence()) {
                rules.add(rule("https", n.host(), n.port(), "/", IMP_METHODS, "IM and Presence, " + d.name()));
            }
            for (UcNode n : d.unityConnection()) {
                rules.add(rule("https", n.host(), n.port(), "/vmrest/", CUC_METHODS, "Unity Connection, " + d.name()));
            }
        }
        // Two domains sharing a node give the same rule twice but for the description; keep one.
        List<AllowRule> unique = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (AllowRule r : rules) {
            if (seen.add(r.url() + " " + r.methods())) {
                unique.add(r);
            }
        }
        return unique;
    }

    private static AllowRule rule(String scheme, String host, int port, String path, Set<String> methods,
                                  String description) {
        return new AllowRule(scheme, host, port, path, MatchType.PREFIX, methods, RuleOrigin.AUTOMATIC, description);
    }
}
