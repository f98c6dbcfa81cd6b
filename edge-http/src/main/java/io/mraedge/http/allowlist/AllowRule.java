package io.mraedge.http.allowlist;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP allow-list rule: requests to {@code scheme://host:port} whose path matches
 * {@code path} ({@link MatchType#EXACT} or {@link MatchType#PREFIX}) with one of
 * {@code methods} may be proxied to the inside.
 *
 * @param scheme      {@code http} or {@code https}
 * @param host        canonical host (see {@link HostSyntax})
 * @param port        1-65535
 * @param path        starts with {@code /}, in the strict form of {@link PathSyntax}
 * @param match       how the path is compared
 * @param methods     upper-case methods, at least one
 * @param origin      automatic (from UC nodes) or manual (operator)
 * @param description free text for operators; may be empty
 */
public record AllowRule(String scheme, String host, int port, String path, MatchType match, Set<String> methods,
                        RuleOrigin origin, String description) {
    /** The longest path segment a rule may name; requests have their own configured limit. */
    static final int MAX_RULE_SEGMENT = 1024;

    public AllowRule {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be http or https, got " + scheme);
        }
        if (HostSyntax.canonical(host).filter(host::equals).isEmpty()) {
            throw new IllegalArgumentException("\"" + host + "\" is not a lower-case DNS name or IPv4 address");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        Optional<String> pathProblem = PathSyntax.checkPath(path, MAX_RULE_SEGMENT);
        if (pathProblem.isPresent()) {
            throw new IllegalArgumentException("path \"" + path + "\": " + pathProblem.get());
        }
        Objects.requireNonNull(match, "match");
        methods = HttpMethods.parse(methods);
        Objects.requireNonNull(origin, "origin");
        description = description == null ? "" : description;
    }

    /**
     * A rule from a URL as operators write it ({@code https://cuc.example.int/vmrest/}); the port
     * defaults to 80 or 443 by scheme, the path to {@code /}.
     *
     * @throws IllegalArgumentException saying what is wrong with the URL
     */
    public static AllowRule fromUrl(String url, MatchType match, Set<String> methods, RuleOrigin origin,
                                    String description) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + url + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("\"" + url + "\" must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("\"" + url + "\" must not have user info, a query or a fragment");
        }
        String host = HostSyntax.canonical(uri.getHost() == null ? "" : uri.getHost())
                .orElseThrow(() -> new IllegalArgumentException("\"" + url
                        + "\" has no host, or one that is not a DNS name or IPv4 address"));
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new AllowRule(scheme, host, port, path, match, methods, origin, description);
    }

    /** {@code https://host:port/path} with the port always written. */
    public String url() {
        return scheme + "://" + host + ":" + port + path;
    }

    /** Whether this rule's origin is the one named. */
    boolean sameOrigin(String scheme, String host, int port) {
        return this.port == port && this.scheme.equals(scheme) && this.host.equals(host);
    }

    boolean matchesPath(String requestPath) {
        return match.matches(path, requestPath);
    }
}
