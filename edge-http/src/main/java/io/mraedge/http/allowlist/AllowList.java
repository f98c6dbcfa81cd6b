package io.mraedge.http.allowlist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable HTTP allow list: default deny, a request passes only when a rule for its
 * origin ({@code scheme://host:port}) matches its path and allows its method. Both roles hold
 * one: the edge checks the rules its connector reported, the connector checks its own again.
 * Lookup is by origin, then linear over that origin's few rules.
 */
public final class AllowList {
    /** Why a request passed or not. */
    public enum Verdict {
        ALLOWED,
        /** No rule matches the origin and path. */
        NO_RULE,
        /** A rule matches the origin and path but not the method. */
        METHOD_NOT_ALLOWED;

        public boolean allowed() {
            return this == ALLOWED;
        }
    }

    private static final AllowList EMPTY = new AllowList(List.of());

    private final List<AllowRule> rules;
    private final Map<String, List<AllowRule>> byOrigin;

    private AllowList(List<AllowRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, List<AllowRule>> index = new HashMap<>();
        for (AllowRule r : this.rules) {
            index.computeIfAbsent(originKey(r.scheme(), r.host(), r.port()), k -> new ArrayList<>()).add(r);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byOrigin = Map.copyOf(index);
    }

    public static AllowList of(List<AllowRule> rules) {
        return rules.isEmpty() ? EMPTY : new AllowList(rules);
    }

    public static AllowList empty() {
        return EMPTY;
    }

    public List<AllowRule> rules() {
        return rules;
    }

    /**
     * Checks one request.
     *
     * @param method upper-case method as sent
     * @param host canonical host (see {@link HostSyntax})
     * @param path the path as sent, without the query
     */
    public Verdict check(String method, String scheme, String host, int port, String path) {
        Objects.requireNonNull(method, "method");
        List<AllowRule> candidates = byOrigin.get(originKey(scheme, host, port));
        if (candidates == null) {
            return Verdict.NO_RULE;
        }
        boolean pathMatched = false;
        for (AllowRule rule : candidates) {
            if (rule.sameOrigin(scheme, host, port) && rule.matchesPath(path)) {
                if (rule.methods().contains(method)) {
                    return Verdict.ALLOWED;
                }
                pathMatched = true;
            }
        }
        return pathMatched ? Verdict.METHOD_NOT_ALLOWED : Verdict.NO_RULE;
    }

    private static String originKey(String scheme, String host, int port) {
        return scheme + "://" + host + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllowList other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "AllowList" + rules;
    }
}
